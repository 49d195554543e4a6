"""Which exports are due again: for the job's own follow-up and for the periodic sweep."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from simon.snelstart_sync.models import RUNNING_STATES, ExportState, SalesOrderExport

# The normal path hands an export to the queue at once; the sweep leaves it this long to do so,
# so that it does not race the hand-off it is a safety net for.
HAND_OFF_GRACE = timedelta(seconds=30)
# At most this many per sweep; the next sweep takes the rest (the queue stays small).
SWEEP_BATCH = 1000


def due_again(export_id: int) -> datetime | None:
    """When a pending export should be tried next; None when it is not pending."""
    return (
        SalesOrderExport.objects.filter(pk=export_id, state=ExportState.PENDING)
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def overdue_exports(now: datetime | None = None) -> list[int]:
    now = now or timezone.now()
    overdue = Q(state=ExportState.PENDING, next_attempt_at__lte=now - HAND_OFF_GRACE) | Q(
        state=ExportState.SENDING, claim_expires_at__lt=now
    )
    return list(
        SalesOrderExport.objects.filter(overdue)
        .filter(
            organization__snelstart_connection__state__in=RUNNING_STATES,
        )
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
