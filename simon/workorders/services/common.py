"""Checks shared by the work order services."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from simon.tenants.models import Membership, Organization
from simon.workorders.errors import WorkOrderError
from simon.workorders.models import WorkOrder


def lock(work_order: WorkOrder) -> WorkOrder:
    """Re-read the order in place with a row lock, so checks see the state the write changes.

    Must be called inside ``transaction.atomic()``. On SQLite the IMMEDIATE transaction already
    holds the database's write lock, which serializes writers the same way. The caller's
    instance is refreshed, so it shows the outcome of the service afterwards.
    """
    work_order.refresh_from_db(from_queryset=WorkOrder.objects.select_for_update())
    return work_order


def check_employees(organization: Organization, employees: Iterable[Any]) -> list[Any]:
    """The users, deduplicated; each must be a member of the organization."""
    users = list(dict.fromkeys(employees))
    member_ids = set(
        Membership.objects.filter(
            organization=organization, user_id__in=[u.pk for u in users]
        ).values_list("user_id", flat=True)
    )
    for user in users:
        if not isinstance(user, get_user_model()) or user.pk not in member_ids:
            raise WorkOrderError(
                _("%(name)s hoort niet bij deze organisatie.") % {"name": user},
                field="employees",
            )
    return users


def check_member(organization: Organization, user: Any, field: str = "employee") -> None:
    if not Membership.objects.filter(organization=organization, user_id=user.pk).exists():
        raise WorkOrderError(
            _("%(name)s hoort niet bij deze organisatie.") % {"name": user}, field=field
        )


def check_times(start: time | None, end: time | None) -> None:
    if start is not None and end is not None and end <= start:
        raise WorkOrderError(_("De eindtijd moet na de begintijd liggen."), field="planned_end")
