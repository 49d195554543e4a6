"""Client-side pacing: every API attempt asks the limiter, and one limiter may serve many clients.

The client ships no limiter (the integration passes SnelStart's call budget,
simon/snelstart_sync/quota.py); :class:`Pacer` stands in for one, on the fake clock.
"""

from __future__ import annotations

from snelstart import RateLimiter
from snelstart.tests.conftest import FakeTime, json_response


class Pacer:
    """One call per ``interval`` seconds of fake time, waiting in ``acquire`` for its slot."""

    def __init__(self, fake_time: FakeTime, interval: float) -> None:
        self.fake_time = fake_time
        self.interval = interval
        self.next_slot = fake_time.now

    def acquire(self) -> None:
        if self.next_slot > self.fake_time.now:
            self.fake_time.sleep(self.next_slot - self.fake_time.now)
        self.next_slot = self.fake_time.now + self.interval


def test_a_limiter_spaces_api_calls_but_not_the_token_call(make_client, fake, fake_time):
    client = make_client(rate_limiter=Pacer(fake_time, 0.5))
    fake.default = json_response(200, {})

    for _ in range(3):
        client.company_info()

    assert fake_time.sleeps == [0.5, 0.5]
    assert len(fake.token_requests) == 1


def test_a_limiter_passed_in_is_shared_between_clients(make_client, fake, fake_time: FakeTime):
    shared = Pacer(fake_time, 1.0)
    first, second = make_client(rate_limiter=shared), make_client(rate_limiter=shared)
    fake.default = json_response(200, {})

    first.company_info()
    second.company_info()
    first.company_info()

    assert fake_time.sleeps == [1.0, 1.0]


def test_retries_also_wait_for_the_limiter(make_client, fake, fake_time):
    client = make_client(rate_limiter=Pacer(fake_time, 1.0))
    fake.add(json_response(503, {}), json_response(200, {}))

    client.company_info()

    # back-off 0.5 s, then the limiter still wants the rest of its 1 s interval
    assert fake_time.sleeps == [0.5, 0.5]


def test_any_object_with_acquire_is_a_rate_limiter(fake_time: FakeTime):
    assert isinstance(Pacer(fake_time, 1.0), RateLimiter)
    assert not isinstance(object(), RateLimiter)
