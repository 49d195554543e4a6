"""Periodic jobs that run once per slot (a minute, a night), however many workers run (issue 11).

Every worker process (``manage.py run_huey``) runs Huey's scheduler, and each scheduler enqueues
every periodic job when it is due by its own clock: with three workers the minute's jobs run
three times a minute and the nightly job three times a night, and a worker that (re)starts
enqueues the minute's jobs at once. So a periodic job first *claims* its slot: one atomic
put-if-absent of a key naming the job and the slot in the queue's own key-value storage (Redis
``HSETNX`` with RedisHuey, ``INSERT OR ABORT`` with SqliteHuey), which every worker of the queue
shares, on any number of machines. The first run for the slot wins; the others end at once.

The slot is the moment the job *runs* (UTC), not the moment a scheduler enqueued it: a job
enqueued at 10:00:59 and run at 10:01:00 takes the 10:01 slot, and a run of the 10:01 tick that
comes later ends. Each slot runs once; the gap between two runs is a minute give or take how
long the queue made them wait.

A claimed slot's key is kept for ``KEEP`` slots (a late run of an old slot still finds it) and
then deleted by the claim of the slot that many later; a key whose later slot was never claimed
(no worker ran then) stays behind: one small key per such gap.
"""

from __future__ import annotations

import logging
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


def slot(every: Every, now: datetime | None = None) -> str:
    return (now or timezone.now()).astimezone(UTC).strftime(_FORMAT[every])


def claim(job: str, every: Every, *, now: datetime | None = None, huey: Any = None) -> bool:
    """True for the first run of ``job`` in this minute (or day); False for every later run in
    it, in this process or any other worker sharing the queue."""
    if huey is None:
        from huey.contrib.djhuey import HUEY

        huey = HUEY
    now = now or timezone.now()
    this = slot(every, now)
    taken = bool(huey.put_if_empty(_key(job, this), b"1"))
    if taken:
        huey.delete(_key(job, slot(every, now - KEEP * _STEP[every])))
        log.info("periodic %s for %s: runs here", job, this)
    else:
        log.info("periodic %s for %s: already run by another worker", job, this)
    return taken
