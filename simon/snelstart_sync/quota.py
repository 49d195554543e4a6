"""SnelStart's call quota per administration, shared by every thread, process and machine.

SnelStart allows a number of calls per administration per minute (CONTRACT §10: 500 in
production, 100 with a test key; ``SNELSTART_CALLS_PER_MINUTE``). The sync, the 'Controleer'
buttons and (later) the push all draw from one budget. With ``REDIS_URL`` the budget lives in
Redis (a sliding one-minute window shared by all workers); without it, in this process, which is
all the embedded set-up has.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from django.conf import settings

WINDOW_SECONDS = 60.0


class SlidingWindowLimiter:
    """At most ``limit`` acquisitions in any ``window`` seconds; ``acquire`` waits for room."""

    def __init__(
        self,
        limit: int,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._sleep = sleep
        self._stamps: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        while True:
            with self._lock:
                now = self._clock()
                while self._stamps and self._stamps[0] <= now - self.window:
                    self._stamps.popleft()
                if len(self._stamps) < self.limit:
                    self._stamps.append(now)
                    return
                wait = self._stamps[0] + self.window - now
            self._sleep(max(wait, 0.001))


class RedisWindowLimiter:
    """The same sliding window in a Redis sorted set, so all workers share it."""

    def __init__(self, url: str, key: str, limit: int, window: float = WINDOW_SECONDS) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)
        self.key = f"simon:snelstart:quota:{key}"
        self.limit = limit
        self.window = window

    def acquire(self) -> None:
        while True:
            wait = self._try()
            if wait <= 0:
                return
            time.sleep(wait)

    def _try(self) -> float:
        from redis.exceptions import WatchError

        now = time.time()
        member = f"{now:.6f}:{threading.get_ident()}:{id(self)}"
        with self._redis.pipeline() as pipe:
            # Optimistic transaction: WATCH the set, trim it, count, add only if room.
            while True:
                try:
                    pipe.watch(self.key)
                    pipe.zremrangebyscore(self.key, 0, now - self.window)
                    used = pipe.zcard(self.key)
                    if used >= self.limit:
                        oldest = pipe.zrange(self.key, 0, 0, withscores=True)
                        pipe.unwatch()
                        return (oldest[0][1] + self.window - now) if oldest else 0.05
                    pipe.multi()
                    pipe.zadd(self.key, {member: now})
                    pipe.expire(self.key, int(self.window) + 5)
                    pipe.execute()
                    return 0.0
                except WatchError:
                    continue


_local: dict[str, SlidingWindowLimiter] = {}
_local_lock = threading.Lock()


def limiter(administration_key: str) -> SlidingWindowLimiter | RedisWindowLimiter:
    limit = settings.SNELSTART_CALLS_PER_MINUTE
    redis_url = getattr(settings, "REDIS_URL", "")
    if redis_url:
        return RedisWindowLimiter(redis_url, administration_key, limit)
    with _local_lock:
        found = _local.get(administration_key)
        if found is None or found.limit != limit:
            found = _local[administration_key] = SlidingWindowLimiter(limit)
        return found
