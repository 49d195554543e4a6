"""Chapter 2, 'Uitgangspunten': SnelStart leads for customers and articles (2.1, S4); a work
order needs a customer from SnelStart, or archiving is refused with the manual's message, and
once the customer is chosen it goes (2.3, 2.4; S7); a customer set inactive in SnelStart leaves
Simon (2.5, S5)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.journeys.story import (
    Story,
    archive,
    choose_customer,
    export_status,
    new_work_order,
    open_relatie,
    report_complete,
    sync_now,
)

pytestmark = pytest.mark.browser


def test_h2_snelstart_leads_and_a_work_order_needs_a_customer_from_snelstart(
    journey: Story,
) -> None:
    journey.ensure_active()
    kantoor = journey.office("kantoor")
    page = kantoor.page

    # 2.1 Customers are made in SnelStart; Simon says so and offers no 'Nieuwe klant'
    kantoor.goto("/klanten/")
    expect(page.locator("main")).to_contain_text("Beheer klanten en artikelen in SnelStart")
    expect(page.get_by_role("link", name="Nieuwe klant")).to_have_count(0)
    kantoor.goto("/artikelen/")
    expect(page.locator("main")).to_contain_text("Beheer klanten en artikelen in SnelStart")
    expect(page.get_by_role("link", name="Nieuw artikel")).to_have_count(0)
    kantoor.shot("h2-artikelen")

    # 2.3 A work order without a customer: Simon warns, and refuses to archive it
    number = new_work_order(kantoor, "Lekkage in de keuken verhelpen")
    expect(page.locator("#werkbon")).to_contain_text("Deze werkbon heeft geen klant")
    report_complete(kantoor)
    kantoor.click(page.locator("#werkbon").get_by_role("link", name="Archiveren"))
    refusal = page.get_by_role("alert").filter(has_text="kan nu niet worden gearchiveerd")
    expect(refusal).to_contain_text(
        "Deze werkbon heeft geen klant; zonder debiteur kan SnelStart geen verkooporder maken."
    )
    expect(refusal).to_contain_text("Kies op de werkbon een klant (een debiteur uit SnelStart).")
    expect(page.get_by_role("button", name="Ja, archiveren")).to_be_disabled()
    kantoor.shot("h2-geen-klant")

    # The office chooses the customer (a debtor from SnelStart); now it goes
    kantoor.click(page.get_by_role("link", name="Terug naar de werkbon"))
    kantoor.click(page.locator("#werkbon").get_by_role("link", name="Wijzigen"))
    choose_customer(kantoor, "Kapsalon Janssen")
    page.get_by_label("Werkadres").select_option(index=1)
    kantoor.click(page.get_by_role("button", name="Opslaan"))
    expect(page.locator("h1")).to_have_text(f"Werkbon {number}")
    expect(page.locator("#werkbon")).to_contain_text("Kapsalon Janssen")
    archive(kantoor)
    expect(export_status(kantoor)).to_contain_text("In SnelStart als verkooporder", timeout=30_000)

    # 2.5 A customer set inactive in SnelStart leaves Simon's lists at the next sync
    snelstart = journey.snelstart()
    open_relatie(snelstart, journey, "Hoveniersbedrijf Meijer")
    snelstart.click(snelstart.page.get_by_role("button", name="Deactiveren"))
    beheerder = journey.office("beheerder")
    beheerder.goto("/klanten/?q=Hoveniersbedrijf")
    expect(beheerder.page.locator("main")).to_contain_text("Hoveniersbedrijf Meijer")
    sync_now(beheerder, journey)
    beheerder.goto("/klanten/?q=Hoveniersbedrijf")
    beheerder.reload_until_gone(
        beheerder.page.locator("main tbody tr", has_text="Hoveniersbedrijf Meijer")
    )
