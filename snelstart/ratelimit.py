"""Client-side rate limiting.

SnelStart's gateway limits calls per administration (CONTRACT §10: e.g. 100/min on a test
subscription). Pacing requests ourselves avoids 429s. Every HTTP attempt (retries included) calls
``acquire()`` once. To share one budget between several clients or threads (e.g. all clients of
one administration), create one :class:`TokenBucket` and pass it as ``rate_limiter=`` to each.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class RateLimiter(Protocol):
    def acquire(self) -> None:
        """Block until one request may be sent."""


class TokenBucket:
    """A thread-safe token bucket: ``rate`` requests per second, bursts of up to ``capacity``.

    Each caller reserves a token under the lock and then sleeps *outside* it for as long as its
    reservation is in the future, so waiting threads are served in arrival order and the lock is
    never held while sleeping.
    """

    def __init__(
        self,
        rate: float,
        capacity: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.rate = float(rate)
        self.capacity = float(capacity)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = self.capacity
        self._updated = clock()

    def acquire(self) -> None:
        with self._lock:
            now = self._clock()
            elapsed = max(0.0, now - self._updated)
            self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
            self._updated = now
            self._tokens -= 1.0
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait > 0:
            self._sleep(wait)
