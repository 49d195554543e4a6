"""Huey jobs of the integration: thin, take ids, call one service (schedules in one place)."""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from simon.lib import periodic
from simon.snelstart_sync import cleanup, retention, schedule, sync
from simon.snelstart_sync.push import send, sweep

log = logging.getLogger("simon.snelstart_sync")


@db_task()
def sync_organization_task(organization_id: int) -> None:
    """'Nu synchroniseren' and the operators: sync now, outside the schedule."""
    sync.sync_organization(organization_id)


def sync_if_due(organization_id: int) -> datetime | None:
    """Sync when this organization's due time is ours to take (``schedule.claim``); returns
    when to look again for an interval shorter than the tick's minute, else None."""
    if not schedule.claim(organization_id, "sync"):
        return None
    sync.sync_organization(organization_id)
    if settings.SNELSTART_SYNC_INTERVAL_SECONDS >= 60:
        return None  # the next tick is soon enough
    return schedule.next_due(organization_id, "sync")


@db_task()
def sync_if_due_task(organization_id: int) -> None:
    again = sync_if_due(organization_id)
    if again is not None:
        sync_if_due_task.schedule((organization_id,), eta=again)


@db_task()
def cleanup_if_due_task(organization_id: int) -> None:
    if schedule.claim(organization_id, "cleanup"):
        cleanup.cleanup_organization(organization_id)


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
    """Ask for a sync of every organization that is due, and a clean-up of every one whose
    clean-up is due. Each job claims its due time first (``schedule``), so the ticks of several
    workers, and the follow-ups of short intervals, run each due sync once."""
    syncs = schedule.due_organizations("sync")
    for organization_id in syncs:
        sync_if_due_task(organization_id)
    cleanups = schedule.due_organizations("cleanup")
    for organization_id in cleanups:
        cleanup_if_due_task(organization_id)
    return {"sync": len(syncs), "cleanup": len(cleanups)}


# The schedule table: every job that runs by itself, in one place. Every worker's scheduler
# enqueues each of them; the first run of a minute (or night) claims it and the others end, and
# a minute job's next run waits on the shared schedule for the start of the next minute
# (``simon.lib.periodic``): they run once however many workers there are, on time if one dies.
TICK = crontab(minute="*")


def _tick_and_say() -> None:
    counts = tick()
    if counts["sync"] or counts["cleanup"]:
        log.info("tick: %(sync)d syncs and %(cleanup)d clean-ups enqueued", counts)


@db_task()
def scheduler_tick_next_minute() -> None:
    """The tick at the start of a minute, put on the schedule during the minute before."""
    periodic.run_claimed("scheduler_tick", _tick_and_say)


@db_periodic_task(TICK)
def scheduler_tick() -> None:
    periodic.every_minute("scheduler_tick", _tick_and_say, scheduler_tick_next_minute)


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


def _sweep_this_minute() -> None:
    """Sweep now and, when ``SIMON_EXPORT_SWEEP_INTERVAL`` is below a minute, schedule the rest
    of this minute's sweeps: periodic tasks have minute resolution, and a self-rescheduling
    chain would add a chain that never ends at every worker start."""
    sweep_exports()
    every = settings.SNELSTART_EXPORT_SWEEP_SECONDS
    for offset in range(every, 60, every):
        export_sweep_task.schedule(delay=offset)


@db_task()
def export_sweep_next_minute() -> None:
    periodic.run_claimed("export_sweep", _sweep_this_minute)


@db_periodic_task(TICK)
def export_sweep() -> None:
    periodic.every_minute("export_sweep", _sweep_this_minute, export_sweep_next_minute)


@db_periodic_task(crontab(minute="17", hour="3"))
def prune_history() -> None:
    """Once a night: the integration's own history past its retention (``retention``). Every
    worker fires it in the same minute; the first claims the night."""
    periodic.run_claimed("prune_history", _prune, "day")


def _prune() -> None:
    pruned = retention.prune()
    log.info(
        "pruned %d idle runs, %d other runs and %d log messages",
        pruned.idle_runs,
        pruned.runs,
        pruned.log_messages,
    )
