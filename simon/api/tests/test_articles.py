from __future__ import annotations

from decimal import Decimal

from simon.api.tests.conftest import error, snapshot
from simon.testing import make_article, make_group


def test_it_searches_articles_codes_first(bob_api, org_a):
    group = make_group(org_a, "Fittingen")
    make_article(org_a, "KRAAN-15", "Kraan 15 mm", unit="stuk", sales_price=Decimal("12.5"))
    make_article(org_a, "SK-KRAAN", "Sleutel voor kraan", group=group)
    make_article(org_a, "BUIS-22", "Koperen buis", unit="m")

    response = bob_api.get("/articles?q=kraan")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["items"][0] == {
        "code": body["items"][0]["code"],
        "article_code": "KRAAN-15",
        "description": "Kraan 15 mm",
        "unit": "stuk",
        "sales_price": "12.50",
        "group": None,
    }
    assert body["items"][1]["article_code"] == "SK-KRAAN"
    assert body["items"][1]["group"] == "Fittingen"


def test_it_lists_all_visible_articles_without_q_and_pages(bob_api, org_a):
    for code in ["A-1", "A-2", "A-3"]:
        make_article(org_a, code, f"Artikel {code}")
    hidden = make_article(org_a, "A-0", "Weg")
    hidden.active = False
    hidden.save()

    body = bob_api.get("/articles?limit=2").json()

    assert body["count"] == 3
    assert [a["article_code"] for a in body["items"]] == ["A-1", "A-2"]


def test_it_shows_one_article(bob_api, article):
    response = bob_api.get(f"/articles/{article.code}")

    assert response.status_code == 200
    assert response.json()["article_code"] == "KRAAN-15"
    assert response.json()["sales_price"] is None


def test_unknown_and_hidden_articles_are_404(bob_api, article):
    article.active = False
    article.save()

    for code in [article.code, "0d3c7e47-6f1d-4f0e-8f53-1b2f3c4d5e6f", "x"]:
        response = bob_api.get(f"/articles/{code}")
        assert response.status_code == 404
        assert response.json() == error("Artikel niet gevonden.")


def test_bad_paging_is_422(bob_api, db):
    response = bob_api.get("/articles?limit=0")

    assert response.status_code == 422
    assert response.json()["field"] == "limit"
    assert response.json()["message"] == "De waarde moet minstens 1 zijn."


def test_another_organization_cannot_see_as_articles(charlie_api, article):
    before = snapshot()

    listing = charlie_api.get("/articles?q=KRAAN")
    one = charlie_api.get(f"/articles/{article.code}")

    assert listing.json() == {"count": 0, "items": []}
    assert one.status_code == 404
    assert one.json() == error("Artikel niet gevonden.")
    assert snapshot() == before
