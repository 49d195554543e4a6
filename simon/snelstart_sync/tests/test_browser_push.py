"""Archiving in a real browser: the preview, the confirmation, and the order number appearing on
the work order by itself within seconds (issue 8, S9, B1, B2)."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import expect

from conftest import login_in_browser
from simon.snelstart_sync.models import ExportState, SalesOrderExport
from simon.snelstart_sync.push import intent, send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_archives_and_watches_the_sales_order_arrive(page, shop, monkeypatch):
    # The worker is another process in production; here a thread picks the export up a moment
    # after the commit, so the page first shows it on its way.
    monkeypatch.setattr(
        intent,
        "hand_off",
        lambda export_id: threading.Timer(1.0, send.send_export, [export_id]).start(),
    )
    work_order = shop.completed()
    login_in_browser(page, "alice")

    page.goto(f"/werkbonnen/{work_order.code}/")
    panel = page.locator("section#snelstart")
    expect(panel).to_contain_text("Na 'Archiveren' staat deze verkooporder binnen enkele seconden")
    expect(panel.locator("tr[data-kind=work]")).to_contain_text("UUR")
    expect(panel.locator("tr[data-kind=work]")).to_contain_text("2")
    expect(panel.locator("[data-field=omschrijving]")).to_have_text("CV-ketel vervangen XXX")

    page.get_by_role("link", name="Archiveren").click()
    expect(page.locator("h1")).to_have_text(f"Werkbon {work_order.number} archiveren?")
    expect(page.locator("section#snelstart [data-field=omschrijving]")).to_have_text(
        "CV-ketel vervangen XXX"
    )
    page.get_by_role("button", name="Ja, archiveren").click()

    expect(page.locator(".messages")).to_contain_text(
        f"Werkbon {work_order.number} is gearchiveerd."
    )
    status = page.locator("section#snelstart .export-status")
    expect(status).to_contain_text("Wordt verstuurd")
    expect(status).to_contain_text("In SnelStart als verkooporder", timeout=15_000)
    export = SalesOrderExport.objects.get(work_order=work_order)
    assert export.state == ExportState.SENT
    expect(status).to_contain_text(f"verkooporder {export.snelstart_order_number}")
    page.get_by_text("Geschiedenis met SnelStart").click()
    expect(page.locator("section#snelstart .attempt")).to_contain_text("Versturen: Aangemaakt")
    assert len(shop.orders_for(work_order)) == 1
