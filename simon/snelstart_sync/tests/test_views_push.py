"""The work order screens while SnelStart runs: preview, archive confirmation, status line,
history, corrections and 'Opnieuw versturen' (issue 8, B1, B2, S7, S22)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from simon.snelstart_sync import activation
from simon.snelstart_sync.models import ExportState, SalesOrderExport, State
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.conftest import link
from simon.workorders import services
from simon.workorders.models import WorkOrder, WorkOrderStatus

pytestmark = pytest.mark.django_db(transaction=True)


def text(response) -> str:
    content = response.content.decode()
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", content).split()))


def page(client: Client, work_order: WorkOrder, name: str = "detail") -> str:
    return text(client.get(reverse(f"workorders:{name}", args=[work_order.code]), follow=True))


def panel(client: Client, work_order: WorkOrder):
    return client.get(reverse("snelstart_sync:push_panel", args=[work_order.code]))


def resend(client: Client, work_order: WorkOrder):
    return client.post(reverse("snelstart_sync:push_resend", args=[work_order.code]), follow=True)


def test_a_completed_order_shows_the_sales_order_it_will_become(shop, alice_client):
    work_order = shop.completed()

    shown = page(alice_client, work_order)

    assert "Na 'Archiveren' staat deze verkooporder binnen enkele seconden in SnelStart" in shown
    assert "Omschrijving CV-ketel vervangen XXX" in shown
    assert f"Betalingskenmerk {work_order.number} / PO-77" in shown
    assert "Werktijd UUR Artikel UUR 2" in shown
    assert "Reistijd REIS Artikel REIS 0,25" in shown
    assert "Materiaal BUIS Artikel BUIS 1,5" in shown
    assert "Tekstregel (werkomschrijving) — CV-ketel vervangen" in shown


def test_archiving_asks_first_and_shows_what_will_be_sent(shop, alice_client):
    work_order = shop.completed()

    confirm = page(alice_client, work_order, "archive")

    assert f"Werkbon {work_order.number} archiveren?" in confirm
    assert "Omschrijving CV-ketel vervangen XXX" in confirm
    assert WorkOrder.objects.get(pk=work_order.pk).status == WorkOrderStatus.COMPLETED

    done = alice_client.post(reverse("workorders:archive", args=[work_order.code]), follow=True)

    export = SalesOrderExport.objects.get(work_order=work_order)
    assert export.state == ExportState.SENT
    assert f"In SnelStart als verkooporder {export.snelstart_order_number}" in text(done)
    assert "Versturen: Aangemaakt (HTTP 201)" in text(done)


def test_without_a_customer_archiving_is_refused_up_front_with_the_reason(shop, alice_client):
    work_order = shop.completed(customer=None)

    shown = page(alice_client, work_order)
    confirm = alice_client.get(reverse("workorders:archive", args=[work_order.code]))
    refused = alice_client.post(reverse("workorders:archive", args=[work_order.code]), follow=True)

    assert "Deze werkbon heeft geen klant. Zonder klant kan hij niet naar SnelStart" in shown
    assert "Zo kan deze werkbon niet naar SnelStart" in shown
    assert 'disabled aria-disabled="true">Ja, archiveren' in confirm.content.decode()
    assert "Deze werkbon kan nu niet worden gearchiveerd" in text(confirm)
    assert "Kies op de werkbon een klant (een debiteur uit SnelStart)." in text(refused)
    assert WorkOrder.objects.get(pk=work_order.pk).status == WorkOrderStatus.COMPLETED


def test_the_bulk_archive_says_per_order_what_is_refused_and_why(shop, alice_client):
    ready, without = shop.completed(), shop.completed(customer=None)
    codes = [str(ready.code), str(without.code)]

    confirm = alice_client.post(reverse("workorders:archive_selected"), {"codes": codes})
    done = alice_client.post(
        reverse("workorders:archive_selected"), {"codes": codes, "bevestigd": "1"}, follow=True
    )

    asked = text(confirm)
    assert "1 werkbon archiveren?" in asked
    assert "Wordt gearchiveerd en gaat naar SnelStart" in asked
    assert "Wordt niet gearchiveerd: Deze werkbon heeft geen klant" in asked
    assert f"Werkbon {ready.number} is gearchiveerd." in text(done)
    assert WorkOrder.objects.get(pk=without.pk).status == WorkOrderStatus.COMPLETED
    assert SalesOrderExport.objects.get(work_order=ready).state == ExportState.SENT


def test_the_filter_word_is_shown_before_and_after_archiving(shop, alice_client):
    work_order = shop.completed(description="Garantie: lekkage")

    before = page(alice_client, work_order)
    services.archive(work_order, by=shop.office)
    after = page(alice_client, work_order)

    assert "gaat na archiveren niet naar SnelStart: de omschrijving bevat het filterwoord" in before
    assert "Niet verstuurd: filterwoord Garantie" in after


def test_a_failed_order_says_why_and_is_corrected_and_resent(shop, alice_client):
    work_order = shop.completed()
    ss.update_relatie(shop.api, shop.relaties["Bakkerij de Vries"], nonactief=True)
    services.archive(work_order, by=shop.office)

    failed = page(alice_client, work_order)
    assert (
        "Mislukt: De klant 'Bakkerij de Vries' is in SnelStart verwijderd of inactief gezet."
        in failed
    )
    assert "Te nemen actie: Zet de klant in SnelStart weer actief" in failed
    assert "Opnieuw versturen" in failed and "Klant of werkadres corrigeren" in failed
    assert "Artikel vervangen" in failed

    other = shop.customer("Slagerij Jansen")
    edit = reverse("workorders:edit", args=[work_order.code])
    form = text(alice_client.get(edit))
    assert f"Werkbon {work_order.number} corrigeren" in form
    assert "Werkomschrijving" not in form  # only customer and work address
    corrected = alice_client.post(
        edit,
        {"customer": str(other.code), "work_address": str(other.work_addresses.first().code)},
        follow=True,
    )
    assert "is gecorrigeerd; verstuur hem opnieuw als alles klopt" in text(corrected)

    sent = resend(alice_client, work_order)

    export = SalesOrderExport.objects.get(work_order=work_order)
    assert export.state == ExportState.SENT
    assert f"Werkbon {work_order.number} wordt opnieuw naar SnelStart gestuurd." in text(sent)
    assert f"In SnelStart als verkooporder {export.snelstart_order_number}" in text(sent)
    assert "Opnieuw versturen" not in text(sent)
    assert alice_client.get(edit).status_code == 403  # sent: never editable again


def test_an_article_is_replaced_on_a_failed_order(shop, alice_client):
    work_order = shop.completed()
    shop.api.delete(f"/artikelen/{shop.artikelen['BUIS']['id']}")
    services.archive(work_order, by=shop.office)
    line = work_order.material_lines.get(article__article_code="BUIS")
    url = reverse("workorders:materials_edit", args=[work_order.code, line.code])

    form = alice_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "materiaal-wijzig-article" in form and "materiaal-wijzig-quantity" not in form
    alice_client.post(url, {"materiaal-wijzig-article": str(shop.article("KRAAN").code)})

    line.refresh_from_db()
    assert line.article.article_code == "KRAAN" and str(line.quantity) == "1.500"
    resend(alice_client, work_order)
    assert SalesOrderExport.objects.get(work_order=work_order).state == ExportState.SENT


def test_while_on_its_way_the_panel_polls_itself(shop, alice_client, monkeypatch):
    from simon.snelstart_sync.push import intent

    monkeypatch.setattr(intent, "hand_off", lambda export_id: None)
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)

    fragment = panel(alice_client, work_order).content.decode()

    assert "Wordt verstuurd" in fragment
    assert 'hx-trigger="workOrderChanged from:body, every 2s"' in fragment


def test_not_running_says_so_and_warns_about_nothing(shop, alice_client):
    activation.deactivate(shop.linked.connection)
    work_order = shop.completed(customer=None)

    shown = page(alice_client, work_order)

    assert "De koppeling met SnelStart is niet actief" in shown
    assert "Zonder klant kan hij niet naar" not in shown
    services.archive(work_order, by=shop.office)  # allowed: nothing goes anywhere
    assert "Niet verstuurd: integratie niet actief" in page(alice_client, work_order)


def test_the_overview_filters_on_not_sent_or_failed_and_shows_badges(shop, alice_client):
    sent = shop.completed()
    services.archive(sent, by=shop.office)
    skipped = shop.completed(description="Garantie")
    services.archive(skipped, by=shop.office)
    listing = reverse("workorders:list")

    everything = text(alice_client.get(listing))
    problems = text(alice_client.get(listing, {"export": "niet-verstuurd"}))

    export = SalesOrderExport.objects.get(work_order=sent)
    assert f"SnelStart: Verkooporder {export.snelstart_order_number}" in everything
    assert "SnelStart: Niet verstuurd" in everything
    assert skipped.number in problems and sent.number not in problems


def test_monteurs_see_no_panel_and_cannot_resend(shop, bob_client):
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)

    assert panel(bob_client, work_order).status_code == 403
    assert resend(bob_client, work_order).status_code == 403


def test_another_tenant_cannot_see_or_resend_a_work_order(shop, org_b, charlie_client):
    work_order = shop.completed()
    ss.update_relatie(shop.api, shop.relaties["Bakkerij de Vries"], nonactief=True)
    services.archive(work_order, by=shop.office)
    link(org_b, shop.linked.emulator, state=State.ACTIVE).settings()

    assert panel(charlie_client, work_order).status_code == 404
    response = charlie_client.post(reverse("snelstart_sync:push_resend", args=[work_order.code]))
    assert response.status_code == 404
    assert SalesOrderExport.objects.get(work_order=work_order).state == ExportState.FAILED
