"""Chapter 7, 'Hoe werkt de integratie?': the 'hoogste mutatiedatum' per kind of data in the
logging screen moves when SnelStart changes something (7.2; S33), and the clean-up removes a
customer deleted in SnelStart, also on demand with 'Nu opschonen' (7.3; S5, S31)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.story import Story, add_customer, open_overview, open_relatie, sync_now

pytestmark = pytest.mark.browser

CUSTOMER = "Schildersbedrijf De Kwast"


def test_h7_simon_follows_snelstart_up_to_the_highest_mutation_date_and_cleans_up(
    journey: Story,
) -> None:
    journey.ensure_active()
    beheerder = journey.office("beheerder")
    page = beheerder.page

    # 7.2 'Integraties' → 'Logging': up to when Simon has taken over SnelStart's changes
    open_overview(beheerder, journey)
    beheerder.click(page.get_by_role("link", name="Logging"))
    highest = page.locator('#highest-modified tr[data-stream="klanten"] .highest')
    before = highest.inner_text()
    snelstart = journey.snelstart()
    add_customer(snelstart, journey, CUSTOMER, "Verfstraat 8", "3512 BB", "Utrecht")
    sync_now(beheerder, journey)
    beheerder.goto(journey.overview + "logging/")
    beheerder.reload_until(highest, _not(before))
    expect(page.locator("#health")).to_contain_text("Laatste geslaagde synchronisatie")
    beheerder.shot("h7-hoogste-mutatiedatum", target=page.locator(".grid2").first)

    # 7.3 A customer deleted in SnelStart: the clean-up removes it from Simon ('Nu opschonen')
    beheerder.goto(f"/klanten/?q={CUSTOMER}")
    beheerder.reload_until(page.locator("main"), CUSTOMER)
    open_relatie(snelstart, journey, CUSTOMER)
    snelstart.page.once("dialog", lambda dialog: dialog.accept())  # 'Relatie verwijderen?'
    snelstart.click(snelstart.page.get_by_role("button", name="Verwijderen"))
    snelstart.goto(journey.at(f"/relaties?q={CUSTOMER}"))
    expect(snelstart.page.get_by_test_id("relaties")).to_contain_text("Geen relaties gevonden.")

    open_overview(beheerder, journey)
    beheerder.click(page.get_by_role("button", name="Nu opschonen"))
    expect(page.locator(".messages")).to_contain_text("Opschonen is gestart")
    beheerder.goto(f"/klanten/?q={CUSTOMER}")
    beheerder.reload_until_gone(page.locator("main tbody tr", has_text=CUSTOMER))
    beheerder.goto(journey.overview + "logging/?tabel=koppeling")
    expect(page.locator("table.log tbody tr").first).to_contain_text("Opgeschoond: 1 klanten")
    beheerder.shot("h7-opgeschoond", target=page.locator("table.log"))
    open_overview(beheerder, journey)
    cleaned = page.locator("dt", has_text="Laatst opgeschoond").locator("+ dd")
    expect(cleaned).not_to_have_text("nog niet")


def _not(text: str) -> re.Pattern[str]:
    """A pattern for 'anything but this text' (the locator's text changed)."""
    return re.compile(rf"^(?!{re.escape(text.strip())}\s*$).+")
