"""The status history of a work order, written through one named function."""

from __future__ import annotations

import uuid

from django.utils import timezone

from simon.tenants.types import User
from simon.workorders.events import work_order_status_changed
from simon.workorders.models import StatusChange, WorkOrder


def record_status_change(
    work_order: WorkOrder,
    *,
    from_status: str,
    to_status: str,
    by: User | None,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> StatusChange:
    """Write who changed the status when, and tell listeners (inside the caller's transaction).

    ``client_id``: the field app's id of a 'gereed melden' (see ``idempotency``)."""
    change = StatusChange.objects.create(
        organization_id=work_order.organization_id,
        work_order=work_order,
        from_status=from_status,
        to_status=to_status,
        by=by,
        at=timezone.now(),
        note=note,
        client_id=client_id,
    )
    work_order_status_changed.send(
        sender=WorkOrder,
        work_order=work_order,
        from_status=from_status,
        to_status=to_status,
        by=by,
        change=change,
    )
    return change
