"""Creating, planning and moving work orders through their statuses (SPEC S6-S8).

Every function takes the acting user as ``by`` (None: the system, e.g. the integration) and
raises ``WorkOrderError`` (a rule) or ``WorkOrderPermissionDenied`` (who may do it). Status
moves are conditional UPDATEs on the expected status, so two users acting at once cannot both
win (never check-then-act), and each move is recorded with ``record_status_change``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simon.customers.models import Customer, WorkAddress
from simon.lib import work_order_hooks
from simon.lib.choices import Source
from simon.tenants.membership import membership_of
from simon.tenants.models import Organization
from simon.tenants.types import User
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.events import work_order_archived
from simon.workorders.models import Assignment, StatusChange, WorkOrder, WorkOrderStatus
from simon.workorders.permissions import FIELD_EDITABLE, can_create, require_edit, require_manage
from simon.workorders.services.common import check_employees, check_times, lock
from simon.workorders.services.history import record_status_change
from simon.workorders.services.idempotency import earlier_registration
from simon.workorders.services.numbers import allocate_number

S = WorkOrderStatus
HEADER_FIELDS = ("customer", "work_address", "description", "customer_reference")


def _check_customer_and_address(
    organization: Organization,
    customer: Customer | None,
    work_address: WorkAddress | None,
    current: WorkOrder | None = None,
) -> None:
    """Both must be of this organization, the address of this customer; new picks active."""
    if customer is not None:
        if customer.organization_id != organization.pk:
            raise WorkOrderError(_("Onbekende klant."), field="customer")
        unchanged = current is not None and current.customer_id == customer.pk
        if not customer.active and not unchanged:
            raise WorkOrderError(_("Deze klant is niet meer actief."), field="customer")
    if work_address is not None:
        if work_address.organization_id != organization.pk:
            raise WorkOrderError(_("Onbekend werkadres."), field="work_address")
        if customer is None or work_address.customer_id != customer.pk:
            raise WorkOrderError(
                _("Het werkadres hoort niet bij de klant van de werkbon."), field="work_address"
            )
        unchanged = current is not None and current.work_address_id == work_address.pk
        if not work_address.active and not unchanged:
            raise WorkOrderError(_("Dit werkadres is niet meer actief."), field="work_address")


def _check_reference(reference: str) -> str:
    reference = (reference or "").strip()
    if len(reference) > 100:
        raise WorkOrderError(
            _("De klantreferentie mag maximaal 100 tekens lang zijn."), field="customer_reference"
        )
    return reference


def _check_planning(date_: date | None, start: time | None, end: time | None) -> None:
    if date_ is None and (start is not None or end is not None):
        raise WorkOrderError(_("Kies eerst een datum."), field="planned_date")
    check_times(start, end)


def create_work_order(
    organization: Organization,
    *,
    by: User | None,
    customer: Customer | None = None,
    work_address: WorkAddress | None = None,
    description: str = "",
    customer_reference: str = "",
    planned_date: date | None = None,
    planned_start: time | None = None,
    planned_end: time | None = None,
    employees: Iterable[Any] = (),
    source: str = Source.LOCAL,
    snelstart_order_id: uuid.UUID | None = None,
    note: str = "",
) -> WorkOrder:
    """Create a work order, 'ingepland' right away when it has a date (then with employees).

    A monteur's order is planned on themselves (created on site). ``note`` goes into the first
    line of its history (e.g. where it came from). Raises WorkOrderError,
    WorkOrderPermissionDenied.
    """
    membership = None
    if by is not None:
        membership = membership_of(by, organization)
        if not can_create(membership, organization):
            raise WorkOrderPermissionDenied(
                _("Je hoort niet bij deze organisatie."), may_view=False
            )
    _check_customer_and_address(organization, customer, work_address)
    _check_planning(planned_date, planned_start, planned_end)
    people = check_employees(organization, employees)
    if membership is not None and not membership.is_office and by not in people:
        people.insert(0, by)
    if planned_date is not None and not people:
        raise WorkOrderError(_("Kies minstens één medewerker."), field="employees")
    status = S.PLANNED if planned_date is not None else S.OPEN
    try:
        with transaction.atomic():
            work_order = WorkOrder.objects.create(
                organization=organization,
                number=allocate_number(organization),
                customer=customer,
                work_address=work_address,
                description=(description or "").strip(),
                customer_reference=_check_reference(customer_reference),
                status=status,
                planned_date=planned_date,
                planned_start=planned_start,
                planned_end=planned_end,
                source=source,
                snelstart_order_id=snelstart_order_id,
                created_by=by,
            )
            Assignment.objects.bulk_create(
                [Assignment(work_order=work_order, user=user) for user in people]
            )
            record_status_change(work_order, from_status="", to_status=status, by=by, note=note)
    except IntegrityError:
        # Only the SnelStart order id can clash: the number comes from a locked counter.
        raise WorkOrderError(_("Deze SnelStart-verkooporder is al een werkbon.")) from None
    return work_order


def update_work_order(work_order: WorkOrder, *, by: User | None, **fields: Any) -> WorkOrder:
    """Change customer, work address, description or customer reference (office, not archived)."""
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        current = lock(work_order)
        require_manage(by, current)
        require_edit(by, current)
        customer = fields.get("customer", current.customer)
        address = fields.get("work_address", current.work_address)
        _check_customer_and_address(current.organization, customer, address, current)
        current.customer = customer
        current.work_address = address
        if "description" in fields:
            current.description = (fields["description"] or "").strip()
        if "customer_reference" in fields:
            current.customer_reference = _check_reference(fields["customer_reference"])
        current.save()
    return current


def plan_work_order(
    work_order: WorkOrder,
    *,
    by: User | None,
    date: date,
    start: time | None = None,
    end: time | None = None,
    employees: Iterable[Any],
) -> WorkOrder:
    """Plan an open or planned order on a date for one or more employees -> 'ingepland'.

    A monteur may plan only orders they work on, and stays planned on it themselves.
    """
    with transaction.atomic():
        current = lock(work_order)
        membership = require_edit(by, current)
        if current.status not in FIELD_EDITABLE:
            raise WorkOrderError(_("Alleen open of ingeplande werkbonnen kunnen worden ingepland."))
        if date is None:
            raise WorkOrderError(_("Kies een datum."), field="planned_date")
        check_times(start, end)
        people = check_employees(current.organization, employees)
        if membership is not None and not membership.is_office and by not in people:
            people.insert(0, by)
        if not people:
            raise WorkOrderError(_("Kies minstens één medewerker."), field="employees")
        changed = WorkOrder.objects.filter(pk=current.pk, status__in=FIELD_EDITABLE).update(
            status=S.PLANNED,
            planned_date=date,
            planned_start=start,
            planned_end=end,
            modified=timezone.now(),
        )
        if changed != 1:  # pragma: no cover - the row lock makes this unreachable
            raise WorkOrderError(_("Alleen open of ingeplande werkbonnen kunnen worden ingepland."))
        current.assignments.exclude(user__in=people).delete()
        have = set(current.assignments.values_list("user_id", flat=True))
        Assignment.objects.bulk_create(
            [Assignment(work_order=current, user=u) for u in people if u.pk not in have]
        )
        if current.status != S.PLANNED:
            record_status_change(current, from_status=current.status, to_status=S.PLANNED, by=by)
    current.refresh_from_db()
    return current


def _move(
    work_order: WorkOrder,
    *,
    by: User | None,
    allowed_from: tuple[str, ...],
    to: str,
    refusal: str,
    client_id: uuid.UUID | None = None,
    **extra: Any,
) -> WorkOrder:
    """Conditional status update: only a row still in ``allowed_from`` moves; else WorkOrderError.

    The status read for the history row comes first; when another transaction moves the order
    in between, the UPDATE matches nothing and the caller gets the refusal, never a wrong row.
    """
    previous = WorkOrder.objects.filter(pk=work_order.pk).values_list("status", flat=True).get()
    changed = WorkOrder.objects.filter(pk=work_order.pk, status__in=allowed_from).update(
        status=to, modified=timezone.now(), **extra
    )
    if changed != 1:
        raise WorkOrderError(refusal)
    record_status_change(work_order, from_status=previous, to_status=to, by=by, client_id=client_id)
    work_order.refresh_from_db()
    return work_order


def report_complete(
    work_order: WorkOrder, *, by: User | None, client_id: uuid.UUID | None = None
) -> WorkOrder:
    """'Gereed melden': open or planned -> 'gereed gemeld', with completed_at.

    With the ``client_id`` of an earlier 'gereed melden' by the same person, the order is
    returned as it is now and nothing moves (the field app sent it again; see idempotency).
    """
    with transaction.atomic():
        current = lock(work_order)
        if earlier_registration(
            StatusChange, current.organization_id, client_id, by=by, work_order_code=current.code
        ):
            return current
        require_edit(by, current)
        current = _move(
            current,
            by=by,
            allowed_from=FIELD_EDITABLE,
            to=S.COMPLETED,
            refusal=_("Alleen open of ingeplande werkbonnen kunnen gereed worden gemeld."),
            client_id=client_id,
            completed_at=timezone.now(),
        )
    return current


def reopen(work_order: WorkOrder, *, by: User | None) -> WorkOrder:
    """Office: 'gereed gemeld' -> 'ingepland' (or 'open' when it has no planning)."""
    with transaction.atomic():
        current = lock(work_order)
        require_manage(by, current)
        require_edit(by, current)
        planned = current.planned_date is not None and current.assignments.exists()
        current = _move(
            current,
            by=by,
            allowed_from=(S.COMPLETED,),
            to=S.PLANNED if planned else S.OPEN,
            refusal=_("Alleen gereed gemelde werkbonnen kunnen worden heropend."),
            completed_at=None,
        )
    return current


def archive(work_order: WorkOrder, *, by: User | None) -> WorkOrder:
    """Office: 'gereed gemeld' -> 'gearchiveerd' (S8), the step that sends it to SnelStart (S9).

    ``work_order_archived`` is sent inside this transaction: a receiver's writes (the export
    intent) commit with the archive, and a receiver that raises undoes it. An integration that
    cannot deliver this order (no customer while SnelStart runs, S7) refuses it up front.
    """
    with transaction.atomic():
        require_manage(by, work_order)
        current = lock(work_order)
        if current.status == S.COMPLETED:
            reason = work_order_hooks.archive_refusal(current)
            if reason:
                raise WorkOrderError(reason)
        try:
            current = _move(
                work_order,
                by=by,
                allowed_from=(S.COMPLETED,),
                to=S.ARCHIVED,
                refusal=_("Alleen gereed gemelde werkbonnen kunnen worden gearchiveerd."),
                archived_at=timezone.now(),
            )
        except WorkOrderError:
            # Read after the refused UPDATE: a concurrent archive that won is visible by now.
            status = WorkOrder.objects.filter(pk=work_order.pk).values_list("status", flat=True)
            if status.first() == S.ARCHIVED:
                raise WorkOrderError(_("Deze werkbon is al gearchiveerd.")) from None
            raise
        work_order_archived.send(sender=WorkOrder, work_order=current, by=by)
    return current


@dataclass
class ArchiveResult:
    archived: list[WorkOrder] = field(default_factory=list)
    refused: list[tuple[WorkOrder, str]] = field(default_factory=list)
    # Codes that are not work orders of this organization; never archived.
    unknown: list[str] = field(default_factory=list)


def archive_many(
    organization: Organization, codes: Iterable[Any], *, by: User | None
) -> ArchiveResult:
    """The overview's 'Archiveren' button: archive each order on its own, report the others."""
    if by is not None:
        membership = membership_of(by, organization)
        if membership is None or not membership.is_office:
            raise WorkOrderPermissionDenied(_("Alleen kantoormedewerkers mogen archiveren."))
    result = ArchiveResult()
    for code in dict.fromkeys(str(c) for c in codes):
        try:
            work_order = WorkOrder.objects.filter(organization=organization, code=code).first()
        except (ValidationError, ValueError):
            work_order = None
        if work_order is None:
            result.unknown.append(code)
            continue
        try:
            result.archived.append(archive(work_order, by=by))
        except WorkOrderError as error:
            result.refused.append((work_order, error.message))
    return result
