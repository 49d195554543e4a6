"""The periodic jobs run once per minute (the tick, the sweep) or night (the prune), not once per
worker (issue 11: "the schedule fires once however many workers run").

Every worker's Huey scheduler enqueues every periodic job once a minute at its own second; here
three workers firing at second 5, 25 and 45 of each minute, a worker restarting mid-minute
(which fires at once), the worker that fired first dying, and one worker firing at the very
edge of a minute. The runs a firing puts on the shared schedule for the next minute's start are
run at their time, as any worker's scheduler would.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
import time_machine

from simon.lib import periodic
from simon.snelstart_sync import retention, tasks

START = datetime(2026, 12, 7, 9, 0, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_queue_storage():
    """Tests run Huey in immediate mode on one in-memory storage for the whole session: start
    with no slot claimed."""
    from huey.contrib.djhuey import HUEY

    HUEY.flush()
    yield
    HUEY.flush()


def fire(job, moments) -> None:
    """Each worker's scheduler firing ``job`` at these moments (it runs the same second)."""
    for moment in moments:
        with time_machine.travel(moment, tick=False):
            job.call_local()


def run_minutes(monkeypatch, periodic_job, next_minute, firings) -> list[datetime]:
    """The workers' firings of ``periodic_job`` and, in time order with them, the runs each
    firing put on the shared schedule (``next_minute`` at its eta); when each one began."""
    scheduled: list[datetime] = []
    monkeypatch.setattr(next_minute, "schedule", lambda *a, eta, **kw: scheduled.append(eta))
    events = [(moment, periodic_job) for moment in firings]
    began: list[datetime] = []
    while events or scheduled:
        events += [(eta, next_minute) for eta in scheduled]
        scheduled.clear()
        events.sort(key=lambda event: event[0])
        moment, job = events.pop(0)
        with time_machine.travel(moment, tick=False):
            began.append(moment)
            job.call_local()
    return began


def workers(minutes: range, seconds=(5, 25, 45)) -> list[datetime]:
    return [START + timedelta(minutes=m, seconds=s) for m in minutes for s in seconds]


@pytest.fixture
def ticks(monkeypatch) -> list[datetime]:
    runs: list[datetime] = []

    def tick() -> dict[str, int]:
        from django.utils import timezone

        runs.append(timezone.now())
        return {"sync": 0, "cleanup": 0}

    monkeypatch.setattr(tasks, "tick", tick)
    return runs


def test_the_minute_tick_runs_once_a_minute_with_three_workers_and_a_restart(monkeypatch, ticks):
    restart = START + timedelta(minutes=1, seconds=50)
    firings = [*workers(range(3)), restart]
    run_minutes(monkeypatch, tasks.scheduler_tick, tasks.scheduler_tick_next_minute, firings)
    # At once when the first worker starts; then at the start of every minute, from the
    # schedule the first firing of the minute before filled.
    assert ticks == [START + timedelta(seconds=5)] + [
        START + timedelta(minutes=m) for m in (1, 2, 3)
    ]


def test_the_tick_keeps_its_minute_when_the_worker_that_fired_first_dies(monkeypatch, ticks):
    """The worker firing at second 5 dies after the first minute; the others fire at 25 and
    45, in minutes whose run the schedule already holds."""
    firings = [*workers(range(1)), *workers(range(1, 4), seconds=(25, 45))]
    run_minutes(monkeypatch, tasks.scheduler_tick, tasks.scheduler_tick_next_minute, firings)
    assert ticks == [START + timedelta(seconds=5)] + [
        START + timedelta(minutes=m) for m in (1, 2, 3, 4)
    ]


def test_a_worker_firing_at_the_edge_of_a_minute_skips_no_minute(monkeypatch, ticks):
    """One worker whose scheduler fires a hair before the minute, once a hair after."""
    edge = START + timedelta(seconds=59, microseconds=999_000)
    firings = [edge, edge + timedelta(seconds=60, microseconds=2_000), edge + timedelta(minutes=2)]
    run_minutes(monkeypatch, tasks.scheduler_tick, tasks.scheduler_tick_next_minute, firings)
    minutes = [periodic.slot("minute", t) for t in ticks]
    assert minutes == [periodic.slot("minute", START + timedelta(minutes=m)) for m in range(4)]


def test_the_sweep_runs_and_schedules_the_minutes_sweeps_once(settings, monkeypatch):
    settings.SNELSTART_EXPORT_SWEEP_SECONDS = 20
    sweeps: list[int] = []
    delays: list[int] = []

    def sweep() -> int:
        sweeps.append(1)
        return 0

    monkeypatch.setattr(tasks, "sweep_exports", sweep)
    monkeypatch.setattr(
        tasks.export_sweep_task, "schedule", lambda *a, delay, **kw: delays.append(delay)
    )
    run_minutes(monkeypatch, tasks.export_sweep, tasks.export_sweep_next_minute, workers(range(2)))
    assert len(sweeps) == 3  # at the first firing, at the start of minutes 1 and 2
    assert delays == [20, 40] * 3


def test_the_nightly_prune_runs_once_a_night(monkeypatch):
    pruned: list[int] = []

    def prune() -> retention.Pruned:
        pruned.append(1)
        return retention.Pruned(0, 0, 0)

    monkeypatch.setattr(retention, "prune", prune)
    night = datetime(2026, 12, 8, 3, 17, tzinfo=UTC)
    fire(tasks.prune_history, [night, night + timedelta(seconds=20), night + timedelta(seconds=40)])
    fire(tasks.prune_history, [night + timedelta(days=1, seconds=30)])
    assert len(pruned) == 2


def test_a_slot_is_shared_by_every_worker_of_the_queue_not_by_one_process(tmp_path):
    """Two Huey instances on one SQLite queue file stand for two worker processes: the second
    finds the minute taken. Another job, or the next minute, is free."""
    from huey import SqliteHuey

    first = SqliteHuey("simon", filename=str(tmp_path / "queue.sqlite3"))
    second = SqliteHuey("simon", filename=str(tmp_path / "queue.sqlite3"))
    job = f"job-{uuid4().hex[:6]}"
    assert periodic.claim(job, "minute", now=START, huey=first)
    assert not periodic.claim(job, "minute", now=START + timedelta(seconds=59), huey=second)
    assert periodic.claim("another", "minute", now=START, huey=second)
    assert periodic.claim(job, "minute", now=START + timedelta(minutes=1), huey=second)


def test_a_claimed_slot_is_forgotten_after_ten_slots(tmp_path):
    from huey import SqliteHuey

    queue = SqliteHuey("simon", filename=str(tmp_path / "queue.sqlite3"))
    for minute in range(12):
        assert periodic.claim("tick", "minute", now=START + timedelta(minutes=minute), huey=queue)
    kept = sorted(k.decode() if isinstance(k, bytes) else k for k in queue.storage.result_items())
    assert kept == [f"simon:periodic:tick:2026-12-07T09:{m:02d}" for m in range(2, 12)]


def test_with_redis_two_workers_share_the_slot(redis_url):
    from huey import RedisHuey

    job = f"job-{uuid4().hex[:6]}"
    first, second = RedisHuey("simon-test", url=redis_url), RedisHuey("simon-test", url=redis_url)
    try:
        assert periodic.claim(job, "minute", now=START, huey=first)
        assert not periodic.claim(job, "minute", now=START, huey=second)
    finally:
        first.delete(f"simon:periodic:{job}:{periodic.slot('minute', START)}")
