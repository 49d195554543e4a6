"""Chapter 6, 'Wijzigen instellingen integratie': 'Wijzig', every setting checked again, a value
SnelStart does not know refused, 'Opslaan'; the change holds from that moment on (6.1–6.4; S29)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.journeys.story import (
    SETTINGS_ROWS,
    Story,
    archive,
    check,
    export_status,
    new_work_order,
    open_overview,
    open_sales_order,
    open_work_order,
    report_complete,
)

pytestmark = pytest.mark.browser


def test_h6_a_changed_setting_is_checked_again_and_holds_from_saving_on(journey: Story) -> None:
    journey.ensure_active()

    # A work order reported complete before the change, not archived yet
    kantoor = journey.office("kantoor")
    number = new_work_order(kantoor, "Radiator ophangen in de salon", customer="Kapsalon Verhoeven")
    report_complete(kantoor)
    omschrijving = kantoor.page.locator("section#snelstart [data-field=omschrijving]")
    expect(omschrijving).to_have_text("Radiator ophangen in de salon XXX")

    # 6.1 'Wijzig' on the page of the active integration
    beheerder = journey.office("beheerder")
    page = beheerder.page
    open_overview(beheerder, journey)
    expect(page.locator("main .integration-status")).to_have_text("Actief")
    beheerder.click(page.get_by_role("link", name="Wijzig"))
    expect(page.locator("h1")).to_contain_text("Instellingen")
    save = page.get_by_role("button", name="Opslaan")
    expect(save).to_be_disabled()  # every setting is checked again first
    expect(page.get_by_label("Artikel voor werktijd")).to_have_value("ARBEID")

    # 6.2 A value SnelStart does not know is refused, with what SnelStart does have
    page.get_by_label("Vast artikel op elke verkooporder").fill("voorrij")
    answer = check(beheerder, "fixed_article_code")
    assert answer.startswith("✗") and "'VOORRIJ'" in answer, answer
    expect(save).to_be_disabled()
    beheerder.shot("h6-controleer-fout", target=page.locator('tr[data-check="fixed_article_code"]'))
    page.get_by_label("Vast artikel op elke verkooporder").fill("VOORRIJ")
    page.get_by_label("Toevoeging achter de omschrijving (max. 3 tekens)").fill("SIM")
    page.get_by_role("button", name="Alles controleren").click()
    expect(page.locator(".check-result[data-passed]")).to_have_count(SETTINGS_ROWS)
    page.get_by_label("Ik ga akkoord met de algemene voorwaarden van de integratie").check()
    expect(save).to_be_enabled()
    beheerder.shot("h6-wijzig")
    beheerder.click(save)
    expect(page.locator(".messages")).to_contain_text("Instellingen opgeslagen als versie 2")
    expect(page.locator(".messages")).to_contain_text("niet met terugwerkende kracht")
    expect(page.locator("main")).to_contain_text("versie 2, geldt sinds")

    # 6.3 From saving on: the work order archived now gets the new suffix
    open_work_order(kantoor, number)
    expect(omschrijving).to_have_text("Radiator ophangen in de salon SIM")
    archive(kantoor)
    expect(export_status(kantoor)).to_contain_text("In SnelStart als verkooporder", timeout=30_000)
    snelstart = journey.snelstart()
    open_sales_order(snelstart, journey, number)
    expect(snelstart.page.get_by_test_id("verkooporder-omschrijving")).to_have_text(
        "Radiator ophangen in de salon SIM"
    )
