"""The real client against a real emulator over HTTP on 127.0.0.1: no mocks, no fakes.

One :class:`EmulatorServer` serves the whole session; every test gets its own administration (data,
faults and request counters are per administration), and global knobs (settings, faults, clock)
are put back after each test. The client sleeps through :class:`Sleeps`, which records the delays
instead of waiting, so retries with back-off or ``Retry-After`` cost no wall time; everything
else (HTTP, JSON, tokens) is real.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from snelstart import SnelStartClient
from snelstart_emulator.config import Settings
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer

#: The client's jitter source in these tests: back-off after attempt n is 0.5 * 2**(n-1) s.
JITTER = 0.5


@dataclass
class Sleeps:
    """The client's ``sleep``: records each delay; ``then`` runs once per call (e.g. to let
    "time pass" on the emulator by lifting a rate limit)."""

    delays: list[float] = field(default_factory=list)
    then: Callable[[float], None] | None = None

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        if self.then is not None:
            self.then(seconds)


@dataclass(frozen=True)
class Exchange:
    method: str
    url: httpx.URL
    request_headers: httpx.Headers
    body: bytes
    status: int
    response_headers: httpx.Headers


class RecordingTransport(httpx.BaseTransport):
    """A real :class:`httpx.HTTPTransport` that remembers every request and answer status."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.exchanges: list[Exchange] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        response = self.inner.handle_request(request)
        self.exchanges.append(
            Exchange(
                request.method,
                request.url,
                request.headers,
                body,
                response.status_code,
                response.headers,
            )
        )
        return response

    def close(self) -> None:
        self.inner.close()


@pytest.fixture(scope="session")
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer() as running:
        yield running


@pytest.fixture(autouse=True)
def _restore_global_knobs(server: EmulatorServer) -> Iterator[None]:
    yield
    server.set_faults()
    server.set_settings(**Settings().as_dict())
    server.set_clock()


@pytest.fixture
def admin(server: EmulatorServer) -> AdministrationInfo:
    """A small demo administration: 8 customers, 2 suppliers, 12 articles, 2 orders."""
    return server.create_administration(seed=7, customers=8, suppliers=2, articles=12, orders=2)


@pytest.fixture
def empty_admin(server: EmulatorServer) -> AdministrationInfo:
    """Only what every administration has: Eigen, placeholders -1/-2, 3 groups, 2 templates."""
    return server.create_administration(demo=False, groups=3, templates=2)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


Connect = Callable[..., SnelStartClient]


@pytest.fixture
def connect(server: EmulatorServer, sleeps: Sleeps) -> Iterator[Connect]:
    """``connect(info, **client_kwargs)``: a client on the emulator for that administration."""
    made: list[SnelStartClient] = []

    def make(info: AdministrationInfo, **kwargs: Any) -> SnelStartClient:
        options: dict[str, Any] = {
            "client_key": info.client_key,
            "subscription_key": server.subscription_key,
            "token_url": server.token_url,
            "base_url": server.base_url,
            "sleep": sleeps,
            "random": lambda: JITTER,
        }
        options.update(kwargs)
        client = SnelStartClient(**options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(connect: Connect, admin: AdministrationInfo) -> SnelStartClient:
    return connect(admin)


@pytest.fixture
def empty_client(connect: Connect, empty_admin: AdministrationInfo) -> SnelStartClient:
    return connect(empty_admin)


@pytest.fixture
def raw(server: EmulatorServer, admin: AdministrationInfo) -> Iterator[httpx.Client]:
    """A plain httpx client on the same administration, to compare with what the client read."""
    with server.api_client(admin.client_key) as api:
        yield api


@pytest.fixture
def empty_raw(server: EmulatorServer, empty_admin: AdministrationInfo) -> Iterator[httpx.Client]:
    with server.api_client(empty_admin.client_key) as api:
        yield api


def endpoint_counts(server: EmulatorServer, info: AdministrationInfo) -> dict[str, int]:
    """The emulator's own count of API calls per endpoint for one administration."""
    return dict(server.request_counts(info.administration_id)["by_endpoint"])


def klant_body(naam: str, **extra: Any) -> dict[str, Any]:
    """A RelatieWriteModel for a customer, posted with the plain httpx client to seed data (the
    typed client has no relatie writes: Simon only reads them)."""
    body: dict[str, Any] = {
        "relatiesoort": ["Klant"],
        "naam": naam,
        "vestigingsAdres": {"straat": "Dorpsstraat 12a", "postcode": "1234 AB", "plaats": "Ede"},
    }
    body.update(extra)
    return body
