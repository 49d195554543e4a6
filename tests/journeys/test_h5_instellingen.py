"""Chapter 5, 'Instellingen integratie': every setting checked in SnelStart with 'Controleer' (a
wrong one first), 'Opslaan' and the first import with its progress (5.1–5.14, 5.15); then two
settings at work: the filter word 'Garantie' (5.10) and sales orders with 'WB' coming from
SnelStart as work orders (5.13)."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.journeys.story import (
    SETTINGS,
    SETTINGS_ROWS,
    Story,
    archive,
    check,
    fill_in_settings,
    new_work_order,
    no_sales_order_for,
    report_complete,
    setting_row,
    sync_now,
    wait_for_first_import,
)

pytestmark = pytest.mark.browser


def test_h5_every_setting_is_checked_in_snelstart_before_the_first_import(journey: Story) -> None:
    journey.ensure_connected()
    beheerder = journey.office("beheerder")
    page = beheerder.page
    beheerder.goto(journey.overview + "instellingen/")
    expect(page.locator("h1")).to_have_text("Instellingen")
    save = page.get_by_role("button", name="Opslaan")

    # 5.3 A work-time article SnelStart does not know: 'Controleer' says so, 'Opslaan' stays off
    work_article = page.get_by_label("Artikel voor werktijd")
    work_article.fill("WERKUUR")
    assert check(beheerder, "work_article_code").startswith(
        "✗ Artikelcode 'WERKUUR' bestaat niet in SnelStart."
    )
    expect(save).to_be_disabled()
    beheerder.shot("h5-controleer-fout")
    # Typing part of a code suggests SnelStart's articles; the right one passes the check
    work_article.fill("ARB")
    expect(page.locator("#work_article_code-options option[value=ARBEID]")).to_have_count(1)
    work_article.fill("ARBEID")
    expect(setting_row(beheerder, "work_article_code").locator(".check-result")).to_have_text("")
    assert check(beheerder, "work_article_code") == (
        "✓ Artikel 'ARBEID' gevonden en actief: Arbeid per uur."
    )

    # 5.4 Article groups by name, case-sensitive
    groups = page.get_by_label("Artikelgroepen die Simon overhaalt")
    groups.fill("Arbeid\nmaterialen")
    answer = check(beheerder, "article_groups")
    assert answer.startswith("✗") and '"Materialen"' in answer, answer
    groups.fill(SETTINGS["article_groups"])
    assert check(beheerder, "article_groups") == '✓ Gevonden in SnelStart: "Arbeid", "Materialen".'

    # 5.2–5.13 the rest, then 'Alles controleren'
    fill_in_settings(beheerder)
    page.get_by_role("button", name="Alles controleren").click()
    expect(page.locator(".check-result[data-passed]")).to_have_count(SETTINGS_ROWS)
    expect(save).to_be_disabled()  # 5.1: the terms of the integration are accepted first
    page.get_by_label("Ik ga akkoord met de algemene voorwaarden van de integratie").check()
    expect(save).to_be_enabled()
    beheerder.shot("h5-instellingen", full_page=True)

    # 5.14 'Opslaan' starts the integration and the first import, with its progress
    journey.activated_at = time.monotonic()
    beheerder.click(save)
    expect(page.locator(".messages")).to_contain_text("de integratie is gestart")
    progress = page.locator("#import-progress")
    expect(progress.locator('tr[data-stream="klanten"]')).to_be_visible()
    beheerder.shot("h5-eerste-import")
    wait_for_first_import(beheerder, journey)
    for stream in ("artikelgroepen", "artikelen", "klanten"):
        row = progress.locator(f'tr[data-stream="{stream}"]')
        expect(row).to_contain_text("klaar")
        expect(row).to_contain_text(re.compile(r"\d+ in Simon"))
    expect(page.locator("main .integration-status")).to_have_count(1)  # 'Status' once
    beheerder.shot("h5-actief")

    # 5.15 'Pluk de voordelen': the start page no longer invites; work orders can be made
    beheerder.click(page.get_by_role("navigation", name="Hoofdmenu").get_by_text("Overzicht"))
    expect(page.get_by_test_id("aandacht").filter(has_text="Pluk de voordelen")).to_have_count(0)
    expect(page.get_by_role("link", name="Nieuwe werkbon")).to_be_visible()


def test_h5_a_garantie_work_order_is_not_sent(journey: Story) -> None:
    """5.10: the filter word 'Garantie' in the work description keeps it out of SnelStart."""
    journey.ensure_active()
    kantoor = journey.office("kantoor")
    number = new_work_order(
        kantoor, "Garantie: lekkende kraan na vervanging", customer="Kapsalon Janssen"
    )
    panel = kantoor.page.locator("section#snelstart")
    expect(panel).to_contain_text("Deze werkbon gaat na archiveren niet naar SnelStart")
    expect(panel).to_contain_text("filterwoord 'Garantie'")
    report_complete(kantoor)
    archive(kantoor)
    expect(panel).to_contain_text("filterwoord 'Garantie'")
    kantoor.shot("h5-garantie")

    beheerder = journey.office("beheerder")
    beheerder.goto(journey.overview + "logging/?tabel=werkbon")
    expect(beheerder.page.locator("table.log")).to_contain_text(
        f"Werkbon {number} is niet naar SnelStart gestuurd: de omschrijving bevat het "
        "filterwoord 'Garantie'."
    )
    no_sales_order_for(journey.snelstart(), journey, number)


def test_h5_a_sales_order_with_wb_in_snelstart_becomes_a_work_order(journey: Story) -> None:
    """5.13: orders made in SnelStart whose description holds 'WB' arrive once, with their
    article lines as materials; others stay in SnelStart."""
    journey.ensure_active()
    snelstart = journey.snelstart()
    page = snelstart.page

    def new_order(description: str, memo: str) -> str:
        snelstart.goto(journey.at("/verkooporders"))
        snelstart.click(page.get_by_test_id("nieuwe-verkooporder"))
        page.get_by_test_id("order-klant-zoeken").fill("Garage Peeters")
        page.get_by_test_id("order-omschrijving").fill(description)
        page.get_by_test_id("order-memo").fill(memo)
        articles = page.get_by_test_id("order-regel-1-artikel")
        articles.select_option(
            articles.locator("option", has_text="VOORRIJ").get_attribute("value")
        )
        page.get_by_test_id("order-regel-1-aantal").fill("1")
        snelstart.click(page.get_by_test_id("order-opslaan"))
        return page.get_by_test_id("verkooporder-nummer").inner_text().strip()

    wanted = new_order("WB storing warmtepomp", "Sleutel ligt bij de buren")
    snelstart.shot("h5-snelstart-order-wb")
    other = new_order("Levering filters balie", "")

    beheerder = journey.office("beheerder")
    sync_now(beheerder, journey)
    beheerder.goto("/werkbonnen/?q=warmtepomp")
    table = beheerder.page.locator("main table")
    beheerder.reload_until(table, "WB storing warmtepomp")
    expect(table).to_contain_text("Garage Peeters")
    beheerder.shot("h5-order-uit-snelstart")
    beheerder.click(table.get_by_role("link").first)
    panel = beheerder.page.locator("section#snelstart")
    expect(panel).to_contain_text(f"Uit SnelStart-order {wanted}")
    expect(beheerder.page.locator("section#materialen")).to_contain_text("VOORRIJ")
    expect(beheerder.page.locator("#werkbon .description")).to_contain_text(
        "Sleutel ligt bij de buren"
    )

    beheerder.goto("/werkbonnen/?q=filters")
    expect(beheerder.page.locator("main")).not_to_contain_text("Levering filters balie")
    assert other != wanted
