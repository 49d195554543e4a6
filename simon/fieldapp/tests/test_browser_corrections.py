"""Correcting on the phone (issue 13): hours, a material and a form changed or removed after
they were sent (PATCH, PUT, DELETE through the queue), and a registration changed before it
was ever sent, which then goes out once with what it says last."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from simon.api.models import ApiToken
from simon.fieldapp.tests.test_browser_day import draw_signature
from simon.fieldapp.tests.test_browser_offline import rows
from simon.forms.models import FormResponse
from simon.workorders.models import MaterialLine, RemovedRegistration, TimeEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def settled(page) -> None:
    """Nothing of this work order waits any more."""
    expect(page.locator("main .fa-pending:visible")).to_have_count(0)


def test_corrections_after_and_before_sending(phone_for, day, bob):
    boiler = day["boiler"]
    phone = phone_for(service_workers="block")  # no page is opened offline here
    page = phone.page
    phone.login("bob")
    page.goto(f"/veld/werkbon/{boiler.code}/")
    phone.ready()

    # Hours booked by hand, then corrected, then removed.
    page.get_by_role("button", name="Uren toevoegen").click()
    page.locator("#hours-minutes").fill("60")
    page.locator("#sheet-hours").get_by_role("button", name="Opslaan").click()
    hours = page.locator("section#uren")
    expect(hours).to_contain_text("Werktijd 60 min")
    settled(page)
    hours.get_by_role("button", name="Wijzigen").click()
    expect(page.locator("#hours-minutes")).to_have_value("60")
    page.locator("#hours-minutes").fill("75")
    page.locator("#hours-note").fill("nagemeten")
    page.locator("#sheet-hours").get_by_role("button", name="Opslaan").click()
    expect(hours).to_contain_text("Werktijd 75 min")
    settled(page)
    entry = TimeEntry.objects.get()
    assert (entry.minutes, entry.note) == (75, "nagemeten")
    hours.get_by_role("button", name="Wijzigen").click()
    page.locator("#sheet-hours").get_by_role("button", name="Verwijderen").click()
    expect(hours.locator(".fa-item")).to_have_count(0)
    settled(page)
    assert TimeEntry.objects.count() == 0
    assert RemovedRegistration.objects.get().client_id == entry.client_id

    # A form saved halfway, finished later.
    page.get_by_role("button", name="Formulier invullen").click()
    page.locator("#sheet-form-pick").get_by_role("button", name="Opleverformulier").click()
    form = page.locator("#sheet-form")
    form.get_by_text("Ja", exact=True).click()
    form.get_by_role("button", name="Formulier afronden").click()
    expect(form.locator("[data-slot=error]")).to_have_text("Controleer de antwoorden.")
    expect(form).to_contain_text("Deze vraag is verplicht.")
    form.get_by_role("button", name="Opslaan").click()
    forms = page.locator("section#formulieren")
    expect(forms).to_contain_text("Opleverformulier Nog niet afgerond")
    settled(page)
    forms.get_by_role("button", name="Wijzigen").click()
    expect(form.get_by_label("Ja")).to_be_checked()
    draw_signature(page)
    form.get_by_role("button", name="Formulier afronden").click()
    expect(forms).to_contain_text("Opleverformulier Ingevuld")
    settled(page)
    assert FormResponse.objects.get().completed

    # Without a connection a material is added and changed twice before it is ever sent.
    phone.context.set_offline(True)
    page.get_by_role("button", name="Materiaal toevoegen").click()
    sheet = page.locator("#sheet-material")
    sheet.locator("#material-search").fill("kraan")
    sheet.get_by_role("button", name="KRAAN-15 · Kraan 15 mm (stuk)").click()
    sheet.get_by_role("button", name="Toevoegen", exact=True).click()
    materials = page.locator("section#materialen")
    for quantity in ("3", "2,5"):
        materials.get_by_role("button", name="Wijzigen").click()
        expect(sheet.get_by_role("button", name="Verwijderen")).to_be_visible()
        sheet.locator("#material-quantity").fill(quantity)
        sheet.get_by_role("button", name="Opslaan").click()
    expect(materials).to_contain_text("KRAAN-15 · Kraan 15 mm 2,5 stuk")
    expect(page.locator(".fa-bar [data-slot=outbox-count]")).to_have_text("1")
    before = rows()

    phone.context.set_offline(False)
    expect(page.locator(".fa-bar [data-slot=outbox-count]")).to_have_text("0", timeout=20_000)
    settled(page)
    assert rows()["materialen"] == before["materialen"] + 1
    assert str(MaterialLine.objects.get().quantity) == "2.500"
    phone.fits("werkbon na correcties")

    # Logging out from the menu revokes the phone's token.
    page.locator(".fa-menu summary").click()
    page.locator(".fa-menu").get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/accounts/login/**")
    assert ApiToken.objects.get(name="Veld-app").revoked is not None
