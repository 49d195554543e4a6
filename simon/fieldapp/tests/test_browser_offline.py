"""The same day in a dead zone (issue 13): the connection is cut after 'Vandaag' was loaded and
comes back at the end; every registration arrives exactly once. And what the phone says when
the office changed the work order meanwhile, and when an answer got lost on the way."""

from __future__ import annotations

import time
import uuid

import pytest
from playwright.sync_api import expect

from simon.fieldapp.tests.conftest import this_morning
from simon.fieldapp.tests.test_browser_day import draw_signature, outbox_count
from simon.forms.models import Answer, FormResponse
from simon.workorders import services
from simon.workorders.models import MaterialLine, StatusChange, TimeEntry, WorkOrderStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def rows() -> dict[str, int]:
    return {
        "uren": TimeEntry.objects.count(),
        "materialen": MaterialLine.objects.count(),
        "formulieren": FormResponse.objects.count(),
        "antwoorden": Answer.objects.count(),
        "gereed gemeld": StatusChange.objects.filter(to_status="gereed_gemeld").count(),
    }


def wait_for_service_worker(page) -> None:
    """Until the service worker controls the page (it has cached the shell by then)."""
    deadline = time.monotonic() + 15
    while not page.evaluate("!!navigator.serviceWorker.controller"):
        assert time.monotonic() < deadline, "the service worker never took control"
        page.wait_for_timeout(100)


def test_a_day_without_a_connection_arrives_exactly_once(phone_for, day, bob):
    boiler = day["boiler"]
    phone = phone_for(clock=this_morning(7, 30))
    page = phone.page
    phone.login("bob")
    wait_for_service_worker(page)
    expect(page.locator(".fa-order", has_text=boiler.number)).to_be_visible()
    before = rows()

    phone.context.set_offline(True)
    expect(page.locator(".fa-bar [data-slot=net]")).to_have_text("Offline")
    expect(page.locator("[data-slot=status]")).to_contain_text("Geen verbinding. Werk gewoon door")

    # Pages open without a connection: the shell from the service worker's cache (online,
    # Simon would answer this unknown work order with a 404 page), the data from the phone.
    page.goto(f"/veld/werkbon/{uuid.uuid4()}/")
    phone.ready()
    expect(page.locator("h1:visible")).to_have_text("Werkbon niet op je telefoon")
    page.get_by_role("link", name="‹ Vandaag").click()
    phone.ready()
    page.locator(".fa-order", has_text=boiler.number).locator(".fa-order-link").click()
    phone.ready()
    expect(page.locator("h1:visible")).to_have_text(f"Werkbon {boiler.number}")
    expect(page.locator("[data-slot=contact]")).to_have_text("Contact: Piet 06 12345678")
    phone.fits("werkbon offline")

    page.get_by_role("button", name="Start reistijd").click()
    page.clock.fast_forward("20:00")
    page.get_by_role("button", name="Start werktijd").click()  # books the reistijd first
    page.locator("#sheet-stop").get_by_role("button", name="Boeken", exact=True).click()
    expect(page.locator("[data-slot=timer-label]")).to_have_text("Werktijd loopt sinds 07:50")
    page.clock.fast_forward("01:30:00")
    page.get_by_role("button", name="Stop", exact=True).click()
    page.locator("#sheet-stop").get_by_role("button", name="Boeken", exact=True).click()
    hours = page.locator("section#uren")
    expect(hours.locator(".fa-item .fa-pending")).to_have_count(2)
    expect(hours).to_contain_text("Wacht op verzending")
    expect(outbox_count(page)).to_have_text("2")

    # Without a connection the phone searches the articles it has (all of them, here).
    page.get_by_role("button", name="Materiaal toevoegen").click()
    sheet = page.locator("#sheet-material")
    sheet.locator("#material-search").fill("knie")
    sheet.get_by_role("button", name="KNIE-15 · Knie 15 mm (stuk)").click()
    sheet.locator("#material-quantity").fill("4")
    sheet.get_by_role("button", name="Toevoegen", exact=True).click()

    page.get_by_role("button", name="Formulier invullen").click()
    page.locator("#sheet-form-pick").get_by_role("button", name="Opleverformulier").click()
    form = page.locator("#sheet-form")
    form.get_by_text("Ja", exact=True).click()
    draw_signature(page)
    form.get_by_role("button", name="Formulier afronden").click()

    page.get_by_role("button", name="Gereed melden").click()
    confirm = page.locator("#sheet-complete")
    expect(confirm.locator("[data-slot=summary]")).to_have_text("1,83 uur geboekt, 1 materiaal")
    confirm.get_by_role("button", name="Ja, gereed melden").click()
    expect(page.locator("[data-slot=state]")).to_have_text("Gereed gemeld (wordt verstuurd)")
    expect(outbox_count(page)).to_have_text("5")
    expect(page.locator("[data-slot=status]")).to_contain_text(
        "5 registraties wachten op verzending."
    )
    phone.shot("offline")

    # Closed and opened again in the dead zone: everything is still there.
    page.reload()
    phone.ready()
    expect(page.locator("section#materialen")).to_contain_text("KNIE-15")
    page.goto("/veld/versturen/")
    phone.ready()
    waiting = page.locator("[data-list=waiting] > li")
    expect(waiting).to_have_count(5)
    expect(waiting.nth(0)).to_contain_text("Reistijd · 20 min")
    expect(waiting.nth(2)).to_contain_text("4 × KNIE-15 · Knie 15 mm")
    expect(waiting.nth(3)).to_contain_text("Opleverformulier · Ingevuld")
    expect(waiting.nth(4)).to_contain_text("Gereed melden")
    expect(waiting.nth(4)).to_contain_text("1,83 uur geboekt, 1 materiaal")
    phone.fits("te versturen")
    phone.shot("te-versturen")
    assert rows() == before  # nothing reached Simon

    # The connection returns: the queue empties itself, every registration once.
    phone.context.set_offline(False)
    expect(outbox_count(page)).to_have_text("0", timeout=20_000)
    expect(page.locator("[data-list=sent] > li")).to_have_count(5)
    assert rows() == {
        "uren": 2,
        "materialen": 1,
        "formulieren": 1,
        "antwoorden": 2,
        "gereed gemeld": 1,
    }
    boiler.refresh_from_db()
    assert boiler.status == WorkOrderStatus.COMPLETED
    minutes = dict(TimeEntry.objects.values_list("kind", "minutes"))
    assert minutes == {"reistijd": 20, "werktijd": 90}

    # Sending again (the queue holds nothing more) changes nothing.
    page.get_by_role("button", name="Nu versturen").click()
    expect(outbox_count(page)).to_have_text("0")
    assert rows()["uren"] == 2


def test_what_the_office_changed_meanwhile_is_said_per_registration(
    phone_for, day, alice, bob, dave
):
    boiler, tomorrow = day["boiler"], day["tomorrow"]
    phone = phone_for(clock=this_morning(7, 30))
    page = phone.page
    phone.login("bob")
    wait_for_service_worker(page)

    phone.context.set_offline(True)
    for order, minutes in [(boiler, "30"), (tomorrow, "45")]:
        page.goto(f"/veld/werkbon/{order.code}/")
        phone.ready()
        page.get_by_role("button", name="Uren toevoegen").click()
        page.locator("#hours-minutes").fill(minutes)
        page.locator("#hours-note").fill(f"notitie {minutes}")
        page.locator("#sheet-hours").get_by_role("button", name="Opslaan").click()
    expect(outbox_count(page)).to_have_text("2")

    # Meanwhile the office archives one order and gives the other to Dave.
    services.archive(services.report_complete(boiler, by=alice), by=alice)
    services.plan_work_order(tomorrow, by=alice, date=tomorrow.planned_date, employees=[dave])

    page.goto("/veld/versturen/")
    phone.ready()
    phone.context.set_offline(False)
    refused = page.locator("[data-list=refused] > li")
    expect(refused).to_have_count(2, timeout=20_000)
    expect(refused.nth(0)).to_contain_text(
        "Niet geboekt: de werkbon is inmiddels gereed gemeld of gearchiveerd. "
        "Deze werkbon is gearchiveerd en kan niet meer worden gewijzigd."
    )
    expect(refused.nth(1)).to_contain_text(
        "Niet geboekt: je staat niet (meer) op deze werkbon, of hij bestaat niet meer."
    )
    # Everything typed is still on the phone, shown with the refusal.
    expect(refused.nth(0).locator(".fa-typed")).to_contain_text("notitie 30")
    expect(refused.nth(1).locator(".fa-typed")).to_contain_text("45")
    expect(page.locator("[data-slot=status]")).to_contain_text("2 registraties zijn niet verwerkt.")
    phone.fits("niet verwerkt")
    phone.shot("niet-verwerkt")
    assert TimeEntry.objects.count() == 0

    # The monteur reads it, passes it on, and removes one from the phone.
    refused.nth(1).get_by_role("button", name="Verwijderen van deze telefoon").click()
    refused.nth(1).get_by_role("button", name="Ja, verwijderen").click()
    expect(refused).to_have_count(1)


def test_an_answer_lost_on_the_way_does_not_book_twice(phone_for, day, bob):
    """Simon books the material, the answer never reaches the phone; the phone sends it again
    and gets the first answer back (service worker off: its fetches pass no route)."""
    boiler = day["boiler"]
    phone = phone_for(service_workers="block")
    phone.expect_console(r"Failed to load resource: net::ERR_CONNECTION_RESET")
    page = phone.page
    phone.login("bob")
    page.goto(f"/veld/werkbon/{boiler.code}/")
    phone.ready()
    lost: list[int] = []

    def lose_the_answer(route) -> None:
        response = route.fetch()  # Simon books it...
        lost.append(response.status)
        route.abort("connectionreset")  # ...and the phone hears nothing

    page.route("**/api/v1/work-orders/*/materials", lose_the_answer)
    page.get_by_role("button", name="Materiaal toevoegen").click()
    sheet = page.locator("#sheet-material")
    sheet.locator("#material-search").fill("kraan")
    sheet.get_by_role("button", name="KRAAN-15 · Kraan 15 mm (stuk)").click()
    with page.expect_event("requestfailed"):
        sheet.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(page.locator("section#materialen .fa-pending")).to_have_text("Wacht op verzending")
    assert lost == [201]
    assert MaterialLine.objects.count() == 1

    page.unroute("**/api/v1/work-orders/*/materials")
    page.goto("/veld/versturen/")
    phone.ready()
    expect(outbox_count(page)).to_have_text("0")
    expect(page.locator("[data-list=sent] > li")).to_have_count(1)
    assert MaterialLine.objects.count() == 1
