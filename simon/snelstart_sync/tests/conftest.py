"""An emulator for the integration tests, and an organization connected to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from django.utils import timezone

from simon.snelstart_sync import crypto
from simon.snelstart_sync.models import Connection, IntegrationSettings, State
from simon.tenants.models import Organization
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer


@pytest.fixture(scope="session")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer() as server:
        yield server


@pytest.fixture
def snelstart_at(emulator: EmulatorServer, settings: Any) -> EmulatorServer:
    """Point Simon's SnelStart settings at the emulator, with no call budget in the way."""
    settings.SNELSTART_TOKEN_URL = emulator.token_url
    settings.SNELSTART_BASE_URL = emulator.base_url
    settings.SNELSTART_SUBSCRIPTION_KEY = emulator.subscription_key
    settings.SNELSTART_CALLS_PER_MINUTE = 100_000
    settings.SNELSTART_MAX_ATTEMPTS = 3  # retries are the client's tests' business; keep it quick
    emulator.set_faults()
    emulator.set_clock()  # a test that moved SnelStart's clock and failed leaves it moved
    return emulator


@dataclass
class Linked:
    """An organization linked to an emulator administration, plus a raw API client on it."""

    organization: Organization
    connection: Connection
    admin: AdministrationInfo
    emulator: EmulatorServer
    api: httpx.Client

    def settings(self, **values: Any) -> IntegrationSettings:
        from simon.snelstart_sync.configuration import save_version

        return save_version(self.organization, by=None, values=values)


def link(
    organization: Organization,
    emulator: EmulatorServer,
    *,
    state: State = State.CONFIGURED,
    **administration: Any,
) -> Linked:
    spec = {"customers": 0, "articles": 0, "groups": 3, "orders": 0, **administration}
    admin = emulator.create_administration(**spec)
    connection = Connection.objects.create(
        organization=organization,
        state=state,
        client_key_encrypted=crypto.encrypt(admin.client_key),
        client_key_hint=crypto.hint(admin.client_key),
        administration_id=admin.administration_id,
        administration_name=admin.name,
        connected_at=timezone.now(),
        activated_at=timezone.now(),
        ever_activated=True,
    )
    api = emulator.api_client(admin.client_key, timeout=30)
    return Linked(organization, connection, admin, emulator, api)


@pytest.fixture
def linked_a(org_a: Organization, snelstart_at: EmulatorServer) -> Iterator[Linked]:
    linked = link(org_a, snelstart_at)
    linked.settings()
    yield linked
    linked.api.close()


@pytest.fixture
def shop(linked_a: Linked, alice: Any, settings: Any) -> Any:
    """Organization A linked, with SnelStart customers and articles imported and the sending
    settings of a typical installer (push tests, issue 8)."""
    from simon.snelstart_sync.tests.push_setup import open_shop

    settings.SNELSTART_OUTCOME_SETTLE_SECONDS = 0
    shop = open_shop(linked_a, alice)
    shop.settings(
        work_article_code="UUR",
        travel_article_code="REIS",
        fixed_article_code="VOORRIJ",
        first_line_description=True,
        memo="beide",
        payment_reference="beide",
        description_suffix="XXX",
        send_filter_word="Garantie",
    )
    return shop
