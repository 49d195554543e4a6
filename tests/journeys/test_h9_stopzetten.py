"""Chapter 9, 'Stopzetten integraties': 'Integraties' → 'Activeer integratie' → SnelStart
'Actief' → 'Deactiveren', after a question; from then on nothing comes from SnelStart and no
work order goes there (9.1–9.3; S30). Activating again (with the choice of what to wipe, 4.3)
takes up from that point: the customer added meanwhile arrives, and the work order archived
meanwhile can still be sent ('Alsnog versturen')."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.journeys.story import (
    Story,
    add_customer,
    archive,
    check_all_and_save,
    export_status,
    new_koppelsleutel,
    new_work_order,
    no_sales_order_for,
    open_activation,
    paste_koppelsleutel,
    report_complete,
    row_colour,
    wait_for_first_import,
)

pytestmark = pytest.mark.browser

CUSTOMER = "Fietsenwinkel Na De Stop"


def test_h9_deactivating_stops_both_directions_until_activated_again(journey: Story) -> None:
    journey.ensure_active()
    kantoor = journey.office("kantoor")
    number = new_work_order(kantoor, "Boiler ontkalken", customer="Kapsalon Janssen")
    report_complete(kantoor)

    # 9.1 'Integraties' → 'Activeer integratie' → SnelStart 'Actief' → 'Deactiveren'
    beheerder = journey.office("beheerder")
    page = beheerder.page
    beheerder.click(page.get_by_role("navigation", name="Hoofdmenu").get_by_text("Integraties"))
    beheerder.click(page.get_by_role("link", name="Activeer integratie"))
    beheerder.click(page.locator("tr", has_text="SnelStart").get_by_role("link", name="Actief"))
    beheerder.click(page.get_by_role("link", name="Deactiveren"))
    expect(page.locator("h1")).to_have_text(
        "Weet je zeker dat je de integratie met SnelStart wilt stopzetten?"
    )
    expect(page.locator("main")).to_contain_text("Je hoeft daarvoor niemand te bellen.")  # 9.3
    beheerder.shot("h9-deactiveren")
    beheerder.click(page.get_by_role("button", name="Ja, deactiveren"))
    beheerder.shot("h9-gedeactiveerd")
    # Back on 'Integraties': deactivated, SnelStart is 'Inzetbaar' again
    expect(page.locator(".messages")).to_contain_text(
        "De integratie met SnelStart is gedeactiveerd"
    )
    tile = page.locator('[data-integration="snelstart"]')
    expect(tile.locator(".integration-status")).to_have_text("Inzetbaar")
    expect(tile).to_contain_text("Gedeactiveerd op ")
    beheerder.goto(journey.overview)
    expect(page.get_by_role("button", name="Nu synchroniseren")).to_have_count(0)

    # 9.2 Nothing goes to SnelStart: a work order archived now stays out
    archive(kantoor)
    expect(export_status(kantoor)).to_contain_text("Niet verstuurd: integratie niet actief")
    snelstart = journey.snelstart()
    no_sales_order_for(snelstart, journey, number)
    beheerder.goto(journey.overview + "logging/")
    log = beheerder.page.locator("table.log")
    deactivated = log.locator("tr.log-waarschuwing", has_text="is gedeactiveerd")
    expect(deactivated).to_have_count(1)
    assert row_colour(deactivated) == "geel"  # manual 8.4: warnings in yellow
    expect(
        log.locator("tr.log-waarschuwing", has_text=f"Werkbon {number} is gearchiveerd")
    ).to_contain_text("terwijl de koppeling niet actief was")
    # ... and nothing comes from it: a customer added in SnelStart does not appear; Simon's own
    # customers can be made again
    add_customer(snelstart, journey, CUSTOMER, "Stationsplein 2", "3511 ED", "Utrecht")
    beheerder.goto(f"/klanten/?q={CUSTOMER}")
    expect(beheerder.page.locator("main tbody tr", has_text=CUSTOMER)).to_have_count(0)
    expect(beheerder.page.get_by_role("link", name="Nieuwe klant")).to_be_visible()

    # Activating again: the parts to wipe are a choice now (4.3); none is ticked here
    open_activation(beheerder)
    beheerder.click(page.get_by_role("button", name="Start activatie"))
    expect(page.locator("main")).to_contain_text("Je activeert de integratie opnieuw")
    expect(page.get_by_label("Klanten", exact=True)).not_to_be_checked()
    beheerder.shot("h9-opnieuw-wissen")
    beheerder.click(page.get_by_role("button", name="Wissen Simon data"))
    expect(page.locator("h1")).to_have_text("Verder zonder iets te wissen?")
    beheerder.click(page.get_by_role("button", name="Verder zonder wissen"))
    expect(page.locator("h1")).to_have_text("Koppel Simon met SnelStart")
    paste_koppelsleutel(beheerder, new_koppelsleutel(snelstart, journey))
    expect(page.locator("h1")).to_contain_text("Instellingen")
    expect(page.get_by_label("Artikel voor werktijd")).to_have_value("ARBEID")  # kept
    check_all_and_save(beheerder, journey)
    wait_for_first_import(beheerder, journey)
    beheerder.goto(f"/klanten/?q={CUSTOMER}")
    beheerder.reload_until(beheerder.page.locator("main"), CUSTOMER)

    # The work order archived while it was off can still go, on purpose: 'Alsnog versturen'
    kantoor.page.reload()
    kantoor.click(
        kantoor.page.locator("section#snelstart").get_by_role("button", name="Alsnog versturen")
    )
    expect(export_status(kantoor)).to_contain_text("In SnelStart als verkooporder", timeout=30_000)
