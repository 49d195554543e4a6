from __future__ import annotations

import datetime as dt

import pytest

from simon.api.tests.conftest import error, snapshot
from simon.testing import DAY, make_address, make_customer
from simon.workorders import services
from simon.workorders.models import WorkOrder


def create(client, customer, address=None, **extra):
    body = {"customer": str(customer.code), **extra}
    if address is not None:
        body["work_address"] = str(address.code)
    return client.post("/work-orders", body)


# --- POST /work-orders -----------------------------------------------------------------------


def test_a_monteur_creates_a_work_order_on_site_and_is_assigned(bob_api, bob, customer, address):
    response = create(
        bob_api,
        customer,
        address,
        description="Lekkage keuken",
        customer_reference="PO-778",
    )

    assert response.status_code == 201
    work_order = WorkOrder.objects.get()
    assert list(work_order.employees.all()) == [bob]
    assert work_order.created_by == bob
    body = response.json()
    assert body["code"] == str(work_order.code)
    assert body["number"] == work_order.number
    assert body["status"] == "open"
    assert body["status_label"] == "Open"
    assert body["customer"] == {
        "code": str(customer.code),
        "name": "Bakkerij Jansen",
        "relatiecode": 1001,
    }
    assert body["work_address"]["code"] == str(address.code)
    assert body["description"] == "Lekkage keuken"
    assert body["customer_reference"] == "PO-778"
    assert body["planning"] == {
        "date": None,
        "start": None,
        "end": None,
        "employees": [{"username": "bob", "name": "Bob"}],
    }
    assert body["may_edit"] is True
    assert body["time_entries"] == body["materials"] == body["forms"] == []
    assert body["totals"] == {
        "work_minutes": 0,
        "travel_minutes": 0,
        "work_hours": "0.00",
        "travel_hours": "0.00",
        "material_lines": 0,
    }


def test_office_creating_through_the_api_is_assigned_too(alice_api, alice, customer):
    response = create(alice_api, customer)

    assert response.status_code == 201
    assert list(WorkOrder.objects.get().employees.all()) == [alice]


@pytest.mark.parametrize(
    ("body", "status", "message", "field"),
    [
        ({}, 422, "Dit veld is verplicht.", "customer"),
        ({"customer": "geen-uuid"}, 422, "Ongeldige code.", "customer"),
        (
            {"customer": "6c1f3bd3-2a7e-4d39-9a0e-5d7b7c1e2f30"},
            400,
            "Klant niet gevonden.",
            "customer",
        ),
        ({"klant": "x"}, 422, "Dit veld is verplicht.", "customer"),
    ],
)
def test_create_refuses_bad_input(bob_api, customer, body, status, message, field):
    response = bob_api.post("/work-orders", body)

    assert response.status_code == status
    assert response.json()["message"] == message
    assert response.json()["field"] == field
    assert WorkOrder.objects.count() == 0


def test_create_reports_every_schema_error(bob_api, customer):
    response = bob_api.post("/work-orders", {"klant": "x", "description": 5})

    assert response.status_code == 422
    assert response.json() == error(
        "Dit veld is verplicht.",
        "customer",
        [
            {"field": "customer", "message": "Dit veld is verplicht."},
            {"field": "description", "message": "Vul een tekst in."},
            {"field": "klant", "message": "Dit veld bestaat niet."},
        ],
    )


def test_create_refuses_an_address_of_another_customer(bob_api, customer, org_a):
    other = make_address(make_customer(org_a, "Ander"), "Elders")

    response = create(bob_api, customer, other)

    assert response.status_code == 400
    assert response.json() == error(
        "Het werkadres hoort niet bij de klant van de werkbon.", "work_address"
    )
    assert WorkOrder.objects.count() == 0


def test_create_refuses_a_hidden_customer_with_the_services_message(bob_api, customer):
    customer.active = False
    customer.save()

    response = create(bob_api, customer)

    assert response.status_code == 400
    assert response.json() == error("Deze klant is niet meer actief.", "customer")


def test_create_refuses_a_too_long_customer_reference(bob_api, customer):
    response = create(bob_api, customer, customer_reference="x" * 101)

    assert response.status_code == 400
    assert response.json() == error(
        "De klantreferentie mag maximaal 100 tekens lang zijn.", "customer_reference"
    )


def test_create_refuses_an_unreadable_body(bob_api, customer):
    response = bob_api.post("/work-orders", "{niet json")

    assert response.status_code == 400
    assert response.json() == error("De inhoud van het verzoek is geen geldige JSON.")


def test_create_refuses_a_body_that_is_no_object(bob_api, customer):
    response = bob_api.post("/work-orders", "[1, 2]")

    assert response.status_code == 422
    assert response.json()["message"] == "Stuur een JSON-object als inhoud."


def test_another_organization_cannot_create_on_as_customer(charlie_api, customer, address):
    before = snapshot()

    response = create(charlie_api, customer, address)

    assert response.status_code == 400
    assert response.json() == error("Klant niet gevonden.", "customer")
    assert snapshot() == before


# --- GET /work-orders/mine -------------------------------------------------------------------


def test_mine_lists_my_open_and_planned_orders_soonest_first(
    bob_api, alice, bob, dave, org_a, customer, planned
):
    later = services.create_work_order(
        org_a, by=alice, customer=customer, planned_date=DAY + dt.timedelta(days=1), employees=[bob]
    )
    unplanned = services.create_work_order(org_a, by=bob, customer=customer)
    done = services.create_work_order(org_a, by=alice, planned_date=DAY, employees=[bob])
    services.report_complete(done, by=bob)
    services.create_work_order(org_a, by=alice, planned_date=DAY, employees=[dave])

    response = bob_api.get("/work-orders/mine")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [w["code"] for w in body["items"]] == [
        str(planned.code),
        str(later.code),
        str(unplanned.code),
    ]
    assert body["items"][0]["planning"] == {
        "date": "2026-03-16",
        "start": None,
        "end": None,
        "employees": [{"username": "bob", "name": "Bob"}],
    }
    assert body["items"][0]["status"] == "ingepland"


def test_mine_shows_planned_times(bob_api, planned, alice, bob):
    services.plan_work_order(
        planned, by=alice, date=DAY, start=dt.time(8, 0), end=dt.time(10, 30), employees=[bob]
    )

    item = bob_api.get("/work-orders/mine").json()["items"][0]

    assert item["planning"]["start"] == "08:00:00"
    assert item["planning"]["end"] == "10:30:00"


def test_mine_of_another_organization_is_empty(charlie_api, planned):
    assert charlie_api.get("/work-orders/mine").json() == {"count": 0, "items": []}


def test_mine_refuses_bad_paging(bob_api, db):
    response = bob_api.get("/work-orders/mine?offset=x")

    assert response.status_code == 422
    assert response.json()["field"] == "offset"


# --- GET /work-orders/{code} -----------------------------------------------------------------


def test_the_assigned_monteur_and_the_office_see_the_order(bob_api, alice_api, planned):
    mine = bob_api.get(f"/work-orders/{planned.code}")
    office = alice_api.get(f"/work-orders/{planned.code}")

    assert mine.status_code == office.status_code == 200
    assert mine.json()["description"] == "CV-ketel onderhoud"
    assert office.json() == mine.json()


def test_another_monteurs_order_is_404(dave_api, planned):
    response = dave_api.get(f"/work-orders/{planned.code}")

    assert response.status_code == 404
    assert response.json() == error("Werkbon niet gevonden.")


def test_another_organizations_order_is_404(charlie_api, planned):
    before = snapshot()

    response = charlie_api.get(f"/work-orders/{planned.code}")

    assert response.status_code == 404
    assert response.json() == error("Werkbon niet gevonden.")
    assert snapshot() == before


# --- POST /work-orders/{code}/complete -------------------------------------------------------


def test_gereed_melden(bob_api, bob, planned):
    response = bob_api.post(f"/work-orders/{planned.code}/complete")

    assert response.status_code == 200
    assert response.json()["status"] == "gereed_gemeld"
    assert response.json()["status_label"] == "Gereed gemeld"
    assert response.json()["may_edit"] is False
    assert response.json()["completed_at"] is not None
    planned.refresh_from_db()
    assert planned.status == "gereed_gemeld"
    assert planned.status_changes.last().by == bob


def test_gereed_melden_twice_is_a_conflict(bob_api, alice_api, planned):
    bob_api.post(f"/work-orders/{planned.code}/complete")
    before = snapshot()

    again = bob_api.post(f"/work-orders/{planned.code}/complete")
    office = alice_api.post(f"/work-orders/{planned.code}/complete")

    assert again.status_code == 409
    assert again.json() == error(
        "Deze werkbon is gereed gemeld; alleen kantoor kan hem nog wijzigen."
    )
    assert office.status_code == 409
    assert office.json() == error(
        "Alleen open of ingeplande werkbonnen kunnen gereed worden gemeld."
    )
    assert snapshot() == before


def test_completing_an_archived_order_is_a_conflict(alice_api, alice, bob, planned):
    services.report_complete(planned, by=bob)
    services.archive(planned, by=alice)
    before = snapshot()

    response = alice_api.post(f"/work-orders/{planned.code}/complete")

    assert response.status_code == 409
    assert response.json() == error(
        "Deze werkbon is gearchiveerd en kan niet meer worden gewijzigd."
    )
    assert snapshot() == before


def test_another_monteur_cannot_complete_my_order(dave_api, planned):
    before = snapshot()

    response = dave_api.post(f"/work-orders/{planned.code}/complete")

    assert response.status_code == 404
    assert response.json() == error("Werkbon niet gevonden.")
    assert snapshot() == before


def test_another_organization_cannot_complete_as_order(charlie_api, planned):
    before = snapshot()

    response = charlie_api.post(f"/work-orders/{planned.code}/complete")

    assert response.status_code == 404
    assert snapshot() == before
