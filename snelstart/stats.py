"""Counters of one client: requests sent, retries, seconds spent, per endpoint."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class EndpointStats:
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0


@dataclass
class ClientStats:
    """Totals since the client was made. ``by_endpoint`` keys are ``"GET /relaties/{id}"``.

    ``requests`` counts HTTP attempts (each retry is one more request); ``seconds`` is the wall
    time spent inside calls, waiting for the rate limiter and back-off sleeps included;
    ``limiter_seconds`` the part of it spent waiting for the rate limiter; ``by_status`` counts
    the answers by HTTP status ("200", "429") or, without an answer, the failure ("ReadTimeout").
    Updated under a lock, so one client can be shared by threads.
    """

    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    limiter_seconds: float = 0.0
    by_endpoint: dict[str, EndpointStats] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def _endpoint(self, key: str) -> EndpointStats:
        return self.by_endpoint.setdefault(key, EndpointStats())

    def record_request(self, key: str) -> None:
        with self._lock:
            self.requests += 1
            self._endpoint(key).requests += 1

    def record_retry(self, key: str) -> None:
        with self._lock:
            self.retries += 1
            self._endpoint(key).retries += 1

    def record_seconds(self, key: str, seconds: float) -> None:
        with self._lock:
            self.seconds += seconds
            self._endpoint(key).seconds += seconds

    def record_status(self, status: int | str) -> None:
        with self._lock:
            key = str(status)
            self.by_status[key] = self.by_status.get(key, 0) + 1

    def record_limiter_wait(self, seconds: float) -> None:
        with self._lock:
            self.limiter_seconds += seconds
