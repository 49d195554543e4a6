"""The integration log, the technical log and a work order's sending status read in the
reader's language, though a Dutch worker wrote them (issue 14 item 8)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from simon.snelstart_sync import sync
from simon.snelstart_sync.models import LogMessage, SalesOrderExport, SyncRun
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.workorders import services

pytestmark = pytest.mark.django_db(transaction=True)


def text(client: Client, url: str) -> str:
    content = client.get(url, follow=True).content.decode()
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", content).split()))


def speak(client: Client, language: str) -> None:
    client.post(reverse("set_language"), {"language": language, "next": "/"})


def test_a_failed_sync_reads_in_english_for_an_english_reader(linked_a, alice_client):
    linked_a.emulator.set_faults(
        linked_a.admin.administration_id, fail_next_count=1000, fail_next_status=503
    )
    sync.sync_organization(linked_a.organization.pk)
    stored = LogMessage.objects.get(organization=linked_a.organization)
    assert stored.message == "SnelStart is op dit moment niet bereikbaar."  # the house language
    code = linked_a.connection.code
    logging = reverse("snelstart_sync:logging", args=[code])
    technical = reverse("snelstart_sync:technical_log", args=[code])

    dutch = text(alice_client, logging)
    assert "SnelStart is op dit moment niet bereikbaar." in dutch
    assert "Je hoeft niets te doen: Simon probeert het automatisch opnieuw." in dutch
    dutch_runs = text(alice_client, technical)
    # The raw exception stays for operators, under a Dutch line saying what it means.
    assert "SnelStart is op dit moment niet bereikbaar." in dutch_runs
    assert "TransientError" in dutch_runs

    speak(alice_client, "en")
    english = text(alice_client, logging)
    assert "SnelStart cannot be reached at the moment." in english
    assert "You do not need to do anything: Simon retries automatically." in english
    assert "niet bereikbaar" not in english
    assert "SnelStart cannot be reached at the moment." in text(alice_client, technical)


def test_a_failed_work_order_reads_in_english_on_its_page_and_in_the_log(shop, alice_client):
    work_order = shop.completed()
    ss.update_relatie(shop.api, shop.relaties["Bakkerij de Vries"], nonactief=True)
    services.archive(work_order, by=shop.office)
    export = SalesOrderExport.objects.get(work_order=work_order)
    assert (
        export.problem
        == "De klant 'Bakkerij de Vries' is in SnelStart verwijderd of inactief gezet."
    )

    speak(alice_client, "en")
    detail = text(alice_client, reverse("workorders:detail", args=[work_order.code]))
    assert "The customer 'Bakkerij de Vries' was deleted or set inactive in SnelStart." in detail
    assert "verwijderd of inactief" not in detail
    log = text(alice_client, reverse("snelstart_sync:logging", args=[shop.linked.connection.code]))
    assert (
        f"Work order {work_order.number} was not sent to SnelStart: The customer 'Bakkerij de "
        "Vries' was deleted or set inactive in SnelStart." in log
    )


def test_another_tenant_reads_neither_log(linked_a, charlie_client):
    linked_a.emulator.set_faults(
        linked_a.admin.administration_id, fail_next_count=1000, fail_next_status=503
    )
    sync.sync_organization(linked_a.organization.pk)
    assert SyncRun.objects.filter(organization=linked_a.organization).exists()
    code = linked_a.connection.code
    for name in ("logging", "technical_log"):
        response = charlie_client.get(reverse(f"snelstart_sync:{name}", args=[code]))
        assert response.status_code == 404
