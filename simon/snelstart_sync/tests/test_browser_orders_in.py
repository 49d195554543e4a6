"""An order made in SnelStart's screens appears on Simon's planning board (issue 10, S23).

Two tabs: the emulator's web UI, where the office of the installer (or its webshop) makes the
sales order, and Simon, where the beheerder syncs and finds it to plan.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import login_in_browser
from simon.snelstart_sync.models import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_order_made_in_snelstart_appears_on_the_planning_board(page, browser, shop):
    type(shop.linked.connection).objects.filter(pk=shop.linked.connection.pk).update(
        state=State.ACTIVE
    )
    shop.settings(pull_orders=True, pull_filter_word="WB", pull_description="beide")
    snelstart = browser.new_page()
    admin = shop.linked.admin.administration_id

    snelstart.goto(f"{shop.linked.emulator.url}/a/{admin}/verkooporders")
    snelstart.get_by_test_id("nieuwe-verkooporder").click()
    snelstart.get_by_test_id("order-relatie").select_option(
        value=shop.relaties["Slagerij Jansen"]["id"]
    )
    snelstart.get_by_test_id("order-omschrijving").fill("WB lekkage koelcel")
    snelstart.get_by_test_id("order-memo").fill("Sleutel bij de buren")
    snelstart.get_by_test_id("order-regel-1-artikel").select_option(
        value=shop.artikelen["KRAAN"]["id"]
    )
    snelstart.get_by_test_id("order-regel-1-aantal").fill("2")
    snelstart.get_by_test_id("order-opslaan").click()
    number = snelstart.get_by_test_id("verkooporder-nummer").inner_text().strip()
    snelstart.close()

    login_in_browser(page, "alice")
    page.goto(f"/integraties/snelstart/{shop.linked.connection.code}/")
    page.get_by_role("button", name="Nu synchroniseren").click()
    page.goto("/werkbonnen/planning/")
    unplanned = page.locator("aside.unplanned")
    expect(unplanned).to_contain_text("Slagerij Jansen")
    expect(unplanned).to_contain_text("WB lekkage koelcel")

    unplanned.get_by_text("Slagerij Jansen").click()
    expect(page.locator("section#snelstart")).to_contain_text(f"Uit SnelStart-order {number}")
    expect(page.locator("section#materialen tbody")).to_contain_text("KRAAN")
    expect(page.locator("section#werkbon .description")).to_contain_text("Sleutel bij de buren")
    expect(page.locator("section#geschiedenis")).to_contain_text(
        f"Uit SnelStart-verkooporder {number}"
    )
