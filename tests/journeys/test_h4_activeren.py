"""Chapter 4, 'Activeren integratie': from 'Integraties' to 'Instellingen', with the koppelsleutel
made in SnelStart's 'Koppelingen' (manual 4.1–4.3; S27)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.journeys.story import Story, new_koppelsleutel, paste_koppelsleutel

pytestmark = pytest.mark.browser


def test_h4_a_beheerder_activates_the_integration_with_a_key_from_snelstart(journey: Story) -> None:
    beheerder = journey.office("beheerder")
    page = beheerder.page

    # The office's start page invites the beheerder (manual 5.15, 'Pluk de voordelen')
    invitation = page.get_by_test_id("aandacht").filter(has_text="Koppel Simon met SnelStart")
    expect(invitation).to_contain_text("Pluk de voordelen")
    beheerder.shot("h4-overzicht")

    # 4.1 'Integraties' → 'Activeer integratie' → 'Inzetbaar' bij SnelStart
    beheerder.click(invitation.get_by_role("link", name="Naar 'Integraties'"))
    snelstart_tile = page.locator('[data-integration="snelstart"]')
    expect(snelstart_tile.locator(".integration-status")).to_have_text("Inzetbaar")
    beheerder.shot("h4-integraties")
    beheerder.click(page.get_by_role("link", name="Activeer integratie"))
    expect(page.locator('tr[data-integration="snelstart"]')).to_contain_text("Inzetbaar")
    beheerder.shot("h4-activeer-integratie")

    # 4.2 'Start activatie', below an explanation of how the integration works
    beheerder.click(page.locator('tr[data-integration="snelstart"]').get_by_text("Inzetbaar"))
    expect(page.locator("main")).to_contain_text("SnelStart is leidend voor klanten en artikelen")
    beheerder.shot("h4-start-activatie")
    beheerder.click(page.get_by_role("button", name="Start activatie"))

    # 4.3 'Wissen Simon data': the first time every part, Simon shows which
    expect(page.locator("h1")).to_have_text("Wissen Simon data")
    parts = page.locator("table.wipe-parts tbody tr")
    expect(parts).to_have_count(4)
    for part in ("Klanten", "Werkadressen", "Artikelen", "Artikelgroepen"):
        expect(page.locator("table.wipe-parts")).to_contain_text(part)
    expect(page.locator("main")).to_contain_text("Werkbonnen worden nooit gewist")
    beheerder.shot("h4-wissen")
    beheerder.click(page.get_by_role("button", name="Wissen Simon data"))
    expect(page.locator("h1")).to_contain_text("Weet je zeker")
    expect(page.locator("main")).to_contain_text("Klanten:")
    beheerder.click(page.get_by_role("button", name="Ja, wis de data"))

    # 'Koppel': the koppelsleutel from SnelStart Online's 'Koppelingen'
    expect(page.locator(".messages")).to_contain_text("De Simon-data is gewist")
    expect(page.locator("h1")).to_have_text("Koppel Simon met SnelStart")
    beheerder.shot("h4-koppel")
    snelstart = journey.snelstart()
    snelstart.goto(journey.at("/koppelingen"))
    expect(snelstart.page.get_by_test_id("app-simon")).to_be_visible()
    snelstart.shot("h4-snelstart-koppelingen")
    key = new_koppelsleutel(snelstart, journey)
    snelstart.shot("h4-snelstart-sleutel")

    paste_koppelsleutel(beheerder, key)
    expect(page.locator("h1")).to_have_text("Instellingen")
    expect(page.locator(".messages")).to_contain_text("Check in SnelStart gelukt")
    assert key not in page.content()  # Simon never shows the key again
    journey.remember_overview(page.url)
