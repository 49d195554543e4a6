"""Huey jobs of the integration: thin, take ids, call one service (schedules in one place)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from simon.snelstart_sync import cleanup, sync
from simon.snelstart_sync.models import RUNNING_STATES, Connection
from simon.snelstart_sync.push import send, sweep

log = logging.getLogger("simon.snelstart_sync")


# Huey ticks once a minute; a sync that started a moment after the previous tick is due
# again at this one, not a minute later.
DUE_GRACE = timedelta(seconds=15)


def due_organizations(kind: str) -> list[int]:
    """Organizations whose sync (or clean-up) is due now."""
    now = timezone.now() + DUE_GRACE
    field = "next_sync_at" if kind == "sync" else "next_cleanup_at"
    due = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": now})
    return list(
        Connection.objects.filter(state__in=RUNNING_STATES)
        .filter(due)
        .values_list("organization_id", flat=True)
    )


@db_task()
def sync_organization_task(organization_id: int) -> None:
    sync.sync_organization(organization_id)
    if settings.SNELSTART_SYNC_INTERVAL_SECONDS < 60:
        # Periodic tasks have minute resolution; shorter intervals re-enqueue themselves.
        sync_organization_task.schedule(
            (organization_id,), delay=settings.SNELSTART_SYNC_INTERVAL_SECONDS
        )


@db_task()
def cleanup_organization_task(organization_id: int) -> None:
    cleanup.cleanup_organization(organization_id)


@db_task()
def send_export_task(export_id: int) -> None:
    """Send one archived work order; when it must wait (back-off, a lookup not yet due), come
    back at the moment it is due. The sweep catches anything this misses."""
    outcome = send.send_export(export_id)
    if outcome in send.ENDS_THE_CHAIN:
        return  # the sweep takes it up once the integration runs again
    due = sweep.due_again(export_id)
    if due is not None:
        send_export_task.schedule((export_id,), eta=due)


def tick() -> dict[str, int]:
    """Enqueue a sync for every organization that is due, and a clean-up for every one whose
    clean-up is due. The lease in the services makes a double enqueue harmless."""
    syncs = due_organizations("sync")
    for organization_id in syncs:
        sync_organization_task(organization_id)
    cleanups = due_organizations("cleanup")
    for organization_id in cleanups:
        cleanup_organization_task(organization_id)
    return {"sync": len(syncs), "cleanup": len(cleanups)}


# The schedule table: every job that runs by itself, in one place.
TICK = crontab(minute="*")


@db_periodic_task(TICK)
def scheduler_tick() -> None:
    counts = tick()
    if counts["sync"] or counts["cleanup"]:
        log.info("tick: %(sync)d syncs and %(cleanup)d clean-ups enqueued", counts)


def sweep_exports() -> int:
    """Sales orders whose hand-off was lost (process killed after the commit, queue down) or
    whose worker died mid-send: enqueue them again. Claims make a double enqueue harmless."""
    overdue = sweep.overdue_exports()
    for export_id in overdue:
        send_export_task(export_id)
    if overdue:
        log.info("export sweep: %d overdue sales orders enqueued", len(overdue))
    return len(overdue)


@db_task()
def export_sweep_task() -> None:
    sweep_exports()


@db_periodic_task(TICK)
def export_sweep() -> None:
    """Sweep now and, when ``SIMON_EXPORT_SWEEP_INTERVAL`` is below a minute, schedule the rest
    of this minute's sweeps: periodic tasks have minute resolution, and a self-rescheduling
    chain would add a chain that never ends at every worker start."""
    sweep_exports()
    every = settings.SNELSTART_EXPORT_SWEEP_SECONDS
    for offset in range(every, 60, every):
        export_sweep_task.schedule(delay=offset)
