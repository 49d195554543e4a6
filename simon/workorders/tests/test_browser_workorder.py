"""A work order from start to archive in a real browser (Debian chromium through Playwright).

The office creates it for a customer and work address and plans it for a monteur; the monteur
books 120 minutes of werktijd and 15 of reistijd, two materials and a form with a drawn
signature, and reports it complete; the office archives it from the overview ('Archiveren').
Every step asserts what the page shows.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import login_in_browser
from simon.forms import services as form_services
from simon.forms.models import Answer
from simon.testing import make_address, make_article, make_customer
from simon.workorders.models import WorkOrder, WorkOrderStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def master_data(org_a):
    customer = make_customer(org_a, "Bakkerij Jansen", relatiecode=1001)
    make_address(customer, "Winkel", street="Marktplein", house_number="3")
    make_address(customer, "Bakkerij", street="Industrieweg", house_number="9")
    make_customer(org_a, "Slagerij Pietersen", relatiecode=1002)
    make_article(org_a, "KRAAN-15", "Kraan 15 mm", unit="stuk")
    make_article(org_a, "PIJP-15", "Koperen pijp 15 mm", unit="m")
    template = form_services.create_template(org_a, name="Opleverformulier")
    form_services.add_question(template, label="Lekdicht?", kind="yes_no", required=True)
    form_services.add_question(template, label="Opmerkingen", kind="text")
    form_services.add_question(
        template, label="Handtekening klant", kind="signature", required=True
    )
    return customer


def log_out(page: Page) -> None:
    page.click("text=Uitloggen")
    page.wait_for_url("**/accounts/login/**")


def section(page: Page, element_id: str):
    return page.locator(f"section#{element_id}")


def htmx_settled(page: Page) -> None:
    """Wait until htmx has no request, swap or settle going on: an input typed into before a
    swapped-in section is processed gets no htmx listener, and the typing is lost."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def test_a_work_order_from_creation_to_archive(page: Page, karin, bob, master_data):
    # The office creates the work order for a customer and one of its work addresses.
    login_in_browser(page, "karin")
    expect(page.locator("main")).to_contain_text("Alle werkbonnen zijn ingepland.")  # Overzicht
    page.click("text=Nieuwe werkbon")
    # No integration runs: a work order without a customer is no concern (nothing is sent).
    expect(page.locator("#customer-warning")).to_be_empty()
    page.fill("#customer-search", "jansen")
    expect(page.locator("#id_customer option")).to_have_count(2)
    page.select_option("#id_customer", label="Bakkerij Jansen (1001) · Utrecht")
    expect(page.locator("#id_work_address option")).to_have_count(3)
    expect(page.locator("#customer-warning")).to_be_empty()
    page.select_option("#id_work_address", label="Winkel: Marktplein 3, Utrecht")
    page.fill("#id_description", "CV-ketel lekt bij de aansluiting")
    page.fill("#id_customer_reference", "PO-4711")
    page.click("button:has-text('Werkbon aanmaken')")

    work_order = WorkOrder.objects.get()
    number = work_order.number
    header = section(page, "werkbon")
    expect(page.locator(".messages")).to_contain_text(f"Werkbon {number} is aangemaakt.")
    expect(header.locator(".badge")).to_have_text("Open")
    expect(header).to_contain_text("Bakkerij Jansen (relatiecode 1001)")
    expect(header).to_contain_text("Winkel: Marktplein 3, Utrecht")
    expect(header).to_contain_text("PO-4711")

    # ... and plans it for the monteur (htmx: the header's badge changes with it).
    planning = section(page, "planning")
    expect(planning.locator("#id_plan-planned_date")).to_be_hidden()  # forms open on demand
    header.get_by_role("link", name="Inplannen").click()
    planning.locator("#id_plan-planned_date").fill("2026-03-16")
    planning.locator("#id_plan-planned_start").fill("08:00")
    planning.locator("#id_plan-planned_end").fill("10:00")
    planning.get_by_label("Bob").check()
    planning.locator("button[type=submit]").click()
    expect(header.locator(".badge")).to_have_text("Ingepland")
    expect(planning).to_contain_text("maandag 16 maart 2026")
    expect(planning).to_contain_text("08:00–10:00")
    expect(section(page, "geschiedenis")).to_contain_text("Open → Ingepland door Karin")
    log_out(page)

    # The monteur finds it in their overview and books hours.
    login_in_browser(page, "bob")
    page.goto("/werkbonnen/")  # a monteur starts on 'Vandaag' (simon/fieldapp)
    page.locator(f"tr[data-number='{number}']").get_by_role("link", name=number).click()
    hours = section(page, "uren")
    hours.get_by_text("Uren toevoegen").click()
    hours.locator("#id_uren-minutes").fill("120")
    hours.locator("button:has-text('Toevoegen')").click()
    expect(hours.locator("tbody tr")).to_have_count(1)
    hours.locator("#id_uren-kind").select_option(label="Reistijd")
    hours.locator("#id_uren-minutes").fill("15")
    hours.locator("button:has-text('Toevoegen')").click()
    expect(hours.locator("tbody tr")).to_have_count(2)
    expect(hours.locator("tbody")).to_contain_text("Werktijd")
    expect(hours.locator("tbody")).to_contain_text("Reistijd")
    totals = section(page, "totalen")
    expect(totals.locator("[data-total=werktijd]")).to_have_text("2,00 uur (120 min)")
    expect(totals.locator("[data-total=reistijd]")).to_have_text("0,25 uur (15 min)")

    # Two materials, found by typing; '1,5' with a comma.
    materials = section(page, "materialen")
    htmx_settled(page)
    materials.get_by_text("Materiaal toevoegen").click()
    materials.locator("#materiaal-search").fill("kraan")
    expect(materials.locator("#id_materiaal-article option")).to_have_count(2)
    materials.locator("#id_materiaal-article").select_option(label="KRAAN-15 · Kraan 15 mm (stuk)")
    materials.locator("#id_materiaal-quantity").fill("1,5")
    materials.locator("button:has-text('Toevoegen')").click()
    expect(materials.locator("tbody tr")).to_have_count(1)
    htmx_settled(page)
    materials.locator("#materiaal-search").fill("pijp")
    expect(materials.locator("#id_materiaal-article option")).to_have_count(2)
    materials.locator("#id_materiaal-article").select_option(
        label="PIJP-15 · Koperen pijp 15 mm (m)"
    )
    materials.locator("#id_materiaal-quantity").fill("2")
    materials.locator("button:has-text('Toevoegen')").click()
    expect(materials.locator("tbody tr")).to_have_count(2)
    expect(materials.locator("tbody tr").nth(0)).to_contain_text("KRAAN-15 Kraan 15 mm 1,5 stuk")
    expect(materials.locator("tbody tr").nth(1)).to_contain_text("PIJP-15 Koperen pijp 15 mm 2 m")
    expect(totals.locator("[data-total=materialen]")).to_have_text("2")

    # The form, signed on the canvas.
    forms = section(page, "formulieren")
    forms.locator("#attach-template").select_option(label="Opleverformulier")
    forms.locator("button:has-text('Toevoegen')").click()
    expect(forms.locator("canvas")).to_be_visible()
    forms.get_by_label("Ja", exact=True).check()
    forms.locator("textarea").fill("Aansluiting vervangen")
    canvas = forms.locator("canvas")
    canvas.scroll_into_view_if_needed()  # the mouse only reaches what is in the viewport
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 30, box["y"] + 100)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 30 + step * 25, box["y"] + 100 - (step % 3) * 25)
    page.mouse.up()
    forms.locator("button:has-text('Formulier afronden')").click()
    expect(forms.locator(".badge")).to_have_text("Ingevuld")
    expect(forms).to_contain_text("Lekdicht? Ja")
    expect(forms).to_contain_text("Opmerkingen Aansluiting vervangen")
    expect(forms.locator("img.signature")).to_be_visible()
    signature = Answer.objects.get(question__label="Handtekening klant").value
    assert signature.startswith("data:image/png;base64,") and len(signature or "") > 500

    # Gereed melden: a summary first, then the confirmation.
    header.get_by_role("link", name="Gereed melden").click()
    summary = page.get_by_test_id("gereed-melden-samenvatting")
    expect(summary).to_contain_text("2,00 uur werk, 0,25 uur reistijd, 2 materiaalregels")
    expect(summary).to_contain_text("1 van 1 ingevuld")
    page.get_by_role("button", name="Ja, gereed melden").click()
    expect(page.locator(".messages")).to_contain_text(f"Werkbon {number} is gereed gemeld.")
    expect(header.locator(".badge")).to_have_text("Gereed gemeld")
    expect(page.locator("main form")).to_have_count(0)  # the order is the office's now
    log_out(page)

    # The office archives it from the overview, with the 'Archiveren' button at the bottom.
    login_in_browser(page, "karin")
    expect(page.get_by_test_id("te-archiveren")).to_contain_text(number)  # Overzicht says so
    page.get_by_role("link", name="Alle gereed gemelde werkbonnen").click()
    row = page.locator(f"tr[data-number='{number}']")
    expect(row).to_contain_text("Gereed gemeld")
    expect(row).to_contain_text("2,00 uur")
    expect(row).to_contain_text("reis 0,25 uur")
    expect(row).to_contain_text("2 materiaalregels")
    row.locator("input[name=codes]").check()
    page.click("button:has-text('Archiveren')")
    expect(page.locator("h1")).to_have_text("1 werkbon archiveren?")
    expect(page.locator(f"tr[data-number='{number}']")).to_contain_text("Wordt gearchiveerd")
    page.click("button:has-text('Ja, archiveren')")
    expect(page.locator(".messages")).to_contain_text(f"Werkbon {number} is gearchiveerd.")
    expect(row).to_have_count(0)  # back on the list of completed ones, where it is no more
    page.get_by_role("link", name="Werkbonnen", exact=True).click()
    expect(row.locator(".badge")).to_have_text("Gearchiveerd")
    expect(row.locator("input[name=codes]")).to_have_count(0)

    # The archived order: read-only, with its whole history.
    row.get_by_role("link", name=number).click()
    expect(header.locator(".badge")).to_have_text("Gearchiveerd")
    expect(page.locator("main form")).to_have_count(0)
    history = section(page, "geschiedenis").locator("li")
    expect(history).to_have_count(4)
    expected = [
        "Aangemaakt (Open) door Karin",
        "Open → Ingepland door Karin",
        "Ingepland → Gereed gemeld door Bob",
        "Gereed gemeld → Gearchiveerd door Karin",
    ]
    for index, change in enumerate(expected):
        expect(history.nth(index)).to_contain_text(re.compile(r"\d\d-\d\d-\d{4} \d\d:\d\d"))
        expect(history.nth(index)).to_contain_text(change)
    assert WorkOrder.objects.get().status == WorkOrderStatus.ARCHIVED
