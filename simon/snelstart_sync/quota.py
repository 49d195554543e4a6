"""SnelStart's call quota per administration, shared by every thread, process and machine.

SnelStart allows a number of calls per administration per minute (CONTRACT §10: 500 in
production, 100 with a test key; ``SNELSTART_CALLS_PER_MINUTE``). The sync, the 'Controleer'
buttons and the push all draw from one budget. With ``REDIS_URL`` the budget lives in Redis (a
moving one-minute window shared by all workers); without it, in this process, which is all the
embedded set-up has. The window is the ``limits`` library's moving window (its Redis storage
checks and records a call in one Lua script): docs/decisions/0004-one-rate-limiter.md.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from django.conf import settings
from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter

# SnelStart counts the calls that arrive in a minute; the budget counts a call when it takes its
# slot, and a call leaves a little later (a claim renewed in the database, a new connection). Two
# calls a budget-window apart could then arrive less than a minute apart and the second be
# refused: counted over 61 s they never are. Costs 1/61 of the throughput; without it 1 to 3 of
# 300 paced calls were refused (bench/archive_latency.py --pacing 300).
SNELSTART_WINDOW_SECONDS = 60
WINDOW_SECONDS = SNELSTART_WINDOW_SECONDS + 1
# The hourly limit (1,000 with a test key, 5,000 in production). A call takes its hour slot
# first and may then wait up to a minute window for a minute slot: the hour window is longer by
# that, so the slot cannot age out before SnelStart's hour of the call's arrival is over.
SNELSTART_HOUR_SECONDS = 3600
HOUR_WINDOW_SECONDS = SNELSTART_HOUR_SECONDS + WINDOW_SECONDS + 1
KEY_PREFIX = "simon:snelstart:quota"
PAST_RESET = 0.0001  # seconds slept past the moment the oldest call leaves the window


class CallBudget:
    """At most ``limit`` acquisitions in any ``window`` seconds per ``key``; ``acquire`` waits
    for room. Every budget on the same ``storage`` and key shares one window; a budget given no
    storage has one of its own in this process.

    Satisfies ``snelstart.RateLimiter``: the client calls ``acquire()`` before every attempt.
    """

    def __init__(
        self,
        limit: int,
        window: int = WINDOW_SECONDS,
        *,
        key: str = "local",
        storage: MemoryStorage | RedisStorage | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limit = limit
        self.key = key
        # The limit is part of the item's key: a changed SNELSTART_CALLS_PER_MINUTE starts a
        # fresh window rather than judging new calls against a log kept for another limit.
        self._item = RateLimitItemPerSecond(limit, window)
        self.storage = storage or MemoryStorage()
        self._window = MovingWindowRateLimiter(self.storage)
        self._sleep = sleep

    def acquire(self) -> None:
        while not self._window.hit(self._item, self.key):
            # The window is full until its oldest call ages out. ``limits`` stamps calls with
            # time.time(), so the wait is computed on that clock, and it still counts a call
            # stamped exactly ``window`` seconds ago: wake just past the reset, not on it. At
            # least a millisecond: a reset already past means another worker took the slot.
            reset = self._window.get_window_stats(self._item, self.key).reset_time
            self._sleep(max(reset - time.time() + PAST_RESET, 0.001))


@functools.cache
def _storage(redis_url: str) -> MemoryStorage | RedisStorage:
    """One storage per process (and per Redis URL), so every client of an administration
    shares its window and a Redis connection pool is reused rather than opened per client."""
    if redis_url:
        return RedisStorage(redis_url, key_prefix=KEY_PREFIX)
    return MemoryStorage()


class Budgets:
    """Several budgets at once (SnelStart's hour and minute), taken in order: a call waits for
    a slot in each. Satisfies ``snelstart.RateLimiter``."""

    def __init__(self, *budgets: CallBudget) -> None:
        self.budgets = budgets

    def acquire(self) -> None:
        for budget in self.budgets:
            budget.acquire()


def limiter(administration_key: str) -> Budgets:
    storage = _storage(getattr(settings, "REDIS_URL", ""))
    return Budgets(
        CallBudget(
            settings.SNELSTART_CALLS_PER_HOUR,
            HOUR_WINDOW_SECONDS,
            key=administration_key,
            storage=storage,
        ),
        CallBudget(settings.SNELSTART_CALLS_PER_MINUTE, key=administration_key, storage=storage),
    )
