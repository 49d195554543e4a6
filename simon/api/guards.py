"""Fetching the caller's work orders and telling a state conflict (409) from a refusal (403)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Prefetch, QuerySet

from simon.api.errors import Conflict
from simon.api.lookup import get_or_404
from simon.api.services import Caller
from simon.lib.errors import NotPermitted
from simon.workorders.errors import WorkOrderError
from simon.workorders.models import Assignment, WorkOrder, WorkOrderStatus
from simon.workorders.permissions import visible_work_orders

CLOSED = (WorkOrderStatus.COMPLETED, WorkOrderStatus.ARCHIVED)
ASSIGNMENTS = Assignment.objects.select_related("user").order_by("id")


def work_orders_of(who: Caller) -> QuerySet[WorkOrder]:
    """What the caller may see, with what the responses show, in one query per relation."""
    return (
        visible_work_orders(who.membership)
        .select_related("customer", "work_address")
        .prefetch_related(Prefetch("assignments", queryset=ASSIGNMENTS))
    )


def get_work_order(who: Caller, code: str) -> WorkOrder:
    """The work order with this code if the caller may see it; a 404 otherwise (another
    tenant's, another monteur's, or no such order all look the same)."""
    return get_or_404(work_orders_of(who), code, WorkOrder)


def _closed(work_order: WorkOrder) -> bool:
    status = WorkOrder.objects.filter(pk=work_order.pk).values_list("status", flat=True).first()
    return status in CLOSED


@contextmanager
def state_guard(work_order: WorkOrder) -> Iterator[None]:
    """A service refusal caused by the order's status (gereed gemeld, gearchiveerd) becomes a
    409 Conflict; one caused by who the caller is stays a 403, a bad input a 400.

    The status is read after the refusal, so it is the state that refused, not a stale copy.
    """
    try:
        yield
    except NotPermitted as exc:
        if exc.may_view and _closed(work_order):
            raise Conflict(exc.message) from None
        raise
    except WorkOrderError as exc:
        if exc.field is None and _closed(work_order):
            raise Conflict(exc.message) from None
        raise
