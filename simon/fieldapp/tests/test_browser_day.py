"""The monteur's day on a phone (issue 13): 'Vandaag', the work order, timers, a material, a
form with a signature and 'Gereed melden', on a 390-pixel touch screen that never scrolls
sideways; and a running timer that survives closing the browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import login_in_browser
from simon.fieldapp.tests.conftest import this_morning
from simon.forms.models import FormResponse
from simon.workorders.models import MaterialLine, StatusChange, TimeEntry, WorkOrderStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def draw_signature(page: Page) -> None:
    canvas = page.locator("#sheet-form canvas")
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] - 20)
    page.mouse.down()
    for step in range(1, 8):
        page.mouse.move(box["x"] + 20 + step * 35, box["y"] + 20 + (step % 2) * 60)
    page.mouse.up()


def outbox_count(page: Page):
    return page.locator(".fa-bar [data-slot=outbox-count]")


def test_the_monteurs_day_from_vandaag_to_gereed_melden(phone_for, day, bob):
    # Online all day: the service worker (test_browser_offline) would only fetch alongside.
    phone = phone_for(clock=this_morning(7, 30), service_workers="block")
    page = phone.page
    boiler = day["boiler"]
    phone.login("bob")

    # 'Vandaag': bob's own work orders only, with the way there and a number to call.
    expect(page).to_have_url(re.compile(r"/veld/$"))
    card = page.locator(".fa-order", has_text=boiler.number)
    expect(card).to_contain_text("08:00–10:00")
    expect(card).to_contain_text("Bakkerij Jansen")
    expect(card).to_contain_text("CV-ketel lekt bij de aansluiting")
    expect(card.get_by_role("link", name="Route")).to_have_attribute(
        "href", re.compile(r"google\.com/maps/search/\?api=1&query=Marktplein%203%2C%20Utrecht")
    )
    expect(card.get_by_role("link", name="Bel Piet")).to_have_attribute("href", "tel:0612345678")
    expect(card.get_by_role("link", name="Bel klant")).to_have_attribute("href", "tel:0301234567")
    expect(page.locator("[data-group=later]")).to_contain_text("Thermostaat vervangen")
    expect(page.locator("main")).not_to_contain_text("Werk van Dave")
    phone.fits("vandaag")
    phone.shot("vandaag")

    card.locator(".fa-order-link").click()
    phone.ready()
    expect(page.locator("h1:visible")).to_have_text(f"Werkbon {boiler.number}")
    expect(page.locator("[data-slot=contact]")).to_have_text("Contact: Piet 06 12345678")
    phone.fits("werkbon")

    # Travel to the customer, then work: starting werktijd books the reistijd first.
    page.get_by_role("button", name="Start reistijd").click()
    expect(page.locator("[data-slot=timer-label]")).to_have_text("Reistijd loopt sinds 07:30")
    page.clock.fast_forward("25:00")
    expect(page.locator("[data-slot=timer-clock]")).to_contain_text("0:25:")
    phone.fits("timer")
    phone.shot("timer")
    page.get_by_role("button", name="Stop", exact=True).click()
    stop = page.locator("#sheet-stop")
    expect(stop.locator("[data-slot=span]")).to_have_text("Van 07:30 tot 07:55")
    expect(stop.locator("#stop-minutes")).to_have_value("25")
    phone.fits("timer stoppen")
    stop.get_by_role("button", name="Boeken", exact=True).click()
    hours = page.locator("section#uren")
    expect(hours.locator(".fa-item")).to_have_count(1)
    expect(hours).to_contain_text("Reistijd 25 min")

    page.get_by_role("button", name="Start werktijd").click()
    expect(page.locator("[data-slot=timer-label]")).to_have_text("Werktijd loopt sinds 07:55")
    page.clock.fast_forward("02:00:00")
    page.get_by_role("button", name="Stop", exact=True).click()
    expect(stop.locator("#stop-minutes")).to_have_value("120")
    # The minutes are booked on stop, and can be corrected right there.
    stop.locator("#stop-minutes").fill("115")
    stop.locator("#stop-note").fill("ketel ontlucht")
    stop.get_by_role("button", name="Boeken", exact=True).click()
    expect(hours.locator(".fa-item")).to_have_count(2)
    expect(hours).to_contain_text("Werktijd 115 min")
    expect(hours.locator(".fa-pending:visible")).to_have_count(0)  # sent at once (online)

    # Materials: found by typing, counted with the + button; the second one from 'Recent'.
    materials = page.locator("section#materialen")
    page.get_by_role("button", name="Materiaal toevoegen").click()
    sheet = page.locator("#sheet-material")
    sheet.locator("#material-search").fill("kraan")
    sheet.get_by_role("button", name="KRAAN-15 · Kraan 15 mm (stuk)").click()
    expect(sheet.locator("#material-quantity")).to_have_value("1")
    sheet.get_by_role("button", name="Meer").click()
    expect(sheet.locator("#material-quantity")).to_have_value("2")
    phone.fits("materiaal")
    phone.shot("materiaal")
    sheet.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(materials.locator(".fa-item")).to_have_count(1)
    page.get_by_role("button", name="Materiaal toevoegen").click()
    expect(sheet.locator("[data-list=recent]")).to_contain_text("KRAAN-15")
    sheet.locator("#material-search").fill("pijp")
    sheet.get_by_role("button", name=re.compile("PIJP-15")).click()
    sheet.locator("#material-quantity").fill("1,5")
    sheet.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(materials.locator(".fa-item")).to_have_count(2)
    expect(materials).to_contain_text("1,5 m")

    # A form with the customer's signature.
    page.get_by_role("button", name="Formulier invullen").click()
    page.locator("#sheet-form-pick").get_by_role("button", name="Opleverformulier").click()
    form = page.locator("#sheet-form")
    form.get_by_text("Ja", exact=True).click()
    form.get_by_label("Druk (bar)").fill("1,5")
    draw_signature(page)
    phone.fits("formulier")
    phone.shot("formulier")
    form.get_by_role("button", name="Formulier afronden").click()
    expect(page.locator("section#formulieren")).to_contain_text("Opleverformulier Ingevuld")
    expect(page.locator("main .fa-pending:visible")).to_have_count(0)

    # 'Gereed melden' asks first, with what is behind it.
    page.get_by_role("button", name="Gereed melden").click()
    confirm = page.locator("#sheet-complete")
    expect(confirm.locator("[data-slot=summary]")).to_have_text("2,33 uur geboekt, 2 materialen")
    expect(confirm.locator("[data-list=summary]")).to_contain_text("Werktijd: 1,92 uur")
    expect(confirm.locator("[data-list=warnings] li")).to_have_count(0)
    phone.fits("gereed melden")
    phone.shot("gereed-melden")
    confirm.get_by_role("button", name="Ja, gereed melden").click()
    expect(page.locator("[data-slot=state]")).to_have_text("Gereed gemeld")
    expect(page.get_by_role("button", name="Gereed melden")).to_be_hidden()
    expect(outbox_count(page)).to_have_text("0")

    # Simon has every registration exactly once.
    boiler.refresh_from_db()
    assert boiler.status == WorkOrderStatus.COMPLETED
    entries = {e.kind: e for e in TimeEntry.objects.filter(work_order=boiler)}
    assert (entries["reistijd"].minutes, entries["werktijd"].minutes) == (25, 115)
    assert (str(entries["reistijd"].start_time), str(entries["reistijd"].end_time)) == (
        "07:30:00",
        "07:55:00",
    )
    assert entries["werktijd"].start_time is None  # corrected minutes: no made-up times
    assert entries["werktijd"].note == "ketel ontlucht"
    assert all(e.client_id for e in entries.values())
    lines = MaterialLine.objects.filter(work_order=boiler).order_by("position")
    assert [(line.article.article_code, str(line.quantity)) for line in lines] == [
        ("KRAAN-15", "2.000"),
        ("PIJP-15", "1.500"),
    ]
    response = FormResponse.objects.get(work_order=boiler)
    answers = {a.question.label: a.value for a in response.answers.all()}
    assert response.completed
    assert answers["Lekdicht?"] is True
    assert answers["Druk (bar)"] == "1.5"
    assert answers["Handtekening klant"].startswith("data:image/png;base64,")
    assert StatusChange.objects.filter(work_order=boiler, to_status="gereed_gemeld").count() == 1
    assert set(phone.widths.values()) == {390}


def test_a_running_timer_survives_closing_the_browser(phone_for, day, bob):
    boiler = day["boiler"]
    phone = phone_for(clock=this_morning(9, 0), service_workers="block")
    phone.login("bob")
    phone.page.goto(f"/veld/werkbon/{boiler.code}/")
    phone.ready()
    phone.page.get_by_role("button", name="Start werktijd").click()
    expect(phone.page.locator("[data-slot=timer-label]")).to_have_text("Werktijd loopt sinds 09:00")
    saved = phone.context.storage_state(indexed_db=True)
    phone.close()

    # The browser is started again (a new context from what it had stored), 40 minutes later.
    again = phone_for(clock=this_morning(9, 40), storage_state=saved, service_workers="block")
    again.page.goto("/veld/")
    again.ready()
    banner = again.page.locator("[data-slot=timer-banner]")
    expect(banner).to_contain_text(f"Werktijd loopt · werkbon {boiler.number} · 0:40:")
    banner.click()
    again.ready()
    again.page.get_by_role("button", name="Stop", exact=True).click()
    expect(again.page.locator("#stop-minutes")).to_have_value("40")
    again.page.locator("#sheet-stop").get_by_role("button", name="Boeken", exact=True).click()
    booked = again.page.locator("section#uren .fa-item")
    expect(booked).to_contain_text("Werktijd 40 min")
    expect(booked.locator(".fa-pending")).to_be_hidden()

    entry = TimeEntry.objects.get(work_order=boiler)
    assert (entry.kind, entry.minutes, str(entry.start_time)) == ("werktijd", 40, "09:00:00")


def test_another_organization_sees_nothing_of_ours(phone_for, day, charlie):
    phone = phone_for(service_workers="block")
    page = phone.page
    login_in_browser(page, "charlie")  # office of organization B: starts on the work orders
    page.goto("/veld/")
    phone.ready()

    expect(page.locator("[data-list=today]")).to_be_empty()
    expect(page.locator("[data-empty=today]")).to_have_text(
        "Vandaag staat er niets voor je gepland."
    )
    expect(page.locator("main")).not_to_contain_text("Bakkerij Jansen")
    response = page.goto(f"/veld/werkbon/{day['boiler'].code}/")
    assert response is not None and response.status == 404
