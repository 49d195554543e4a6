"""SnelStart's call budget per administration (CONTRACT §10), in-process and in Redis."""

from __future__ import annotations

import threading
import time

import pytest

from simon.snelstart_sync.quota import RedisWindowLimiter, SlidingWindowLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def test_the_window_lets_the_limit_through_then_waits_for_the_oldest_call_to_age_out():
    clock = FakeClock()
    limiter = SlidingWindowLimiter(3, window=60, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        limiter.acquire()
    assert clock.slept == []
    clock.now += 10
    limiter.acquire()
    assert clock.slept == [50.0]


def test_threads_sharing_a_window_never_exceed_it():
    limiter = SlidingWindowLimiter(5, window=0.5)
    stamps: list[float] = []
    lock = threading.Lock()

    def call() -> None:
        limiter.acquire()
        with lock:
            stamps.append(time.monotonic())

    threads = [threading.Thread(target=call) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps.sort()
    for i, stamp in enumerate(stamps):
        in_window = [s for s in stamps[: i + 1] if s > stamp - 0.5 + 0.01]
        assert len(in_window) <= 5


@pytest.mark.redis
def test_two_redis_limiters_share_one_budget(redis_url):
    import uuid

    key = f"test-{uuid.uuid4().hex}"
    first = RedisWindowLimiter(redis_url, key, limit=4, window=1.0)
    second = RedisWindowLimiter(redis_url, key, limit=4, window=1.0)
    started = time.monotonic()
    for limiter in (first, second, first, second):
        limiter.acquire()
    assert time.monotonic() - started < 0.5
    second.acquire()  # the fifth call in the window must wait for the first to age out
    assert time.monotonic() - started >= 0.9


@pytest.mark.django_db(transaction=True)
def test_every_call_of_a_concurrent_first_import_draws_from_the_budget(
    org_b, snelstart_at, settings, monkeypatch
):
    """With the window proven above, the budget holds only if no call bypasses it: the number
    of acquisitions equals the number of API calls SnelStart (the emulator) received."""
    from simon.snelstart_sync import connection
    from simon.snelstart_sync.sync import sync_organization
    from simon.snelstart_sync.tests.conftest import link

    class Counting(SlidingWindowLimiter):
        acquired = 0

        def acquire(self) -> None:
            with lock:
                Counting.acquired += 1
            super().acquire()

    lock = threading.Lock()
    budget = Counting(1000)
    monkeypatch.setattr(connection.quota, "limiter", lambda key: budget)
    settings.SNELSTART_IMPORT_WORKERS = 4
    linked = link(org_b, snelstart_at, customers=40, articles=2600, groups=2)
    linked.settings()
    snelstart_at.reset_request_count(linked.admin.administration_id)
    report = sync_organization(org_b.pk)
    linked.api.close()
    assert report.ok, report.error
    calls = sum(snelstart_at.request_counts(linked.admin.administration_id)["by_endpoint"].values())
    assert report.streams["artikelen"].pages == 6
    assert Counting.acquired == calls == report.requests - 1  # the token has its own host
