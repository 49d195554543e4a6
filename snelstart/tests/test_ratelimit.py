"""Client-side pacing: a token bucket shared by every call (and optionally every client)."""

from __future__ import annotations

import threading

import pytest

from snelstart import RateLimiter, TokenBucket
from snelstart.tests.conftest import FakeTime, json_response


def test_requests_per_second_spaces_api_calls_but_not_the_token_call(make_client, fake, fake_time):
    client = make_client(requests_per_second=2)
    fake.default = json_response(200, {})

    for _ in range(3):
        client.company_info()

    assert fake_time.sleeps == [0.5, 0.5]
    assert len(fake.token_requests) == 1


def test_a_limiter_passed_in_is_shared_between_clients(make_client, fake, fake_time: FakeTime):
    shared = TokenBucket(1.0, clock=fake_time.clock, sleep=fake_time.sleep)
    first, second = make_client(rate_limiter=shared), make_client(rate_limiter=shared)
    fake.default = json_response(200, {})

    first.company_info()
    second.company_info()
    first.company_info()

    assert fake_time.sleeps == [1.0, 1.0]


def test_retries_also_wait_for_the_limiter(make_client, fake, fake_time):
    client = make_client(requests_per_second=1)
    fake.add(json_response(503, {}), json_response(200, {}))

    client.company_info()

    # back-off 0.5 s, then the limiter still wants the rest of its 1 s interval
    assert fake_time.sleeps == [0.5, 0.5]


def test_the_bucket_allows_a_burst_up_to_its_capacity_then_paces(fake_time: FakeTime):
    bucket = TokenBucket(4.0, capacity=2, clock=fake_time.clock, sleep=fake_time.sleep)

    for _ in range(4):
        bucket.acquire()

    assert fake_time.sleeps == [0.25, 0.25]


def test_the_bucket_refills_while_idle(fake_time: FakeTime):
    bucket = TokenBucket(1.0, clock=fake_time.clock, sleep=fake_time.sleep)
    bucket.acquire()
    fake_time.now += 10

    bucket.acquire()

    assert fake_time.sleeps == []


def test_threads_reserve_distinct_slots():
    # Real threads, fake time: every reservation must get its own slot 0, 0.1, 0.2, ... s.
    lock = threading.Lock()
    waits: list[float] = []

    def record(seconds: float) -> None:
        with lock:
            waits.append(seconds)

    bucket = TokenBucket(10.0, clock=lambda: 0.0, sleep=record)
    threads = [threading.Thread(target=bucket.acquire) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(round(w, 6) for w in waits) == [round(0.1 * n, 6) for n in range(1, 10)]


def test_it_satisfies_the_protocol_and_rejects_bad_settings(make_client):
    assert isinstance(TokenBucket(1.0), RateLimiter)
    with pytest.raises(ValueError):
        TokenBucket(0)
    with pytest.raises(ValueError):
        make_client(rate_limiter=TokenBucket(1.0), requests_per_second=1.0)
