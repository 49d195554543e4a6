from __future__ import annotations

from simon.api.tests.conftest import error, snapshot
from simon.customers.services import remove_customer
from simon.testing import make_address, make_customer


def test_it_lists_visible_customers_of_the_tokens_organization(bob_api, customer, org_a, org_b):
    make_customer(org_a, "Autobedrijf Aalders", relatiecode=1002, city="Amersfoort")
    hidden = make_customer(org_a, "Oud Klant", relatiecode=1003)
    hidden.active = False
    hidden.save()
    make_customer(org_b, "Bravo's Klant", relatiecode=1001)

    response = bob_api.get("/customers")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [c["name"] for c in body["items"]] == ["Autobedrijf Aalders", "Bakkerij Jansen"]
    assert body["items"][1] == {
        "code": str(customer.code),
        "name": "Bakkerij Jansen",
        "relatiecode": 1001,
        "street": "Dorpsstraat",
        "house_number": "12",
        "house_number_addition": "",
        "postcode": "3511 AB",
        "city": "Utrecht",
        "country_code": "NL",
        "address": "Dorpsstraat 12, 3511 AB Utrecht",
        "email": "info@jansen.nl",
        "phone": "",
    }


def test_it_searches_name_relatiecode_and_city(bob_api, customer, org_a):
    make_customer(org_a, "Autobedrijf Aalders", relatiecode=2001, city="Amersfoort")

    by_name = bob_api.get("/customers?q=bakker").json()
    by_code = bob_api.get("/customers?q=2001").json()
    by_city = bob_api.get("/customers?q=amersfoort").json()

    assert [c["name"] for c in by_name["items"]] == ["Bakkerij Jansen"]
    assert [c["name"] for c in by_code["items"]] == ["Autobedrijf Aalders"]
    assert [c["name"] for c in by_city["items"]] == ["Autobedrijf Aalders"]


def test_it_pages_with_limit_and_offset(bob_api, org_a):
    for n in range(5):
        make_customer(org_a, f"Klant {n}")

    body = bob_api.get("/customers?limit=2&offset=3").json()

    assert body["count"] == 5
    assert [c["name"] for c in body["items"]] == ["Klant 3", "Klant 4"]


def test_it_refuses_bad_paging(bob_api, customer):
    too_many = bob_api.get("/customers?limit=101")
    negative = bob_api.get("/customers?offset=-1")
    garbage = bob_api.get("/customers?limit=veel")
    huge = bob_api.get(f"/customers?offset={10**20}")

    assert too_many.status_code == 422
    assert too_many.json() == error(
        "De waarde mag hoogstens 100 zijn.",
        "limit",
        [{"field": "limit", "message": "De waarde mag hoogstens 100 zijn."}],
    )
    assert negative.status_code == 422
    assert negative.json()["message"] == "De waarde moet minstens 0 zijn."
    assert negative.json()["field"] == "offset"
    assert garbage.status_code == 422
    assert garbage.json()["message"] == "Vul een geheel getal in."
    assert huge.status_code == 422
    assert huge.json()["message"] == "De waarde mag hoogstens 1000000 zijn."


def test_it_shows_one_customer(bob_api, customer):
    response = bob_api.get(f"/customers/{customer.code}")

    assert response.status_code == 200
    assert response.json()["name"] == "Bakkerij Jansen"


def test_unknown_hidden_and_malformed_codes_are_404(bob_api, customer, org_a):
    hidden = make_customer(org_a, "Verborgen")
    hidden.active = False
    hidden.save()

    for code in ["3f1e0b9e-7d4a-4a43-9d55-0c0f0c9b1a11", hidden.code, "geen-code"]:
        response = bob_api.get(f"/customers/{code}")
        assert response.status_code == 404
        assert response.json() == error("Klant niet gevonden.")


def test_it_lists_the_customers_active_work_addresses(bob_api, customer, address):
    gone = make_address(customer, "Oud magazijn")
    gone.active = False
    gone.save()

    response = bob_api.get(f"/customers/{customer.code}/work-addresses")

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "code": str(address.code),
                "label": "Winkel",
                "street": "Marktplein",
                "house_number": "3",
                "house_number_addition": "",
                "postcode": "3511 CD",
                "city": "Utrecht",
                "country_code": "NL",
                "address": "Marktplein 3, 3511 CD Utrecht",
                "contact_name": "Piet",
                "contact_phone": "",
                "contact_email": "",
            }
        ],
    }


def test_work_addresses_of_an_unknown_customer_are_404(bob_api, db):
    response = bob_api.get("/customers/3f1e0b9e-7d4a-4a43-9d55-0c0f0c9b1a11/work-addresses")

    assert response.status_code == 404
    assert response.json() == error("Klant niet gevonden.")


def test_another_organization_cannot_see_or_find_as_customers(charlie_api, customer, address):
    before = snapshot()

    listing = charlie_api.get("/customers?q=Jansen")
    one = charlie_api.get(f"/customers/{customer.code}")
    addresses = charlie_api.get(f"/customers/{customer.code}/work-addresses")

    assert listing.status_code == 200
    assert listing.json() == {"count": 0, "items": []}
    assert one.status_code == 404
    assert one.json() == error("Klant niet gevonden.")
    assert addresses.status_code == 404
    assert addresses.json() == error("Klant niet gevonden.")
    assert snapshot() == before


def test_a_removed_customer_disappears_from_the_api(bob_api, customer):
    remove_customer(customer)

    assert bob_api.get(f"/customers/{customer.code}").status_code == 404
    assert bob_api.get("/customers").json() == {"count": 0, "items": []}
