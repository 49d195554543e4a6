"""Client-side rate limiting: what the client asks of a limiter.

SnelStart's gateway limits calls per administration (CONTRACT §10: e.g. 100/min on a test
subscription). Pacing requests ourselves avoids 429s. Every HTTP attempt to the API (retries
included, the token call not) calls ``acquire()`` once. To share one budget between several
clients, threads or processes, pass the same limiter (or one backed by shared storage) as
``rate_limiter=`` to each. The client ships no limiter of its own: the application that knows
the budget and where to keep it provides one.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class RateLimiter(Protocol):
    def acquire(self) -> None:
        """Block until one request may be sent."""
