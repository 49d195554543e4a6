"""The periodic jobs run once per minute (the tick, the sweep) or night (the prune), not once per
worker (issue 11: "the schedule fires once however many workers run").

Every worker's Huey scheduler enqueues every periodic job; here three workers' firings within
one minute (at second 5, 25 and 45, as workers started at different moments tick), and a worker
restarting mid-minute, which enqueues the minute's jobs at once.
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


def three_workers(minute: int) -> list[datetime]:
    base = START + timedelta(minutes=minute)
    return [base + timedelta(seconds=s) for s in (5, 25, 45)]


def test_the_minute_tick_runs_once_a_minute_with_three_workers_and_a_restart(monkeypatch):
    runs: list[datetime] = []

    def tick() -> dict[str, int]:
        from django.utils import timezone

        runs.append(timezone.now())
        return {"sync": 0, "cleanup": 0}

    monkeypatch.setattr(tasks, "tick", tick)
    restart = START + timedelta(minutes=1, seconds=50)
    fire(tasks.scheduler_tick, [*three_workers(0), *three_workers(1), restart, *three_workers(2)])
    assert runs == [START + timedelta(minutes=m, seconds=5) for m in range(3)]


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
    fire(tasks.export_sweep, three_workers(0) + three_workers(1))
    assert len(sweeps) == 2
    assert delays == [20, 40, 20, 40]


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
