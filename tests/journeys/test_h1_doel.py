"""Chapter 1, 'Doel van de integratie': data kept in one place. A customer and an article added
in SnelStart are in Simon after a sync, for the office and the field alike; an article of a
group Simon does not fetch stays out (1.1, 1.3; S1, S2)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.story import (
    ARTICLE,
    CUSTOMER,
    OTHER_GROUP_ARTICLE,
    Story,
    add_article,
    add_customer,
    sync_now,
)

pytestmark = pytest.mark.browser


def test_h1_customers_and_articles_added_in_snelstart_appear_in_simon(journey: Story) -> None:
    journey.ensure_active()
    snelstart = journey.snelstart()
    add_customer(snelstart, journey, CUSTOMER, "Zonnebloemstraat 4", "3581 AB", "Utrecht")
    snelstart.goto(journey.at(f"/relaties?q={CUSTOMER}"))
    expect(snelstart.page.get_by_test_id("relaties")).to_contain_text(CUSTOMER)
    snelstart.shot("h1-snelstart-relatie")
    code, description, group = ARTICLE
    add_article(snelstart, journey, code, description, group)
    other_code, other_description, other_group = OTHER_GROUP_ARTICLE
    add_article(snelstart, journey, other_code, other_description, other_group)

    beheerder = journey.office("beheerder")
    sync_now(beheerder, journey)
    beheerder.goto(f"/klanten/?q={CUSTOMER}")
    customers = beheerder.page.locator("main table")
    beheerder.reload_until(customers, CUSTOMER)
    expect(customers).to_contain_text("Utrecht")
    expect(customers).to_contain_text("SnelStart")
    beheerder.shot("h1-klant-uit-snelstart")
    journey.master_data = True

    # Articles only from the chosen groups ('Arbeid', 'Materialen'), for the office ...
    kantoor = journey.office("kantoor")
    kantoor.goto(f"/artikelen/?q={code}")
    articles = kantoor.page.locator("main table")
    expect(articles).to_contain_text(description)
    expect(articles).to_contain_text(group)
    kantoor.goto(f"/artikelen/?q={other_code}")
    expect(kantoor.page.locator("main")).not_to_contain_text(other_description)
    expect(kantoor.page.locator("main")).not_to_contain_text(other_group)

    # ... and on the monteur's phone, where materials are picked
    monteur = journey.phone("monteur2")
    page = monteur.page
    today = page.locator("[data-group=today] .fa-order").first
    monteur.click(today.locator(".fa-order-link"))
    page.locator("#field-app[data-synced]").wait_for(state="attached")
    page.get_by_role("button", name="Materiaal toevoegen").click()
    sheet = page.locator("#sheet-material")
    sheet.locator("#material-search").fill(code)
    expect(
        sheet.get_by_role("button", name=re.compile(rf"^{code} · {description}"))
    ).to_be_visible()
    monteur.fits()
    sheet.locator("#material-search").fill(other_code)
    expect(sheet).not_to_contain_text(other_description)
    sheet.get_by_role("button", name="Annuleren").click()
