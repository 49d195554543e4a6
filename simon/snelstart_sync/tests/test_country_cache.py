"""SnelStart's land ids are read from /landen once and kept beside the connection (issue 12)."""

from __future__ import annotations

from uuid import UUID

import pytest

from simon.customers.models import Customer
from simon.snelstart_sync.models import Connection, CountryCodes
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss

pytestmark = pytest.mark.django_db(transaction=True)

NL = UUID("00000000-0000-0000-0000-0000000000a1")
BE = UUID("00000000-0000-0000-0000-0000000000b2")


def test_the_land_ids_are_read_once_and_answer_the_next_syncs(linked_a):
    nederland = ss.nederland(linked_a.api)
    ss.create_customer(linked_a.api, "Land Een", relatiecode=5301)
    emulator, administration = linked_a.emulator, linked_a.admin.administration_id

    emulator.reset_request_count(administration)
    assert sync_organization(linked_a.organization.pk).ok

    assert emulator.request_counts(administration)["by_endpoint"]["GET /landen"] == 1
    assert CountryCodes.objects.get(connection=linked_a.connection).codes[nederland] == "NL"

    ss.create_customer(linked_a.api, "Land Twee", relatiecode=5302)
    emulator.reset_request_count(administration)
    assert sync_organization(linked_a.organization.pk).ok

    assert "GET /landen" not in emulator.request_counts(administration)["by_endpoint"]
    assert Customer.objects.get(relatiecode=5302).country_code == "NL"


def test_a_connection_without_cached_codes_reads_as_empty_and_a_refresh_replaces_them(linked_a):
    connection = linked_a.connection
    assert CountryCodes.of(connection) == {}

    CountryCodes.store(connection.pk, {NL: "NL"})
    CountryCodes.store(connection.pk, {BE: "BE"})

    assert CountryCodes.of(Connection.objects.get(pk=connection.pk)) == {BE: "BE"}
