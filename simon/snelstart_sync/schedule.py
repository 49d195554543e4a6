"""When an organization syncs and cleans up: exactly once per interval (S31, issue 11).

Every minute each worker's scheduler ticks (with several workers, several ticks), and a sync
for an interval shorter than a minute must also run between ticks. Whatever asks for a sync
(a tick, the follow-up a sync schedules for itself, a worker that restarted) first *claims*
the due time with one compare-and-set on ``next_sync_at``: only one asker wins each due time,
and the winner moves ``next_sync_at`` one interval on. So there is one sync per organization
per interval however many workers, ticks, restarts and leftover follow-ups there are; a
follow-up that loses simply ends, and nothing multiplies.

A failed sync moves ``next_sync_at`` further (back-off); a follow-up then finds it not due and
ends, and a tick takes the organization up again when it is due.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from simon.snelstart_sync.models import RUNNING_STATES, Connection

Kind = Literal["sync", "cleanup"]

# Huey ticks once a minute; a sync that started a moment after the previous tick is due again
# at this one, not a minute later.
DUE_GRACE = timedelta(seconds=15)

_FIELD = {"sync": "next_sync_at", "cleanup": "next_cleanup_at"}


def interval(kind: Kind = "sync") -> timedelta:
    if kind == "sync":
        return timedelta(seconds=settings.SNELSTART_SYNC_INTERVAL_SECONDS)
    return timedelta(hours=settings.SNELSTART_CLEANUP_INTERVAL_HOURS)


def grace(kind: Kind = "sync") -> timedelta:
    """How early a due time may be taken. Intervals of a minute or more are served by the
    minute's tick, which may come a little before the due time; shorter ones by follow-ups at
    the due time itself, and an early claim there would let a second follow-up chain run ahead
    of the first."""
    return DUE_GRACE if interval(kind) >= timedelta(minutes=1) else timedelta(0)


def due_organizations(kind: Kind, now: datetime | None = None) -> list[int]:
    """Organizations whose sync (or clean-up) is due now, give or take the tick's grace."""
    limit = (now or timezone.now()) + grace(kind)
    field = _FIELD[kind]
    due = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": limit})
    return list(
        Connection.objects.filter(state__in=RUNNING_STATES)
        .filter(due)
        .values_list("organization_id", flat=True)
    )


def _next(due: datetime | None, now: datetime, every: timedelta) -> datetime:
    """One interval after the due time, keeping the cadence; after a long gap (a pause, a
    stopped worker) one interval from now, so missed runs are not made up in a burst."""
    if due is None or due + every <= now:
        return now + every
    return due + every


def claim(organization_id: int, kind: Kind = "sync", now: datetime | None = None) -> bool:
    """Take this organization's due sync (or clean-up); False when it is not due, not
    running, or another asker took this due time first."""
    now = now or timezone.now()
    field = _FIELD[kind]
    row = (
        Connection.objects.filter(organization_id=organization_id, state__in=RUNNING_STATES)
        .values("pk", field)
        .first()
    )
    if row is None:
        return False
    due = row[field]
    if due is not None and due > now + grace(kind):
        return False
    unchanged = Q(**{f"{field}__isnull": True}) if due is None else Q(**{field: due})
    taken = (
        Connection.objects.filter(pk=row["pk"], state__in=RUNNING_STATES)
        .filter(unchanged)
        .update(**{field: _next(due, now, interval(kind))})
    )
    return taken == 1


def next_due(organization_id: int, kind: Kind = "sync") -> datetime | None:
    """When this organization's next sync is due; None when it does not run."""
    return (
        Connection.objects.filter(organization_id=organization_id, state__in=RUNNING_STATES)
        .values_list(_FIELD[kind], flat=True)
        .first()
    )
