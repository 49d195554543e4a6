"""Periodic jobs that run once per slot (a minute, a night), however many workers run (issue 11).

Every worker process (``manage.py run_huey``) runs Huey's scheduler, and each scheduler enqueues
every periodic job once a minute at its own moment (60 s after the worker started, and so on):
with three workers the minute's jobs ran three times a minute and the nightly job three times a
night, and a worker that (re)starts enqueues the minute's jobs at once.

So a periodic job first *claims* its slot: one atomic put-if-absent of a key naming the job and
the slot in the queue's own key-value storage (Redis ``HSETNX`` with RedisHuey, ``INSERT OR
ABORT`` with SqliteHuey), which every worker of the queue shares, on any number of machines. The
first run for the slot wins; the others end at once. The slot is the minute (or day, UTC) in
which the job *runs*.

Claiming alone would tie a minute job's rhythm to the moment some worker's scheduler happens to
fire: if that worker dies, or fires right at a minute's edge, the others may all fire in the
minute that is already taken, and the job would pause for up to two minutes. So every firing
also puts *the next minute's run* on the queue's shared schedule, at the start of that minute,
once (``schedule_next_minute``: the first firing in a minute does it). That run claims its
minute like any other and waits in Redis (or the SQLite queue), not in a worker: whichever
worker is alive runs it. A minute job therefore runs at the start of every minute (give or take
the scheduler's second) while any worker runs, and at once when the first worker starts.

A claimed key is kept for ``KEEP`` slots (a late run of an old slot still finds it) and then
deleted by the claim of the slot that many later; a key whose later slot was never claimed (no
worker ran then) stays behind: one small key per such pause.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from django.utils import timezone

log = logging.getLogger("simon.periodic")

Every = Literal["minute", "day"]

_FORMAT: dict[Every, str] = {"minute": "%Y-%m-%dT%H:%M", "day": "%Y-%m-%d"}
_STEP: dict[Every, timedelta] = {"minute": timedelta(minutes=1), "day": timedelta(days=1)}
KEEP = 10  # slots


def _key(job: str, slot: str) -> str:
    return f"simon:periodic:{job}:{slot}"


def _queue(huey: Any) -> Any:
    if huey is None:
        from huey.contrib.djhuey import HUEY

        return HUEY
    return huey


def slot(every: Every, now: datetime | None = None) -> str:
    return (now or timezone.now()).astimezone(UTC).strftime(_FORMAT[every])


def _take(huey: Any, name: str, every: Every, now: datetime) -> bool:
    """Put-if-absent of ``name`` for ``now``'s slot; the winner forgets the slot KEEP ago."""
    taken = bool(huey.put_if_empty(_key(name, slot(every, now)), b"1"))
    if taken:
        huey.delete(_key(name, slot(every, now - KEEP * _STEP[every])))
    return taken


def claim(job: str, every: Every, *, now: datetime | None = None, huey: Any = None) -> bool:
    """True for the first run of ``job`` in this minute (or day); False for every later run in
    it, in this process or any other worker sharing the queue."""
    now = now or timezone.now()
    taken = _take(_queue(huey), job, every, now)
    if taken:
        log.info("periodic %s for %s: runs here", job, slot(every, now))
    else:
        log.info("periodic %s for %s: already run by another worker", job, slot(every, now))
    return taken


def schedule_next_minute(
    job: str, task: Any, *, now: datetime | None = None, huey: Any = None
) -> bool:
    """Put ``task`` (a Huey task that claims and runs ``job``) on the shared schedule for the
    start of the next minute, unless another firing already did; whether this one did."""
    now = now or timezone.now()
    start = now.astimezone(UTC).replace(second=0, microsecond=0) + _STEP["minute"]
    if not _take(_queue(huey), f"{job}:next", "minute", start):
        return False
    task.schedule(eta=start)
    return True


def every_minute(job: str, run: Callable[[], object], next_minute: Any) -> bool:
    """The body of a periodic job that runs once a minute: ``run()`` when this minute's run is
    still unclaimed, and the next minute's run (``next_minute``, a task calling
    ``run_claimed``) on the shared schedule; whether it ran here."""
    ran = run_claimed(job, run)
    schedule_next_minute(job, next_minute)
    return ran


def run_claimed(job: str, run: Callable[[], object], every: Every = "minute") -> bool:
    """``run()`` if this is the slot's first run of ``job``; whether it ran."""
    if not claim(job, every):
        return False
    run()
    return True
