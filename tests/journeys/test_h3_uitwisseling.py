"""Chapter 3, 'Uitwisseling integratie': a work order for a customer from SnelStart, on its
SnelStart address (3.3), planned, worked on the monteur's phone (120 minutes of work, 15 of
travel, two materials, a form), reported complete, previewed and archived; SnelStart then has
a sales order with exactly those lines: 2 x the work-time article, 0.25 x the travel article,
the materials, and the fixed article (3.4, 3.4.1–3.4.3; S6–S14, B1, B6)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.story import (
    ARTICLE,
    CUSTOMER,
    Story,
    archive,
    export_status,
    new_work_order,
    open_sales_order,
    open_work_order,
    sales_order_lines,
)

pytestmark = pytest.mark.browser

DESCRIPTION = "CV-ketel vervangen en inregelen"


def test_h3_an_archived_work_order_is_a_sales_order_in_snelstart_with_exactly_its_lines(
    journey: Story,
) -> None:
    journey.ensure_master_data()

    # The office makes the work order for the customer from SnelStart and plans it
    kantoor = journey.office("kantoor")
    number = new_work_order(
        kantoor, DESCRIPTION, customer=CUSTOMER, reference="PO-4411", plan_for="Mehmet Yilmaz"
    )
    header = kantoor.page.locator("#werkbon")
    expect(header).to_contain_text(CUSTOMER)
    expect(header).to_contain_text("Zonnebloemstraat 4, 3581 AB Utrecht")  # its first work address
    expect(kantoor.page.locator("#status")).to_have_text("Ingepland")
    kantoor.shot("h3-werkbon")

    # The monteur works it on the phone: travel 15 minutes, work 120, two materials, a form
    monteur = journey.phone("monteur1", hour=7, minute=30)
    page = monteur.page
    card = page.locator(".fa-order", has_text=number)
    expect(card).to_contain_text(CUSTOMER)
    expect(card).to_contain_text("08:00–12:00")
    monteur.click(card.locator(".fa-order-link"))
    page.locator("#field-app[data-synced]").wait_for(state="attached")
    expect(page.locator("h1:visible")).to_have_text(f"Werkbon {number}")

    stop = page.locator("#sheet-stop")
    page.get_by_role("button", name="Start reistijd").click()
    page.clock.fast_forward("15:00")
    page.get_by_role("button", name="Stop", exact=True).click()
    expect(stop.locator("#stop-minutes")).to_have_value("15")
    stop.get_by_role("button", name="Boeken", exact=True).click()
    hours = page.locator("section#uren")
    expect(hours.locator(".fa-item")).to_have_count(1)
    page.get_by_role("button", name="Start werktijd").click()
    page.clock.fast_forward("02:00:00")
    page.get_by_role("button", name="Stop", exact=True).click()
    expect(stop.locator("#stop-minutes")).to_have_value("120")
    stop.get_by_role("button", name="Boeken", exact=True).click()
    expect(hours.locator(".fa-item")).to_have_count(2)
    expect(hours).to_contain_text("Reistijd 15 min")
    expect(hours).to_contain_text("Werktijd 120 min")

    code, description, _group = ARTICLE
    sheet = page.locator("#sheet-material")
    page.get_by_role("button", name="Materiaal toevoegen").click()
    sheet.locator("#material-search").fill(code)
    sheet.get_by_role("button", name=re.compile(rf"^{code} · ")).click()
    sheet.get_by_role("button", name="Meer").click()
    expect(sheet.locator("#material-quantity")).to_have_value("2")
    sheet.get_by_role("button", name="Toevoegen", exact=True).click()
    # A second material, whatever SnelStart's demo data has first in 'Materialen'
    page.get_by_role("button", name="Materiaal toevoegen").click()
    sheet.locator("#material-search").fill("1")
    other = sheet.locator("button", has_text=re.compile(r"^1\d{4} · ")).first
    other_code, other_description = other.inner_text().split(" (")[0].split(" · ")
    other.click()
    sheet.get_by_role("button", name="Toevoegen", exact=True).click()
    materials = page.locator("section#materialen")
    expect(materials.locator(".fa-item")).to_have_count(2)

    page.get_by_role("button", name="Formulier invullen").click()
    page.locator("#sheet-form-pick").get_by_role("button", name="Veiligheidscheck").click()
    form = page.locator("#sheet-form")
    for question in ("Gas afgesloten waar nodig", "Werkplek veilig en opgeruimd"):
        form.get_by_role("group", name=question).get_by_text("Ja", exact=True).click()
    form.get_by_role("button", name="Formulier afronden").click()
    expect(page.locator("section#formulieren")).to_contain_text("Veiligheidscheck Ingevuld")
    expect(page.locator("main .fa-pending:visible")).to_have_count(0)  # all sent
    monteur.fits()
    monteur.shot("h3-veld-werkbon")

    page.get_by_role("button", name="Gereed melden").click()
    confirm = page.locator("#sheet-complete")
    expect(confirm.locator("[data-slot=summary]")).to_have_text("2,25 uur geboekt, 2 materialen")
    monteur.fits()
    confirm.get_by_role("button", name="Ja, gereed melden").click()
    expect(page.locator("[data-slot=state]")).to_have_text("Gereed gemeld")
    expect(page.locator(".fa-bar [data-slot=outbox-count]")).to_have_text("0")

    # The office sees it complete, and the sales order it will make (the preview)
    open_work_order(kantoor, number)
    expect(kantoor.page.locator("#status")).to_have_text("Gereed gemeld")
    preview = kantoor.page.locator("section#snelstart")
    expect(preview).to_contain_text(
        "Na 'Archiveren' staat deze verkooporder binnen enkele seconden"
    )
    lines = preview.locator("table.preview-lines tbody tr")
    shown = [tuple(row.locator("td").all_inner_texts()[1:]) for row in lines.all()]
    assert shown == [
        ("—", DESCRIPTION, ""),
        ("VOORRIJ", "Voorrijkosten", "1"),
        ("ARBEID", "Arbeid per uur", "2"),
        ("REISTIJD", "Reistijd per uur", "0,25"),
        (code, description, "2"),
        (other_code, other_description, "1"),
    ], shown
    expect(preview.locator("[data-field=omschrijving]")).to_have_text(f"{DESCRIPTION} XXX")
    expect(preview.locator("[data-field=betalingskenmerk]")).to_have_text(number)
    expect(preview.locator("[data-field=memo]")).to_contain_text("Zonnebloemstraat 4")
    kantoor.shot("h3-voorbeeld", target=preview)

    # 'Archiveren': within seconds it is a sales order in SnelStart
    archive(kantoor)
    status = export_status(kantoor)
    expect(status).to_contain_text("In SnelStart als verkooporder", timeout=30_000)
    order_number = re.search(r"verkooporder (\d+)", status.inner_text())
    assert order_number, status.inner_text()
    kantoor.shot("h3-verstuurd")

    snelstart = journey.snelstart()
    open_sales_order(snelstart, journey, number)
    order = snelstart.page
    expect(order.get_by_test_id("verkooporder-nummer")).to_have_text(order_number.group(1))
    expect(order.get_by_test_id("verkooporder-klant")).to_contain_text(CUSTOMER)
    expect(order.get_by_test_id("verkooporder-omschrijving")).to_have_text(f"{DESCRIPTION} XXX")
    expect(order.get_by_test_id("verkooporder-processtatus")).to_have_text("Werkbon")
    in_snelstart = sales_order_lines(snelstart)
    assert in_snelstart == [
        ("", DESCRIPTION, "0"),
        ("VOORRIJ", "Voorrijkosten", "1"),
        ("ARBEID", "Arbeid per uur", "2"),
        ("REISTIJD", "Reistijd per uur", "0.25"),
        (code, description, "2"),
        (other_code, other_description, "1"),
    ], in_snelstart
    snelstart.shot("h3-snelstart-verkooporder")
