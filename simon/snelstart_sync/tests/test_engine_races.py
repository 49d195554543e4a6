"""Races between the screens and a running sync."""

from __future__ import annotations

import uuid

import pytest

from simon.snelstart_sync import activation, pull
from simon.snelstart_sync.configuration import save_version
from simon.snelstart_sync.models import State, Stream, StreamCursor
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests.conftest import link

pytestmark = pytest.mark.django_db(transaction=True)


def during_second_page(monkeypatch, action):
    """Run ``action`` (from the screens) once the second page of articles has arrived, before
    it is stored: in its own transaction, as another request would."""
    original = pull._decode
    pages = []

    def decode(response):
        if response.endpoint == "/artikelen":
            pages.append(response.skip)
            if len(pages) == 2:
                action()
        return original(response)

    monkeypatch.setattr(pull, "_decode", decode)


def test_changing_the_groups_during_a_sync_still_forces_a_full_reread(
    org_b, snelstart_at, settings, monkeypatch
):
    settings.SNELSTART_IMPORT_WORKERS = 1
    linked = link(org_b, snelstart_at, articles=1200, groups=2)
    linked.settings()
    group = linked.api.get("/artikelomzetgroepen").json()[0]["omschrijving"]
    during_second_page(
        monkeypatch, lambda: save_version(org_b, by=None, values={"article_groups": [group]})
    )
    assert sync_organization(org_b.pk).ok
    linked.api.close()
    assert not StreamCursor.objects.filter(organization=org_b, stream=Stream.ARTICLES).exists()


def test_deactivating_during_a_sync_stops_it_at_the_next_page(
    org_b, snelstart_at, settings, monkeypatch
):
    settings.SNELSTART_IMPORT_WORKERS = 1
    linked = link(org_b, snelstart_at, articles=1600, groups=2)
    linked.settings()
    during_second_page(monkeypatch, lambda: activation.deactivate(linked.connection))
    report = sync_organization(org_b.pk)
    linked.api.close()
    assert not report.ok and "deactivated" in report.error
    cursor = StreamCursor.objects.get(organization=org_b, stream=Stream.ARTICLES)
    # The first page is stored; the second, arriving after the deactivation, is not kept (its
    # transaction ends with the lease check); the rest waits for re-activation.
    assert cursor.run_next_skip == 500
    assert sync_organization(org_b.pk) is None


def test_a_key_of_another_administration_needs_a_full_wipe(org_a, snelstart_at):
    linked = link(org_a, snelstart_at)
    connection = linked.connection
    StreamCursor.objects.create(organization=org_a, stream=Stream.CUSTOMERS)
    connection.state = State.DEACTIVATED
    connection.save()
    activation.wipe_and_continue(connection, ["artikelen"])
    other = str(uuid.uuid4())
    with pytest.raises(activation.ActivationError, match="andere SnelStart-administratie"):
        activation.store_key(connection, "sleutel-van-een-ander", other, "Ander BV")
    activation.wipe_and_continue(
        connection, ["klanten", "werkadressen", "artikelen", "artikelgroepen"]
    )
    activation.store_key(connection, "sleutel-van-een-ander", other, "Ander BV")
    connection.refresh_from_db()
    assert (str(connection.administration_id), connection.state) == (other, State.CONNECTED)
    assert not StreamCursor.objects.filter(organization=org_a).exists()
    linked.api.close()
