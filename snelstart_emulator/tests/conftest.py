"""One emulator for the test session; every test gets its own administration (they are isolated
by construction), and global knobs are put back after each test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from snelstart_emulator.config import Settings
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer


@pytest.fixture(scope="session")
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer() as running:
        yield running


@pytest.fixture(autouse=True)
def _restore_global_knobs(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "server" in request.fixturenames:
        running: EmulatorServer = request.getfixturevalue("server")
        running.set_faults()
        running.set_settings(**Settings().as_dict())
        running.set_clock()


@pytest.fixture
def admin(server: EmulatorServer) -> AdministrationInfo:
    """A small demo administration: 8 customers, 2 suppliers, 12 articles, 2 orders."""
    return server.create_administration(seed=7, customers=8, suppliers=2, articles=12, orders=2)


@pytest.fixture
def empty_admin(server: EmulatorServer) -> AdministrationInfo:
    """Only what every administration has: Eigen, placeholders -1/-2, groups, templates."""
    return server.create_administration(demo=False, groups=3, templates=2)


@pytest.fixture
def api(server: EmulatorServer, admin: AdministrationInfo) -> Iterator[httpx.Client]:
    with server.api_client(admin.client_key) as client:
        yield client


@pytest.fixture
def empty_api(server: EmulatorServer, empty_admin: AdministrationInfo) -> Iterator[httpx.Client]:
    with server.api_client(empty_admin.client_key) as client:
        yield client
