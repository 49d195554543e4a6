"""The pickers' fragments: customers matching a search, a customer's work addresses."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simon.customers.tests.html import options
from simon.lib.choices import Source
from simon.testing import make_address, make_customer

pytestmark = pytest.mark.django_db

SEARCH = reverse("customers:search")


def address_options_url(customer) -> str:
    return reverse("customers:work_address_options", args=[customer.code])


def test_anonymous_users_are_sent_to_the_login(client, org_a):
    response = client.get(SEARCH, {"q": "Jansen"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_search_gives_options_of_visible_matching_customers(bob_client, org_a):
    jansen = make_customer(org_a, "Bakkerij Jansen", relatiecode=1001)
    make_customer(org_a, "Jansen Verborgen", active=False)
    make_customer(org_a, "Pieters", city="Zwolle")

    response = bob_client.get(SEARCH, {"q": "jansen"})

    assert response.status_code == 200
    assert options(response) == [(str(jansen.code), "Bakkerij Jansen (1001) · Utrecht")]


def test_the_search_marks_the_selected_customer(bob_client, org_a):
    first, second = make_customer(org_a, "Alfa"), make_customer(org_a, "Beta")

    response = bob_client.get(SEARCH, {"selected": str(second.code)})

    assert "selected>Beta" in response.content.decode()
    assert [value for value, _ in options(response)] == [str(first.code), str(second.code)]


def test_the_search_gives_at_most_20_options(bob_client, org_a):
    for number in range(25):
        make_customer(org_a, f"Klant {number:02d}")

    response = bob_client.get(SEARCH, {"q": "Klant"})

    assert [text for _, text in options(response)] == [
        f"Klant {n:02d} · Utrecht" for n in range(20)
    ]


def test_no_match_is_one_disabled_option(bob_client, org_a):
    response = bob_client.get(SEARCH, {"q": "Nergens"})

    assert options(response) == [("", "Geen klanten gevonden")]
    assert "disabled" in response.content.decode()


def test_the_work_address_options_are_the_customers_visible_addresses(bob_client, org_a):
    customer = make_customer(org_a)
    derived = make_address(customer, "", street="Dorpsstraat", source=Source.SNELSTART)
    own = make_address(customer, "Loods", street="Havenweg")
    make_address(customer, "Oud", active=False)
    make_address(make_customer(org_a, "Ander"), "Niet van deze klant")

    response = bob_client.get(address_options_url(customer))

    assert options(response) == [
        (str(derived.code), "Dorpsstraat 3, Utrecht (uit SnelStart)"),
        (str(own.code), "Loods: Havenweg 3, Utrecht"),
    ]


def test_a_customer_without_work_addresses_says_so(bob_client, org_a):
    response = bob_client.get(address_options_url(make_customer(org_a)))

    assert options(response) == [("", "Geen werkadressen")]


def test_a_user_of_b_never_gets_customers_of_a(charlie_client, org_a, org_b):
    customer = make_customer(org_a, "Bakkerij Jansen")
    make_address(customer)
    bravo = make_customer(org_b, "Bakkerij Jansen van B")

    response = charlie_client.get(SEARCH, {"q": "Jansen"})

    assert options(response) == [(str(bravo.code), "Bakkerij Jansen van B · Utrecht")]
    assert charlie_client.get(address_options_url(customer)).status_code == 404
