"""Registering time (werktijd, reistijd) and materials on a work order (SPEC S6, S8).

A monteur registers on orders they are planned on while open or planned, and only their own
hours; the office may correct anything until the order is archived. Raises WorkOrderError and
WorkOrderPermissionDenied.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils.translation import gettext as _

from simon.catalog.models import Article
from simon.tenants.models import Membership
from simon.tenants.types import User
from simon.workorders.errors import (
    RegistrationConflict,
    WorkOrderError,
    WorkOrderPermissionDenied,
)
from simon.workorders.models import MaterialLine, TimeEntry, TimeKind, WorkOrder
from simon.workorders.permissions import require_edit
from simon.workorders.services import correction_notes
from simon.workorders.services.common import check_member, lock
from simon.workorders.services.idempotency import earlier_registration, remember_removal

MAX_MINUTES_PER_ENTRY = 24 * 60
QUANTITY_STEP = Decimal("0.001")
MAX_QUANTITY = Decimal("999999999.999")  # what DecimalField(12, 3) can hold
# ASCII digits only: Decimal() also reads '1_000' and Arabic-Indic or full-width digits. A
# comma is the Dutch decimal separator; an exponent is what a JSON number may carry (1e+308).
_DECIMAL = re.compile(
    r"[+-]?(?:[0-9]{1,100}(?:[.,][0-9]{0,100})?|[.,][0-9]{1,100})(?:[eE][+-]?[0-9]{1,7})?",
    re.ASCII,
)
_WHOLE = re.compile(r"[+-]?[0-9]{1,12}(?:[.,]0{0,12})?", re.ASCII)


def compute_minutes(minutes: Any, start: time | None, end: time | None) -> int:
    """Minutes from start and end when given (whole minutes), else the given minutes, > 0."""
    if (start is None) != (end is None):
        raise WorkOrderError(_("Vul zowel de begin- als de eindtijd in."), field="end")
    if start is not None and end is not None:
        if end <= start:
            raise WorkOrderError(_("De eindtijd moet na de begintijd liggen."), field="end")
        seconds = (datetime.combine(date.min, end) - datetime.combine(date.min, start)).seconds
        computed = seconds // 60
        if minutes not in (None, "") and _as_int(minutes) != computed:
            raise WorkOrderError(
                _("Het aantal minuten past niet bij de begin- en eindtijd."), field="minutes"
            )
        minutes = computed
    if minutes in (None, ""):
        raise WorkOrderError(_("Vul het aantal minuten in."), field="minutes")
    value = _as_int(minutes)
    if value <= 0:
        raise WorkOrderError(_("Het aantal minuten moet groter dan 0 zijn."), field="minutes")
    if value > MAX_MINUTES_PER_ENTRY:
        raise WorkOrderError(_("Meer dan 24 uur in één regel kan niet."), field="minutes")
    return value


def _as_int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip() if isinstance(value, str | float | Decimal) else ""
    if not _WHOLE.fullmatch(text):
        raise WorkOrderError(_("Vul een geheel aantal minuten in."), field="minutes")
    return int(Decimal(text.replace(",", ".")))


def parse_quantity(value: Any) -> Decimal:
    """A quantity > 0 with at most 3 decimals, as Decimal (never rounded silently)."""
    if isinstance(value, bool) or value is None:
        raise WorkOrderError(_("Vul een aantal in."), field="quantity")
    text = str(value).strip()
    if not _DECIMAL.fullmatch(text):
        raise WorkOrderError(_("Vul een geldig aantal in."), field="quantity")
    try:
        quantity = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise WorkOrderError(_("Vul een geldig aantal in."), field="quantity") from None
    if quantity <= 0:
        raise WorkOrderError(_("Het aantal moet groter dan 0 zijn."), field="quantity")
    # Before quantize(): a value beyond the decimal context's precision makes it raise.
    if quantity > MAX_QUANTITY:
        raise WorkOrderError(_("Dit aantal is te groot."), field="quantity")
    if quantity != quantity.quantize(QUANTITY_STEP, rounding="ROUND_DOWN"):
        raise WorkOrderError(_("Gebruik maximaal 3 decimalen."), field="quantity")
    return quantity


def _author_id(row: TimeEntry | MaterialLine) -> int | None:
    """Who made a registration: the monteur whose hours they are, or who added the material."""
    if isinstance(row, TimeEntry):
        return row.employee_id
    return row.created_by_id


def _check_kind(kind: str) -> str:
    if kind not in TimeKind.values:
        raise WorkOrderError(_("Kies werktijd of reistijd."), field="kind")
    return kind


def _check_own_hours(membership: Membership | None, by: User | None, employee: Any) -> None:
    author = by.pk if by is not None else None  # a membership is always someone's
    if membership is not None and not membership.is_office and employee.pk != author:
        raise WorkOrderPermissionDenied(_("Je kunt alleen je eigen uren registreren."))


def _create_once(create: Callable[[], Model], client_id: uuid.UUID | None) -> Any:
    """Run ``create``; a clash on the app-id (the same id sent for two work orders at once)
    is the app's fault, not a server error. The work order's lock serializes the replays of
    one registration, which find the first row before they get here."""
    if client_id is None:
        return create()
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        raise RegistrationConflict(
            _("Deze app-id is al gebruikt voor een andere registratie."), field="client_id"
        ) from None


def add_time_entry(
    work_order: WorkOrder,
    *,
    by: User | None,
    employee: Any,
    kind: str,
    date: date,
    minutes: Any = None,
    start: time | None = None,
    end: time | None = None,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> TimeEntry:
    """Register minutes, or a start and end time, for one employee on one day.

    With a ``client_id`` that was booked before, returns that entry and books nothing (see
    ``idempotency``).
    """
    with transaction.atomic():
        current = lock(work_order)
        earlier = earlier_registration(
            TimeEntry, current.organization_id, client_id, by=by, work_order_code=current.code
        )
        if earlier is not None:
            return earlier
        membership = require_edit(by, current)
        check_member(current.organization, employee)
        _check_own_hours(membership, by, employee)
        if date is None:
            raise WorkOrderError(_("Kies een datum."), field="date")
        fields = {
            "organization_id": current.organization_id,
            "work_order": current,
            "employee": employee,
            "kind": _check_kind(kind),
            "date": date,
            "start_time": start,
            "end_time": end,
            "minutes": compute_minutes(minutes, start, end),
            "note": (note or "").strip(),
            "created_by": by,
            "client_id": client_id,
        }
        entry: TimeEntry = _create_once(lambda: TimeEntry.objects.create(**fields), client_id)
        if correction_notes.is_correction(current, membership, by, None):
            correction_notes.write(
                current, by, correction_notes.hours_note(None, correction_notes.hours_facts(entry))
            )
        return entry


def update_time_entry(entry: TimeEntry, *, by: User | None, **fields: Any) -> TimeEntry:
    """Change employee, kind, date, minutes, start, end or note.

    Giving only ``minutes`` replaces a start/end span; giving ``start``/``end`` recomputes
    the minutes.
    """
    unknown = set(fields) - {"employee", "kind", "date", "minutes", "start", "end", "note"}
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        current = lock(entry.work_order)
        membership = require_edit(by, current)
        entry.refresh_from_db()
        _check_own_hours(membership, by, entry.employee)
        before = correction_notes.hours_facts(entry)
        if "employee" in fields:
            check_member(current.organization, fields["employee"])
            _check_own_hours(membership, by, fields["employee"])
            entry.employee = fields["employee"]
        if "kind" in fields:
            entry.kind = _check_kind(fields["kind"])
        if "date" in fields:
            if fields["date"] is None:
                raise WorkOrderError(_("Kies een datum."), field="date")
            entry.date = fields["date"]
        if "note" in fields:
            entry.note = (fields["note"] or "").strip()
        if {"minutes", "start", "end"} & set(fields):
            span_given = "start" in fields or "end" in fields
            start = fields.get("start", entry.start_time) if span_given else None
            end = fields.get("end", entry.end_time) if span_given else None
            entry.minutes = compute_minutes(fields.get("minutes"), start, end)
            entry.start_time, entry.end_time = start, end
        entry.save()
        if correction_notes.is_correction(current, membership, by, _author_id(entry)):
            correction_notes.write(
                current,
                by,
                correction_notes.hours_note(before, correction_notes.hours_facts(entry)),
            )
    return entry


def delete_time_entry(entry: TimeEntry, *, by: User | None) -> None:
    with transaction.atomic():
        current = lock(entry.work_order)
        membership = require_edit(by, current)
        _check_own_hours(membership, by, entry.employee)
        remember_removal(entry, by=by)
        TimeEntry.objects.filter(pk=entry.pk).delete()
        if correction_notes.is_correction(current, membership, by, _author_id(entry)):
            correction_notes.write(
                current, by, correction_notes.hours_note(correction_notes.hours_facts(entry), None)
            )


def _check_article(work_order: WorkOrder, article: Article, current: Article | None) -> Article:
    if not isinstance(article, Article) or article.organization_id != work_order.organization_id:
        raise WorkOrderError(_("Onbekend artikel."), field="article")
    if not article.active and (current is None or current.pk != article.pk):
        raise WorkOrderError(_("Dit artikel is niet meer beschikbaar."), field="article")
    return article


def add_material(
    work_order: WorkOrder,
    *,
    by: User | None,
    article: Article,
    quantity: Any,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> MaterialLine:
    """Add an article with a quantity (> 0) at the end of the order's material lines.

    With a ``client_id`` that was booked before, returns that line and adds nothing.
    """
    with transaction.atomic():
        current = lock(work_order)
        earlier = earlier_registration(
            MaterialLine, current.organization_id, client_id, by=by, work_order_code=current.code
        )
        if earlier is not None:
            return earlier
        membership = require_edit(by, current)
        last = current.material_lines.aggregate(last=Max("position"))["last"] or 0
        fields = {
            "organization_id": current.organization_id,
            "work_order": current,
            "article": _check_article(current, article, None),
            "quantity": parse_quantity(quantity),
            "note": (note or "").strip(),
            "position": last + 1,
            "created_by": by,
            "client_id": client_id,
        }
        line: MaterialLine = _create_once(lambda: MaterialLine.objects.create(**fields), client_id)
        if correction_notes.is_correction(current, membership, by, None):
            correction_notes.write(
                current,
                by,
                correction_notes.material_note(None, correction_notes.material_facts(line)),
            )
        return line


def update_material(line: MaterialLine, *, by: User | None, **fields: Any) -> MaterialLine:
    """Change the article, quantity or note of a material line."""
    unknown = set(fields) - {"article", "quantity", "note"}
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        current = lock(line.work_order)
        membership = require_edit(by, current)
        line.refresh_from_db()
        before = correction_notes.material_facts(line)
        if "article" in fields:
            line.article = _check_article(current, fields["article"], line.article)
        if "quantity" in fields:
            line.quantity = parse_quantity(fields["quantity"])
        if "note" in fields:
            line.note = (fields["note"] or "").strip()
        line.save()
        if correction_notes.is_correction(current, membership, by, _author_id(line)):
            after = correction_notes.material_facts(line)
            correction_notes.write(current, by, correction_notes.material_note(before, after))
    return line


def delete_material(line: MaterialLine, *, by: User | None) -> None:
    with transaction.atomic():
        current = lock(line.work_order)
        membership = require_edit(by, current)
        remember_removal(line, by=by)
        MaterialLine.objects.filter(pk=line.pk).delete()
        if correction_notes.is_correction(current, membership, by, _author_id(line)):
            before = correction_notes.material_facts(line)
            correction_notes.write(current, by, correction_notes.material_note(before, None))
