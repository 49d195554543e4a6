"""How long the integration's own history is kept (issue 11: tables must not grow without end).

A sync every minute writes about 1,440 ``SyncRun`` rows per organization per day, nearly all of
them idle (nothing read, nothing wrong). What the screens need:

- the health panel charts the last 24 hours of runs (``health.activity``);
- the technical log lists runs, newest first, to find what went wrong;
- 'Logging' shows the user's messages; open warnings and errors are the ones that matter.

So, by default (each configurable, see README):

- idle successful runs are kept ``SIMON_KEEP_IDLE_RUNS_HOURS`` (48 h: the chart, and yesterday);
- every other run (records read, or failed) ``SIMON_KEEP_RUNS_DAYS`` (30 days);
- log messages ``SIMON_KEEP_LOG_DAYS`` (180 days) after they were last seen, except open
  warnings and errors, which stay until they are resolved.

Sales order exports and their attempts are a work order's history and are never pruned.
Deletion goes in batches, so a first prune of a large table never holds a long lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from simon.snelstart_sync.models import Kind, LogMessage, SyncRun

BATCH = 5_000


@dataclass(frozen=True)
class Pruned:
    idle_runs: int
    runs: int
    log_messages: int


def _delete_in_batches(queryset: QuerySet[Any]) -> int:
    total = 0
    while True:
        ids = list(queryset.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return total
        deleted, _ = queryset.model.objects.filter(pk__in=ids).delete()
        total += deleted


def prune(now: datetime | None = None) -> Pruned:
    """Delete history older than the retention settings, for every organization."""
    now = now or timezone.now()
    idle_before = now - timedelta(hours=settings.SIMON_KEEP_IDLE_RUNS_HOURS)
    runs_before = now - timedelta(days=settings.SIMON_KEEP_RUNS_DAYS)
    log_before = now - timedelta(days=settings.SIMON_KEEP_LOG_DAYS)
    idle = _delete_in_batches(
        SyncRun.objects.filter(started_at__lt=idle_before, ok=True, records=0)
    )
    # A run that never finished and is this old died with its worker (a lease lasts minutes).
    runs = _delete_in_batches(SyncRun.objects.filter(started_at__lt=runs_before))
    still_open = Q(resolved=False, kind__in=(Kind.WARNING, Kind.ERROR))
    messages = _delete_in_batches(
        LogMessage.objects.filter(last_seen__lt=log_before).exclude(still_open)
    )
    return Pruned(idle, runs, messages)
