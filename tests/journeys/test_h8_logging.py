"""Chapter 8, 'Logging – meldingen integratie': when something fails, the log says what and what
to do (8.1, 8.3): a work order SnelStart refuses (its customer was set inactive there a moment
earlier) is a red 'Foutmelding' with 'Te nemen actie', and goes with 'Opnieuw versturen' after
the fix (S22); a koppelsleutel revoked in SnelStart pauses the integration until 'Koppel
opnieuw', and a work order archived meanwhile waits and then goes. The colours per kind of
message and the filters per kind and per table (8.2, 8.4; S32)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.screens import Screen
from tests.journeys.story import (
    Story,
    add_customer,
    archive,
    export_status,
    new_koppelsleutel,
    new_work_order,
    open_overview,
    open_relatie,
    open_work_order,
    paste_koppelsleutel,
    report_complete,
    row_colour,
    sync_now,
    wait_for_first_scheduled_run,
)

pytestmark = pytest.mark.browser


def rgb(css: str) -> tuple[int, int, int]:
    r, g, b = (int(n) for n in re.findall(r"\d+", css)[:3])
    return r, g, b


KINDS = {"Info": "info", "Goedkeuring": "goedkeuring", "Waarschuwing": "waarschuwing",
         "Foutmelding": "foutmelding"}  # fmt: skip
TABLES = ["Werkbon", "Klant", "Artikel", "Artikelgroep", "Koppeling"]


def log_page(beheerder: Screen, story: Story, query: str = "") -> None:
    beheerder.goto(story.overview + "logging/" + query)


def filter_log(beheerder: Screen, soort: str = "Alle", tabel: str = "Alle") -> None:
    page = beheerder.page
    page.get_by_label("Soort bericht").select_option(label=soort)
    page.get_by_label("Tabel").select_option(label=tabel)
    beheerder.click(page.get_by_role("button", name="Filter"))


def test_h8_the_log_says_what_failed_and_what_to_do(journey: Story) -> None:
    journey.ensure_master_data()  # its sync wrote lines for the tables Klant and Artikel
    beheerder = journey.office("beheerder")
    kantoor = journey.office("kantoor")
    snelstart = journey.snelstart()
    wait_for_first_scheduled_run(beheerder, journey)

    # A completed work order whose customer is set inactive in SnelStart just before archiving
    number = new_work_order(kantoor, "Thermostaat vervangen", customer="Garage Peters")
    report_complete(kantoor)
    open_relatie(snelstart, journey, "Garage Peters")
    snelstart.click(snelstart.page.get_by_role("button", name="Deactiveren"))
    archive(kantoor)
    status = export_status(kantoor)
    expect(status).to_contain_text(
        "Mislukt: De klant 'Garage Peters' is in SnelStart verwijderd of inactief gezet.",
        timeout=30_000,
    )
    panel = kantoor.page.locator("section#snelstart")
    expect(panel).to_contain_text("Te nemen actie: Zet de klant in SnelStart weer actief")
    resend = panel.get_by_role("button", name="Opnieuw versturen")
    expect(resend).to_be_visible()
    kantoor.shot("h8-mislukt")

    # 8.1 'Integraties' → 'Logging': the message, its table and the action to take
    log_page(beheerder, journey)
    filter_log(beheerder, soort="Foutmelding")
    error = beheerder.page.locator("table.log tbody tr", has_text=f"Werkbon {number}")
    expect(error).to_have_class(re.compile(r"\blog-foutmelding\b"))
    expect(error.locator(".table-cell")).to_contain_text(f"Werkbon: Werkbon {number}")
    expect(error.locator(".action")).to_contain_text(
        "Zet de klant in SnelStart weer actief, of kies op de werkbon een andere klant. "
        "Klik daarna op de werkbon op 'Opnieuw versturen'."
    )
    beheerder.shot("h8-foutmelding", target=beheerder.page.locator("table.log"))

    # 8.3 The action taken: the customer active again in SnelStart, then 'Opnieuw versturen'
    open_relatie(snelstart, journey, "Garage Peters")
    snelstart.click(snelstart.page.get_by_role("button", name="Activeren"))
    open_work_order(kantoor, number)
    kantoor.click(
        kantoor.page.locator("section#snelstart").get_by_role("button", name="Opnieuw versturen")
    )
    expect(status).to_contain_text("In SnelStart als verkooporder", timeout=30_000)
    log_page(beheerder, journey)
    sent = beheerder.page.locator("table.log tbody tr", has_text=f"Werkbon {number} staat in")
    expect(sent).to_have_class(re.compile(r"\blog-goedkeuring\b"))
    # The log reads in the reader's language: the same line for a colleague who chose English
    beheerder.click(beheerder.page.get_by_role("button", name="English"))
    expect(beheerder.page.locator("h1")).to_have_text("Log")
    expect(beheerder.page.locator("table.log")).to_contain_text(
        f"Work order {number} is in SnelStart as sales order"
    )
    beheerder.click(beheerder.page.get_by_role("button", name="Nederlands"))
    expect(beheerder.page.locator("h1")).to_have_text("Logging")

    # The koppeling revoked in SnelStart: the integration pauses and says how to get back
    open_overview(beheerder, journey)
    hint = beheerder.page.locator("dt", has_text="Koppelsleutel").locator("+ dd").inner_text()
    snelstart.goto(journey.at("/koppelingen"))
    ours = snelstart.page.get_by_test_id("koppeling").filter(has_text=hint.strip("…"))
    expect(ours).to_contain_text("Actief")
    snelstart.click(ours.get_by_role("button", name="Koppeling intrekken"))
    expect(ours).to_contain_text("Ingetrokken")
    sync_now(beheerder, journey)
    state = beheerder.page.locator("main .integration-status")
    beheerder.reload_until(state, "Gepauzeerd")
    alert = beheerder.page.get_by_role("alert")
    expect(alert).to_contain_text("De koppeling is gepauzeerd.")
    expect(alert).to_contain_text("SnelStart accepteert de koppelsleutel niet (meer)")
    expect(beheerder.page.locator("main")).to_contain_text(
        "Te nemen actie: Maak in SnelStart bij 'Koppelingen' een nieuwe koppelsleutel aan en "
        "kies in Simon 'Integraties' → SnelStart → 'Koppel opnieuw'."
    )
    beheerder.shot("h8-gepauzeerd")

    # Meanwhile the office archives a work order: it waits, and says so
    waiting = new_work_order(kantoor, "Expansievat vervangen", customer="Kapsalon Janssen")
    report_complete(kantoor)
    expect(kantoor.page.locator("section#snelstart")).to_contain_text("gepauzeerd")
    archive(kantoor)
    expect(status).to_contain_text(
        "Wordt verstuurd, wacht: De koppeling met SnelStart is gepauzeerd."
    )
    expect(kantoor.page.locator("section#snelstart .export-action")).to_contain_text(
        "De werkbon gaat naar SnelStart zodra de integratie weer actief is."
    )

    # 8.2, 8.4 The log: a colour per kind of message, filters per kind and per table
    log_page(beheerder, journey)
    rows = beheerder.page.locator("table.log tbody tr")
    expect(rows.first).to_be_visible()
    beheerder.shot("h8-logging", target=beheerder.page.locator("table.log"))
    colours = {}
    for label, kind in KINDS.items():
        row = beheerder.page.locator(f"table.log tbody tr.log-{kind}").first
        if row.count():
            expect(row.locator(".kind")).to_have_text(label)
            colours[label] = row_colour(row)
    assert colours.get("Foutmelding") == "rood", colours
    assert colours.get("Goedkeuring") == "groen", colours
    assert colours.get("Info") == "wit", colours
    info_label = beheerder.page.locator("table.log tbody tr.log-info .kind").first
    r, g, b = rgb(info_label.evaluate("label => getComputedStyle(label).color"))
    assert b > r and b > g, (r, g, b)  # 'Info' in blue letters on white
    assert colours.get("Waarschuwing", "geel") == "geel", colours

    filter_log(beheerder, soort="Foutmelding")
    kinds = set(beheerder.page.locator("table.log tbody tr .kind").all_inner_texts())
    assert kinds == {"Foutmelding"}, kinds
    found = {}
    for table in TABLES:
        filter_log(beheerder, tabel=table)
        cells = beheerder.page.locator("table.log tbody tr .table-cell").all_inner_texts()
        assert all(cell.startswith(table) for cell in cells), (table, cells)
        found[table] = len(cells)
    # Syncs that changed something say so per table (chapter 1 added a customer and articles)
    assert found["Klant"] and found["Artikel"] and found["Werkbon"] and found["Koppeling"], found
    filter_log(beheerder, tabel="Klant")
    beheerder.shot("h8-filter-klant", target=beheerder.page.locator("table.log"))

    # 'Koppel opnieuw' with a new koppelsleutel, from the start page: Simon goes on where it
    # stopped
    snelstart_customer = "Installatiebedrijf Na De Pauze"
    add_customer(snelstart, journey, snelstart_customer, "Pauzeweg 1", "3511 AA", "Utrecht")
    menu = beheerder.page.get_by_role("navigation", name="Hoofdmenu")
    beheerder.click(menu.get_by_text("Overzicht"))
    paused = beheerder.page.get_by_test_id("aandacht").filter(
        has_text="De koppeling met SnelStart is gepauzeerd"
    )
    expect(paused).to_contain_text("Werkbonnen wachten tot je opnieuw koppelt.")
    beheerder.shot("h8-overzicht-gepauzeerd")
    beheerder.click(paused.get_by_role("link", name="Koppel opnieuw"))
    key = new_koppelsleutel(snelstart, journey)
    paste_koppelsleutel(beheerder, key)
    expect(beheerder.page.locator(".messages")).to_contain_text("Opnieuw gekoppeld")
    expect(beheerder.page.locator("main .integration-status")).to_have_text("Actief")
    beheerder.shot("h8-koppel-opnieuw")
    sync_now(beheerder, journey)
    beheerder.goto(f"/klanten/?q={snelstart_customer}")
    beheerder.reload_until(beheerder.page.locator("main"), snelstart_customer)
    # The work order archived during the pause is still waiting, not lost: it goes with the
    # next attempt ('Volgende poging om …', up to five minutes after it was archived).
    open_work_order(kantoor, waiting)
    expect(status).to_have_attribute("data-export-state", "pending")
