"""SnelStart's call budget per administration (CONTRACT §10), in-process and in Redis."""

from __future__ import annotations

import threading
import time

import pytest
import time_machine
from limits.storage import MemoryStorage, RedisStorage

from simon.snelstart_sync import quota
from simon.snelstart_sync.quota import CallBudget


class FakeClock:
    """Wall-clock time standing still unless slept through (``limits`` stamps calls with
    time.time(), so the clock is moved with time-machine rather than injected)."""

    def __init__(self, traveller: time_machine.Coordinates) -> None:
        self.traveller = traveller
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.traveller.shift(seconds)


def test_the_window_lets_the_limit_through_then_waits_for_the_oldest_call_to_age_out():
    with time_machine.travel(1000.0, tick=False) as traveller:
        clock = FakeClock(traveller)
        limiter = CallBudget(3, window=60, sleep=clock.sleep)
        for _ in range(3):
            limiter.acquire()
        assert clock.slept == []
        traveller.shift(10)
        limiter.acquire()
        assert clock.slept == [50.0]


def test_threads_sharing_a_window_never_exceed_it():
    # limits' windows are whole seconds: 8 threads, 5 a second, so 3 wait for the next one.
    limiter = CallBudget(5, window=1)
    stamps: list[float] = []
    lock = threading.Lock()

    def call() -> None:
        limiter.acquire()
        with lock:
            stamps.append(time.monotonic())

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps.sort()
    for i, stamp in enumerate(stamps):
        in_window = [s for s in stamps[: i + 1] if s > stamp - 1 + 0.01]
        assert len(in_window) <= 5


@pytest.mark.redis
def test_two_redis_limiters_share_one_budget(redis_url):
    import uuid

    key = f"test-{uuid.uuid4().hex}"
    # Two storages, two connection pools: as two worker processes would have.
    first = CallBudget(4, 1, key=key, storage=RedisStorage(redis_url, key_prefix=quota.KEY_PREFIX))
    second = CallBudget(4, 1, key=key, storage=RedisStorage(redis_url, key_prefix=quota.KEY_PREFIX))
    started = time.monotonic()
    for limiter in (first, second, first, second):
        limiter.acquire()
    assert time.monotonic() - started < 0.5
    second.acquire()  # the fifth call in the window must wait for the first to age out
    assert time.monotonic() - started >= 0.9


class Waited(Exception):
    """Raised by a budget's sleep: the test learns how long it would have waited."""


def refuse_to_wait(seconds: float) -> None:
    raise Waited(seconds)


@pytest.mark.redis
def test_with_redis_configured_another_worker_sees_the_calls_of_this_one(redis_url, settings):
    import uuid

    settings.REDIS_URL = redis_url
    settings.SNELSTART_CALLS_PER_MINUTE = 3
    key = f"test-{uuid.uuid4().hex}"
    for _ in range(3):
        quota.limiter(key).acquire()
    other_worker = CallBudget(
        3,
        key=key,
        storage=RedisStorage(redis_url, key_prefix=quota.KEY_PREFIX),
        sleep=refuse_to_wait,
    )

    with pytest.raises(Waited) as waited:
        other_worker.acquire()

    assert 60 < waited.value.args[0] < 61.01  # until the first of the three ages out


def test_without_redis_every_client_in_this_process_draws_from_one_window(settings):
    import uuid

    settings.REDIS_URL = ""
    settings.SNELSTART_CALLS_PER_MINUTE = 2
    key = f"test-{uuid.uuid4().hex}"
    for _ in range(2):
        quota.limiter(key).acquire()
    same_process = quota.limiter(key)
    storage = same_process.budgets[-1].storage
    assert isinstance(storage, MemoryStorage)
    another_client = CallBudget(2, key=key, storage=storage, sleep=refuse_to_wait)

    with pytest.raises(Waited) as waited:
        another_client.acquire()

    assert 60 < waited.value.args[0] < 61.01


@pytest.mark.django_db(transaction=True)
def test_every_call_of_a_concurrent_first_import_draws_from_the_budget(
    org_b, snelstart_at, settings, monkeypatch
):
    """With the window proven above, the budget holds only if no call bypasses it: the number
    of acquisitions equals the number of API calls SnelStart (the emulator) received."""
    from simon.snelstart_sync.sync import sync_organization
    from simon.snelstart_sync.tests.conftest import link

    class Counting(CallBudget):
        acquired = 0

        def acquire(self) -> None:
            with lock:
                Counting.acquired += 1
            super().acquire()

    lock = threading.Lock()
    budget = Counting(1000)
    monkeypatch.setattr(quota, "limiter", lambda key: budget)
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


def test_a_call_that_leaves_late_still_arrives_a_full_minute_after_the_one_it_replaces():
    # The budget stamps a call when it takes its slot; SnelStart counts it when it arrives. The
    # first call of a full window left 0.5 s after its slot: the call that takes its slot back
    # must not arrive within SnelStart's minute of it, however fast it leaves.
    with time_machine.travel(1000.0, tick=False) as traveller:
        clock = FakeClock(traveller)
        budget = CallBudget(2, sleep=clock.sleep)
        budget.acquire()
        first_arrives = time.time() + 0.5
        budget.acquire()
        budget.acquire()  # waits for the first slot to age out of the budget's window
        assert time.time() - first_arrives >= quota.SNELSTART_WINDOW_SECONDS


def test_the_hourly_limit_holds_too_and_outlasts_a_minute_spent_waiting(settings):
    import uuid

    settings.REDIS_URL = ""
    settings.SNELSTART_CALLS_PER_MINUTE = 100
    settings.SNELSTART_CALLS_PER_HOUR = 3
    key = f"test-{uuid.uuid4().hex}"
    for _ in range(3):
        quota.limiter(key).acquire()
    hour, minute = quota.limiter(key).budgets
    assert (hour.limit, minute.limit) == (3, 100)
    hour._sleep = refuse_to_wait

    with pytest.raises(Waited) as waited:
        hour.acquire()

    # An hour, plus the minute window a call may wait after taking its hour slot, plus a margin.
    assert 3600 + 61 < waited.value.args[0] < 3600 + 62.01
