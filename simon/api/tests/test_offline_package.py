"""GET /offline-package: what the phone keeps to work without a connection (issue 13)."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
import time_machine

from simon.api import offline
from simon.api.tests.conftest import error
from simon.forms import services as forms
from simon.testing import DAY, make_article, make_customer
from simon.workorders import services

pytestmark = pytest.mark.django_db

# 09:00 in Amsterdam on DAY (a Monday).
NOW = dt.datetime(2026, 3, 16, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def order(org, office, who, day, description, customer=None):
    return services.create_work_order(
        org,
        by=office,
        customer=customer,
        description=description,
        planned_date=day,
        employees=who,
    )


def descriptions(body: dict) -> list[str]:
    return [w["description"] for w in body["work_orders"]]


def test_it_holds_my_work_orders_of_today_and_the_next_days(
    bob_api, org_a, alice, bob, dave, customer
):
    order(org_a, alice, [bob], DAY + timedelta(days=1), "morgen", customer)
    order(org_a, alice, [bob], DAY, "vandaag", customer)
    order(org_a, alice, [bob], DAY - timedelta(days=3), "vorige week blijven liggen")
    order(org_a, alice, [bob], DAY + timedelta(days=7), "over een week")
    order(org_a, alice, [bob], DAY + timedelta(days=8), "te ver weg")
    order(org_a, alice, [dave], DAY, "van een collega")
    order(org_a, alice, [], None, "niet op mij")
    unplanned = services.create_work_order(org_a, by=bob, description="op locatie gemaakt")
    done = order(org_a, alice, [bob], DAY, "vandaag gereed")
    services.report_complete(done, by=bob)
    earlier = order(org_a, alice, [bob], DAY - timedelta(days=1), "gisteren gereed")
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        services.report_complete(earlier, by=bob)

    response = bob_api.get("/offline-package")

    assert response.status_code == 200
    body = response.json()
    assert (body["today"], body["until"]) == ("2026-03-16", "2026-03-23")
    assert descriptions(body) == [
        "vorige week blijven liggen",
        "vandaag",
        "vandaag gereed",
        "morgen",
        "over een week",
        "op locatie gemaakt",
    ]
    by_description = {w["description"]: w for w in body["work_orders"]}
    assert by_description["vandaag gereed"]["may_edit"] is False
    assert by_description["op locatie gemaakt"]["code"] == str(unplanned.code)
    assert [c["name"] for c in body["customers"]] == ["Bakkerij Jansen"]
    assert body["customers"][0]["email"] == "info@jansen.nl"


def test_days_chooses_how_far_ahead(bob_api, org_a, alice, bob):
    order(org_a, alice, [bob], DAY, "vandaag")
    order(org_a, alice, [bob], DAY + timedelta(days=14), "over twee weken")

    today_only = bob_api.get("/offline-package?days=0").json()
    fortnight = bob_api.get("/offline-package?days=14").json()
    too_far = bob_api.get("/offline-package?days=15")

    assert descriptions(today_only) == ["vandaag"]
    assert descriptions(fortnight) == ["vandaag", "over twee weken"]
    assert too_far.status_code == 422
    assert too_far.json()["field"] == "days"


def test_it_holds_every_registration_and_form_of_an_order(bob_api, bob, planned, article, template):
    services.add_time_entry(planned, by=bob, employee=bob, kind="reistijd", date=DAY, minutes=20)
    services.add_material(planned, by=bob, article=article, quantity="2")
    forms.attach_form(planned, template, by=bob)

    body = bob_api.get("/offline-package").json()

    [work_order] = body["work_orders"]
    assert work_order["totals"]["travel_minutes"] == 20
    assert work_order["materials"][0]["article"]["article_code"] == "KRAAN-15"
    assert work_order["forms"][0]["name"] == "Opleverformulier"
    assert [t["name"] for t in body["form_templates"]] == ["Opleverformulier"]
    assert [q["label"] for q in body["form_templates"][0]["questions"]] == [
        "Druk (bar)",
        "Lekdicht?",
        "Opmerkingen",
    ]


def test_a_small_catalogue_comes_whole_with_my_recent_articles_first(
    bob_api, bob, planned, article, fitting
):
    hidden = make_article(planned.organization, "OUD-1", "Uit het assortiment", active=False)
    services.add_material(planned, by=bob, article=fitting, quantity="1")
    services.add_material(planned, by=bob, article=article, quantity="1")
    services.add_material(planned, by=bob, article=fitting, quantity="3")

    body = bob_api.get("/offline-package").json()

    assert body["all_articles"] is True
    assert [a["article_code"] for a in body["articles"]] == ["KNIE-15", "KRAAN-15"]
    assert body["recent_articles"] == [str(fitting.code), str(article.code)]
    assert str(hidden.code) not in str(body)


def test_a_big_catalogue_comes_as_the_articles_in_use(
    bob_api, alice, bob, org_a, planned, article, fitting, monkeypatch
):
    monkeypatch.setattr(offline, "ALL_ARTICLES_UP_TO", 2)
    unused = make_article(org_a, "ZELDEN", "Nooit gebruikt")
    elsewhere = services.create_work_order(org_a, by=alice, description="kantoor")
    services.add_material(elsewhere, by=alice, article=fitting, quantity="1")
    services.add_material(planned, by=alice, article=article, quantity="1")

    body = bob_api.get("/offline-package").json()

    assert body["all_articles"] is False
    assert [a["article_code"] for a in body["articles"]] == ["KNIE-15", "KRAAN-15"]
    assert str(unused.code) not in str(body)


def test_another_organization_gets_nothing_of_ours(charlie_api, org_a, org_b, alice, bob, charlie):
    order(org_a, alice, [bob], DAY, "van A")
    make_article(org_a, "VAN-A", "Artikel van A")
    make_customer(org_a, "Klant van A")
    mine = order(org_b, charlie, [charlie], DAY, "van B")

    body = charlie_api.get("/offline-package").json()

    assert [w["code"] for w in body["work_orders"]] == [str(mine.code)]
    assert body["articles"] == []
    assert body["customers"] == []
    assert "van A" not in str(body)


def test_without_a_token_there_is_no_package(anon_api):
    response = anon_api.get("/offline-package")

    assert response.status_code == 401
    assert response.json() == error(
        "Geef een geldige API-token mee: Authorization: Bearer <token>."
    )
