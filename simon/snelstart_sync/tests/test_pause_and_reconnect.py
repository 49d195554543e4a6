"""A permanent refusal pauses the integration; 'Koppel opnieuw' resumes it without a wipe
(issue 11: permanent failures are not retried forever while the status stays green)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from simon.lib.external import managed_externally
from simon.snelstart_sync.models import (
    Connection,
    ExportState,
    Kind,
    LogMessage,
    SalesOrderExport,
    State,
    Table,
)
from simon.snelstart_sync.push import send
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests.test_views_push import text
from simon.workorders import services

pytestmark = pytest.mark.django_db(transaction=True)


def revoke(shop) -> None:
    shop.linked.emulator.revoke_key(shop.linked.admin.client_key)
    from simon.snelstart_sync.connection import TOKENS

    TOKENS._entries.clear()  # this process's cached token would otherwise live on for an hour


def connection_of(shop) -> Connection:
    return Connection.objects.get(pk=shop.linked.connection.pk)


def test_a_revoked_key_pauses_the_integration_with_the_way_back(shop, alice_client):
    Connection.objects.filter(pk=shop.linked.connection.pk).update(state=State.ACTIVE)
    revoke(shop)

    report = sync_organization(shop.organization.pk)

    assert report is not None and not report.ok
    connection = connection_of(shop)
    assert connection.state == State.PAUSED and connection.next_sync_at is None
    assert "koppelsleutel niet (meer)" in connection.pause_reason
    error = LogMessage.objects.filter(kind=Kind.ERROR, table=Table.INTEGRATION).latest("id")
    assert error.message.startswith("De koppeling is gepauzeerd")
    assert "'Koppel opnieuw'" in error.action
    assert sync_organization(shop.organization.pk) is None  # not retried while paused
    # SnelStart still leads customers and articles while paused (S4).
    assert managed_externally(shop.organization, "customer") is not None

    tile = text(alice_client.get(reverse("snelstart_sync:integrations")))
    assert "Gepauzeerd: koppel opnieuw" in tile and "Koppel opnieuw" in tile
    overview = text(alice_client.get(reverse("snelstart_sync:overview", args=[connection.code])))
    assert "De koppeling is gepauzeerd." in overview


def test_koppel_opnieuw_with_a_key_of_the_same_administration_resumes(shop, alice_client):
    Connection.objects.filter(pk=shop.linked.connection.pk).update(state=State.ACTIVE)
    revoke(shop)
    sync_organization(shop.organization.pk)
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)  # archived while paused: it waits
    export = SalesOrderExport.objects.get(work_order=work_order)
    assert export.state == ExportState.PENDING
    assert export.problem == "De koppeling met SnelStart is gepauzeerd."

    connect = reverse("snelstart_sync:connect", args=[shop.linked.connection.code])
    page = text(alice_client.get(connect))
    assert "Koppel opnieuw met SnelStart" in page
    new_key = shop.linked.emulator.add_key(shop.linked.admin.administration_id)
    done = alice_client.post(connect, {"koppelsleutel": new_key}, follow=True)

    assert "Opnieuw gekoppeld met" in text(done)
    connection = connection_of(shop)
    assert connection.state == State.ACTIVE and connection.pause_reason == ""
    report = sync_organization(shop.organization.pk)
    assert report is not None and report.ok
    SalesOrderExport.objects.filter(pk=export.pk).update(next_attempt_at=timezone.now())
    assert send.send_export(export.pk) == "sent"
    shop.linked.api.close()
    shop.linked.api = shop.linked.emulator.api_client(new_key, timeout=30)  # the old one is revoked
    assert len(shop.orders_for(work_order)) == 1


def test_koppel_opnieuw_refuses_a_key_of_another_administration(shop, alice_client):
    Connection.objects.filter(pk=shop.linked.connection.pk).update(state=State.ACTIVE)
    revoke(shop)
    sync_organization(shop.organization.pk)
    other = shop.linked.emulator.create_administration(name="Ander Bedrijf", customers=0)

    response = alice_client.post(
        reverse("snelstart_sync:connect", args=[shop.linked.connection.code]),
        {"koppelsleutel": other.client_key},
    )

    assert response.status_code == 400
    assert "hoort bij een andere SnelStart-administratie ('Ander Bedrijf')" in text(response)
    assert connection_of(shop).state == State.PAUSED


def test_another_tenant_cannot_reconnect(shop, charlie_client):
    Connection.objects.filter(pk=shop.linked.connection.pk).update(state=State.PAUSED)
    response = charlie_client.post(
        reverse("snelstart_sync:connect", args=[shop.linked.connection.code]),
        {"koppelsleutel": "x"},
    )
    assert response.status_code == 404
