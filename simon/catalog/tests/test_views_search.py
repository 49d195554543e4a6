"""The article picker's fragment: visible articles matching a search, code prefixes first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simon.customers.tests.html import options
from simon.testing import make_article

pytestmark = pytest.mark.django_db

SEARCH = reverse("catalog:search")


def test_anonymous_users_are_sent_to_the_login(client, org_a):
    response = client.get(SEARCH)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_search_gives_options_with_code_prefixes_first(bob_client, org_a):
    kraan = make_article(org_a, "KRAAN-15", "Kraan 15 mm", unit="stuk")
    adapter = make_article(org_a, "AKR-1", "Adapter")
    make_article(org_a, "KR-OUD", "Oude kraan", active=False)

    response = bob_client.get(SEARCH, {"q": "kr", "selected": str(adapter.code)})

    assert response.status_code == 200
    assert options(response) == [
        (str(kraan.code), "KRAAN-15 · Kraan 15 mm"),
        (str(adapter.code), "AKR-1 · Adapter"),
    ]
    assert 'data-unit="stuk"' in response.content.decode()
    assert "selected>AKR-1" in response.content.decode()


def test_the_search_gives_at_most_20_options(bob_client, org_a):
    for number in range(22):
        make_article(org_a, f"ART-{number:02d}", "Artikel")

    assert len(options(bob_client.get(SEARCH, {"q": "ART"}))) == 20


def test_no_match_is_one_disabled_option(bob_client, org_a):
    assert options(bob_client.get(SEARCH, {"q": "Nergens"})) == [("", "Geen artikelen gevonden")]


def test_a_user_of_b_never_gets_articles_of_a(charlie_client, org_a, org_b):
    make_article(org_a, "KRAAN-15", "Kraan van A")
    bravo = make_article(org_b, "KRAAN-22", "Kraan van B")

    response = charlie_client.get(SEARCH, {"q": "KRAAN"})

    assert options(response) == [(str(bravo.code), "KRAAN-22 · Kraan van B")]
