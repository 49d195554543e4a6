"""SnelStart's call budget: the ``limits`` moving window against the hand-written one (issue 12).

Until docs/decisions/0004-one-rate-limiter.md, ``simon/snelstart_sync/quota.py`` kept the budget
in a deque (in-process) or a Redis sorted set written in an optimistic WATCH/MULTI loop. It is
copied below as the baseline, so both are measured in the same run on the same Redis:

1. per-acquire latency with room in the budget (the common case: 500 calls a minute in
   production), in-process and against Redis; ``--rounds`` rounds of ``--calls`` acquisitions on a
   fresh key each, so the log grows as it does in a real minute;
2. correctness when full: ``--processes`` processes (or as many threads in-process) acquire as
   fast as they can from one budget of ``--limit`` calls per ``--window`` seconds for
   ``--seconds``. Each admitted call is stamped just before the attempt that admitted it, so the
   stamp is never later than the limiter's own; the shortest span of any ``limit + 1``
   consecutive calls must not be below the window. Also: calls admitted per window (the budget
   used) and, for the hand-written one, how often its WATCH lost a race.

    .venv/bin/python bench/rate_limiter.py [--redis redis://127.0.0.1:6379/13] [--processes 3]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from limits import RateLimitItem  # noqa: E402
from limits.storage import MemoryStorage, RedisStorage  # noqa: E402
from limits.strategies import MovingWindowRateLimiter  # noqa: E402

from simon.snelstart_sync.quota import CallBudget  # noqa: E402

DEFAULT_REDIS = "redis://127.0.0.1:6379/13"


# --- the baseline: quota.py as it was, plus counters --------------------------------------------


class HandWrittenLocal:
    """The deque window as it was in quota.py (without the injectable clock)."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._stamps: deque[float] = deque()
        self._lock = threading.Lock()
        self.admitted: list[float] = []
        self.conflicts = 0  # one lock, no races to lose

    def acquire(self) -> None:
        while True:
            with self._lock:
                now = time.time()
                while self._stamps and self._stamps[0] <= now - self.window:
                    self._stamps.popleft()
                if len(self._stamps) < self.limit:
                    self._stamps.append(now)
                    self.admitted.append(now)
                    return
                wait = self._stamps[0] + self.window - now
            time.sleep(max(wait, 0.001))


class HandWrittenRedis:
    """The sorted set and WATCH loop as they were in quota.py; counts lost races."""

    def __init__(self, url: str, key: str, limit: int, window: float) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)
        self.key = f"bench:quota:{key}"
        self.limit = limit
        self.window = window
        self.admitted: list[float] = []
        self.conflicts = 0

    def acquire(self) -> None:
        while True:
            started = time.time()
            wait = self._try()
            if wait <= 0:
                self.admitted.append(started)
                return
            time.sleep(wait)

    def _try(self) -> float:
        from redis.exceptions import WatchError

        now = time.time()
        member = f"{now:.6f}:{threading.get_ident()}:{id(self)}"
        with self._redis.pipeline() as pipe:
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
                    self.conflicts += 1
                    continue


# --- the candidate: quota.CallBudget, its admissions stamped the same way ----------------------


class StampedWindow(MovingWindowRateLimiter):
    """``limits``' moving window, each admitting ``hit`` stamped just before it was sent."""

    def __init__(self, storage: MemoryStorage | RedisStorage) -> None:
        super().__init__(storage)
        self.admitted: list[float] = []

    def hit(self, item: RateLimitItem, *identifiers: str, cost: int = 1) -> bool:
        started = time.time()
        admitted = super().hit(item, *identifiers, cost=cost)
        if admitted:
            self.admitted.append(started)
        return admitted


class StampedBudget:
    """``quota.CallBudget`` as production builds it, but on a :class:`StampedWindow`."""

    conflicts = 0  # a Lua script (or one lock in-process) cannot lose a race

    def __init__(self, budget: CallBudget, storage: MemoryStorage | RedisStorage) -> None:
        self.budget = budget
        self._window = budget._window = StampedWindow(storage)

    @property
    def admitted(self) -> list[float]:
        return self._window.admitted

    def acquire(self) -> None:
        self.budget.acquire()


def make(kind: str, redis_url: str, key: str, limit: int, window: int) -> Any:
    if kind == "hand-written, Redis":
        return HandWrittenRedis(redis_url, key, limit, window)
    if kind == "limits, Redis":
        storage = RedisStorage(redis_url, key_prefix="bench:quota")
        return StampedBudget(CallBudget(limit, window, key=key, storage=storage), storage)
    if kind == "hand-written, in-process":
        return HandWrittenLocal(limit, window)
    memory = MemoryStorage()
    return StampedBudget(CallBudget(limit, window, key=key, storage=memory), memory)


# --- 1. latency with room in the budget --------------------------------------------------------


def latencies(kind: str, redis_url: str, rounds: int, calls: int) -> list[float]:
    seconds: list[float] = []
    for _ in range(rounds):
        limiter = make(kind, redis_url, uuid.uuid4().hex, calls + 50, 60)
        for _ in range(calls):
            started = time.perf_counter()
            limiter.acquire()
            seconds.append(time.perf_counter() - started)
    return seconds


def latency_table(redis_url: str, rounds: int, calls: int) -> None:
    print(f"1. Per-acquire latency with room in the budget ({rounds} x {calls} calls, µs)")
    print(f"   {'limiter':<26} {'median':>8} {'p99':>8} {'ratio':>7}")
    for place in ("in-process", "Redis"):
        medians: dict[str, float] = {}
        for who in ("hand-written", "limits"):
            kind = f"{who}, {place}"
            latencies(kind, redis_url, 1, 50)  # warm up: connections, Lua scripts loaded
            seconds = sorted(latencies(kind, redis_url, rounds, calls))
            medians[who] = statistics.median(seconds)
            p99 = seconds[int(len(seconds) * 0.99)]
            ratio = medians[who] / medians["hand-written"]
            print(f"   {kind:<26} {medians[who] * 1e6:8.1f} {p99 * 1e6:8.1f} {ratio:7.2f}")


# --- 2. correctness when full ------------------------------------------------------------------


def saturate(
    kind: str, redis_url: str, key: str, limit: int, window: int, until: float
) -> tuple[list[float], int]:
    """Acquire from one shared budget until ``until``; the admission stamps and lost races."""
    return _drain(make(kind, redis_url, key, limit, window), until)


def _start_at(start: float, job: Callable[[], tuple[list[float], int]]) -> Any:
    time.sleep(max(start - time.time(), 0))
    return job()


def _process_job(args: tuple[str, str, str, int, int, float, float]) -> tuple[list[float], int]:
    kind, redis_url, key, limit, window, start, until = args
    return _start_at(start, lambda: saturate(kind, redis_url, key, limit, window, until))


def contend(
    kind: str, redis_url: str, workers: int, limit: int, window: int, seconds: float
) -> tuple[list[float], int]:
    key = uuid.uuid4().hex
    start = time.time() + 2.0  # every worker is up before the first call
    until = start + seconds
    if "Redis" in kind:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            args = (kind, redis_url, key, limit, window, start, until)
            results = pool.map(_process_job, [args] * workers)
    else:
        # In-process means one limiter shared by threads, as the sync's import workers share it.
        shared = make(kind, redis_url, key, limit, window)
        threads = [
            threading.Thread(target=_start_at, args=(start, lambda: _drain(shared, until)))
            for _ in range(workers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results = [(shared.admitted, shared.conflicts)]
    stamps = sorted(stamp for admitted, _ in results for stamp in admitted)
    return stamps, sum(conflicts for _, conflicts in results)


def _drain(limiter: Any, until: float) -> tuple[list[float], int]:
    while time.time() < until:
        limiter.acquire()
    return limiter.admitted, limiter.conflicts


def correctness_table(
    redis_url: str, workers: int, limit: int, window: int, seconds: float
) -> None:
    print(
        f"\n2. {workers} processes (Redis) or threads (in-process) on one budget of {limit} calls"
        f" per {window} s for {seconds:g} s"
    )
    span = f"span of {limit + 1} (s)"
    print(f"   {'limiter':<26} {'calls':>6} {'per window':>10} {span:>16} {'lost races':>10}")
    for place in ("in-process", "Redis"):
        for who in ("hand-written", "limits"):
            kind = f"{who}, {place}"
            stamps, conflicts = contend(kind, redis_url, workers, limit, window, seconds)
            spans = [stamps[i + limit] - stamps[i] for i in range(len(stamps) - limit)]
            shortest = min(spans) if spans else float("nan")
            per_window = len(stamps) / (seconds / window)
            print(
                f"   {kind:<26} {len(stamps):6d} {per_window:10.1f} {shortest:16.4f}"
                f" {conflicts:10d}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--redis", default=DEFAULT_REDIS)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--calls", type=int, default=450)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--window", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()
    latency_table(args.redis, args.rounds, args.calls)
    correctness_table(args.redis, args.processes, args.limit, args.window, args.seconds)


if __name__ == "__main__":
    main()
