"""Test doubles: a scripted SnelStart behind httpx.MockTransport and a controllable clock.

No network and no real sleeping: the client gets ``sleep``/``clock`` from :class:`FakeTime`
(sleeping only advances the fake clock) and a fixed jitter source.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from snelstart import SnelStartClient

TOKEN_URL = "https://auth.test/b2b/token"
BASE_URL = "https://api.test/v2"
CLIENT_KEY = "koppel-SECRET-123"
SUBSCRIPTION_KEY = "sub-SECRET-456"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )


class FakeTime:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class FakeSnelStart:
    """Answers the token endpoint itself; API answers come from ``queue`` (or ``default``).

    Each queued answer is a Response, an exception to raise (a transport failure) or a callable
    taking the request.
    """

    def __init__(self) -> None:
        self.token_requests: list[httpx.Request] = []
        self.api_requests: list[httpx.Request] = []
        self.token_answers: deque[Answer] = deque()
        self.queue: deque[Answer] = deque()
        self.default: Answer | None = None
        self.expires_in = 3599

    def add(self, *answers: Answer) -> None:
        self.queue.extend(answers)

    def issued_token(self) -> httpx.Response:
        number = len(self.token_requests)
        return json_response(
            200,
            {
                "access_token": f"tok-{number}",
                "token_type": "bearer",
                "expires_in": self.expires_in,
            },
        )

    def _play(self, answer: Answer, request: httpx.Request) -> httpx.Response:
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer

    def handler(self, request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN_URL:
            self.token_requests.append(request)
            if self.token_answers:
                return self._play(self.token_answers.popleft(), request)
            return self.issued_token()
        self.api_requests.append(request)
        if self.queue:
            return self._play(self.queue.popleft(), request)
        if self.default is not None:
            return self._play(self.default, request)
        raise AssertionError(f"unexpected API request {request.method} {request.url}")

    # helpers for assertions
    def form_of(self, request: httpx.Request) -> dict[str, list[str]]:
        return parse_qs(request.content.decode())

    def calls(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.api_requests]


@pytest.fixture
def fake() -> FakeSnelStart:
    return FakeSnelStart()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_client(
    fake: FakeSnelStart, fake_time: FakeTime
) -> Iterator[Callable[..., SnelStartClient]]:
    made: list[SnelStartClient] = []

    def make(**overrides: Any) -> SnelStartClient:
        options: dict[str, Any] = {
            "client_key": CLIENT_KEY,
            "subscription_key": SUBSCRIPTION_KEY,
            "token_url": TOKEN_URL,
            "base_url": BASE_URL,
            "transport": httpx.MockTransport(fake.handler),
            "sleep": fake_time.sleep,
            "clock": fake_time.clock,
            "random": lambda: 0.5,
        }
        options.update(overrides)
        client = SnelStartClient(**options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(make_client: Callable[..., SnelStartClient]) -> SnelStartClient:
    return make_client()
