"""Who may see and change which work order: the rules in one place (SPEC S6, S8).

- Office (beheerder, kantoor) sees every work order of the organization and may change any that
  is not archived, including correcting hours and materials after 'gereed melden' (S8).
- A monteur sees only work orders they are planned on, and works on them only while open or
  planned: after 'gereed melden' the order is the office's. A monteur may create a work order
  on site; it is then planned on themselves.
- Archived work orders are read-only for everyone, with one exception: when an integration
  could not deliver one (SnelStart refused the sales order), the office may correct its
  customer, work address and material articles and send it again (``can_correct``).

Services raise ``WorkOrderPermissionDenied`` (``may_view=False`` when the user may not even see
the order, which views turn into 404).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from simon.lib import work_order_hooks
from simon.tenants.membership import membership_of
from simon.workorders.errors import WorkOrderPermissionDenied
from simon.workorders.models import WorkOrder, WorkOrderStatus

if TYPE_CHECKING:
    from simon.tenants.models import Membership, Organization

FIELD_EDITABLE = (WorkOrderStatus.OPEN, WorkOrderStatus.PLANNED)


def is_assigned(user: Any, work_order: WorkOrder) -> bool:
    return work_order.assignments.filter(user=user).exists()


def can_view(membership: Membership | None, work_order: WorkOrder) -> bool:
    if membership is None or membership.organization_id != work_order.organization_id:
        return False
    return membership.is_office or is_assigned(membership.user, work_order)


def can_edit(membership: Membership | None, work_order: WorkOrder) -> bool:
    """May register time, materials and form answers, and change the order's data."""
    if not can_view(membership, work_order) or work_order.status == WorkOrderStatus.ARCHIVED:
        return False
    assert membership is not None
    return membership.is_office or work_order.status in FIELD_EDITABLE


def can_manage(membership: Membership | None, work_order: WorkOrder) -> bool:
    """Office work on an order: change its header, reopen it, archive it."""
    return (
        membership is not None
        and membership.is_office
        and membership.organization_id == work_order.organization_id
    )


def can_correct(membership: Membership | None, work_order: WorkOrder) -> bool:
    """Office correcting an archived order that an integration could not deliver."""
    return (
        can_manage(membership, work_order)
        and work_order.status == WorkOrderStatus.ARCHIVED
        and work_order_hooks.correction_allowed(work_order)
    )


def can_create(membership: Membership | None, organization: Organization) -> bool:
    return membership is not None and membership.organization_id == organization.pk


def visible_work_orders(membership: Membership | None) -> QuerySet[WorkOrder]:
    """The work orders this member may see, for lists and the API."""
    if membership is None:
        return WorkOrder.objects.none()
    qs = WorkOrder.objects.filter(organization_id=membership.organization_id)
    if not membership.is_office:
        qs = qs.filter(assignments__user_id=membership.user_id)
    return qs


def require_view(user: Any, work_order: WorkOrder) -> Membership | None:
    """The acting user's membership when they may see the order; None for the system."""
    if user is None:
        return None
    membership = membership_of(user, work_order.organization)
    if not can_view(membership, work_order):
        raise WorkOrderPermissionDenied(_("Werkbon niet gevonden."), may_view=False)
    return membership


def require_edit(user: Any, work_order: WorkOrder) -> Membership | None:
    """Archived orders are read-only even for the system; the others as ``can_edit`` says."""
    membership = require_view(user, work_order)
    if work_order.status == WorkOrderStatus.ARCHIVED or (
        user is not None and not can_edit(membership, work_order)
    ):
        raise WorkOrderPermissionDenied(_read_only_reason(work_order))
    return membership


def require_correct(user: Any, work_order: WorkOrder) -> Membership | None:
    membership = require_view(user, work_order)
    if user is not None and not can_manage(membership, work_order):
        raise WorkOrderPermissionDenied(_("Alleen kantoormedewerkers mogen dit doen."))
    if work_order.status != WorkOrderStatus.ARCHIVED or not work_order_hooks.correction_allowed(
        work_order
    ):
        raise WorkOrderPermissionDenied(_read_only_reason(work_order))
    return membership


def require_manage(user: Any, work_order: WorkOrder) -> Membership | None:
    membership = require_view(user, work_order)
    if user is not None and not can_manage(membership, work_order):
        raise WorkOrderPermissionDenied(_("Alleen kantoormedewerkers mogen dit doen."))
    return membership


def _read_only_reason(work_order: WorkOrder) -> str:
    if work_order.status == WorkOrderStatus.ARCHIVED:
        return _("Deze werkbon is gearchiveerd en kan niet meer worden gewijzigd.")
    return _("Deze werkbon is gereed gemeld; alleen kantoor kan hem nog wijzigen.")
