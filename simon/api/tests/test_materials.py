from __future__ import annotations

from decimal import Decimal

import pytest

from simon.api.tests.conftest import error, snapshot
from simon.testing import make_article
from simon.workorders import services
from simon.workorders.models import MaterialLine


@pytest.fixture
def line(planned, bob, article):
    return services.add_material(planned, by=bob, article=article, quantity="2")


# --- POST ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "stored", "shown"),
    [
        ("2,5", "2.5", "2.5"),
        (3, "3", "3"),
        (0.1, "0.1", "0.1"),
        ("1.125", "1.125", "1.125"),
        (100, "100", "100"),
    ],
)
def test_a_monteur_adds_material_with_a_decimal_quantity(
    bob_api, planned, article, quantity, stored, shown
):
    response = bob_api.post(
        f"/work-orders/{planned.code}/materials",
        {"article": str(article.code), "quantity": quantity, "note": "keuken"},
    )

    assert response.status_code == 201
    line = MaterialLine.objects.get()
    assert line.quantity == Decimal(stored)
    assert response.json() == {
        "code": str(line.code),
        "article": {
            "code": str(article.code),
            "article_code": "KRAAN-15",
            "description": "Kraan 15 mm",
            "unit": "stuk",
        },
        "quantity": shown,
        "note": "keuken",
    }


@pytest.mark.parametrize(
    ("quantity", "status", "message"),
    [
        (0, 400, "Het aantal moet groter dan 0 zijn."),
        ("-1", 400, "Het aantal moet groter dan 0 zijn."),
        ("1.0005", 400, "Gebruik maximaal 3 decimalen."),
        ("veel", 400, "Vul een geldig aantal in."),
        ("1e12", 400, "Dit aantal is te groot."),
        ("NaN", 400, "Vul een geldig aantal in."),
        (True, 422, "Vul een getal in."),
        (None, 422, "Vul een getal in."),
    ],
)
def test_adding_refuses_bad_quantities(bob_api, planned, article, quantity, status, message):
    response = bob_api.post(
        f"/work-orders/{planned.code}/materials",
        {"article": str(article.code), "quantity": quantity},
    )

    assert response.status_code == status
    assert response.json()["message"] == message
    assert response.json()["field"] == "quantity"
    assert MaterialLine.objects.count() == 0


def test_adding_refuses_unknown_hidden_and_missing_articles(bob_api, planned, article, org_b):
    hidden = make_article(planned.organization, "OUD-1", "Oud")
    hidden.active = False
    hidden.save()
    foreign = make_article(org_b, "B-1", "Van B")

    unknown = bob_api.post(
        f"/work-orders/{planned.code}/materials", {"article": str(foreign.code), "quantity": 1}
    )
    gone = bob_api.post(
        f"/work-orders/{planned.code}/materials", {"article": str(hidden.code), "quantity": 1}
    )
    missing = bob_api.post(f"/work-orders/{planned.code}/materials", {"quantity": 1})

    assert unknown.status_code == 400
    assert unknown.json() == error("Artikel niet gevonden.", "article")
    assert gone.status_code == 400
    assert gone.json() == error("Dit artikel is niet meer beschikbaar.", "article")
    assert missing.status_code == 422
    assert missing.json()["field"] == "article"
    assert MaterialLine.objects.count() == 0


def test_adding_after_gereed_melden_is_a_conflict(bob_api, bob, planned, article):
    services.report_complete(planned, by=bob)

    response = bob_api.post(
        f"/work-orders/{planned.code}/materials", {"article": str(article.code), "quantity": 1}
    )

    assert response.status_code == 409
    assert MaterialLine.objects.count() == 0


def test_adding_to_another_monteurs_order_is_404(dave_api, planned, article):
    response = dave_api.post(
        f"/work-orders/{planned.code}/materials", {"article": str(article.code), "quantity": 1}
    )

    assert response.status_code == 404
    assert MaterialLine.objects.count() == 0


def test_another_organization_cannot_add_to_as_order(charlie_api, planned, article, org_b):
    own = make_article(org_b, "B-1", "Van B")
    before = snapshot()

    response = charlie_api.post(
        f"/work-orders/{planned.code}/materials", {"article": str(own.code), "quantity": 1}
    )

    assert response.status_code == 404
    assert response.json() == error("Werkbon niet gevonden.")
    assert snapshot() == before


# --- PATCH -----------------------------------------------------------------------------------


def test_a_monteur_changes_quantity_article_and_note(bob_api, planned, line, fitting):
    response = bob_api.patch(
        f"/work-orders/{planned.code}/materials/{line.code}",
        {"quantity": "4,25", "article": str(fitting.code), "note": "bijbesteld"},
    )

    assert response.status_code == 200
    assert response.json()["quantity"] == "4.25"
    assert response.json()["article"]["article_code"] == "KNIE-15"
    line.refresh_from_db()
    assert (line.quantity, line.article, line.note) == (Decimal("4.25"), fitting, "bijbesteld")


def test_patch_refuses_bad_input_and_changes_nothing(bob_api, planned, line):
    before = snapshot()

    zero = bob_api.patch(f"/work-orders/{planned.code}/materials/{line.code}", {"quantity": 0})
    no_article = bob_api.patch(
        f"/work-orders/{planned.code}/materials/{line.code}", {"article": None}
    )
    no_quantity = bob_api.patch(
        f"/work-orders/{planned.code}/materials/{line.code}", {"quantity": None}
    )

    assert zero.status_code == 400
    assert zero.json() == error("Het aantal moet groter dan 0 zijn.", "quantity")
    assert no_article.status_code == 400
    assert no_article.json() == error("Kies een artikel.", "article")
    assert no_quantity.status_code == 400
    assert no_quantity.json() == error("Vul een aantal in.", "quantity")
    assert snapshot() == before


def test_patch_after_gereed_melden_is_a_conflict(bob_api, bob, planned, line):
    services.report_complete(planned, by=bob)
    before = snapshot()

    response = bob_api.patch(f"/work-orders/{planned.code}/materials/{line.code}", {"quantity": 1})

    assert response.status_code == 409
    assert snapshot() == before


def test_a_line_of_another_order_is_404(bob_api, alice, bob, org_a, planned, line):
    other = services.create_work_order(org_a, by=alice, employees=[bob])

    response = bob_api.patch(f"/work-orders/{other.code}/materials/{line.code}", {"quantity": 1})

    assert response.status_code == 404
    assert response.json() == error("Materiaalregel niet gevonden.")


def test_another_monteur_cannot_patch_my_line(dave_api, planned, line):
    before = snapshot()

    response = dave_api.patch(f"/work-orders/{planned.code}/materials/{line.code}", {"quantity": 1})

    assert response.status_code == 404
    assert snapshot() == before


def test_another_organization_cannot_patch_as_line(charlie_api, planned, line):
    before = snapshot()

    response = charlie_api.patch(
        f"/work-orders/{planned.code}/materials/{line.code}", {"quantity": 1}
    )

    assert response.status_code == 404
    assert snapshot() == before


# --- DELETE ----------------------------------------------------------------------------------


def test_a_monteur_deletes_a_line(bob_api, planned, line):
    response = bob_api.delete(f"/work-orders/{planned.code}/materials/{line.code}")

    assert response.status_code == 204
    assert MaterialLine.objects.count() == 0


def test_deleting_an_unknown_line_is_404(bob_api, planned):
    response = bob_api.delete(f"/work-orders/{planned.code}/materials/geen-code")

    assert response.status_code == 404
    assert response.json() == error("Materiaalregel niet gevonden.")


def test_deleting_after_gereed_melden_is_a_conflict(bob_api, bob, planned, line):
    services.report_complete(planned, by=bob)

    response = bob_api.delete(f"/work-orders/{planned.code}/materials/{line.code}")

    assert response.status_code == 409
    assert MaterialLine.objects.count() == 1


def test_another_monteur_cannot_delete_my_line(dave_api, planned, line):
    response = dave_api.delete(f"/work-orders/{planned.code}/materials/{line.code}")

    assert response.status_code == 404
    assert MaterialLine.objects.count() == 1


def test_another_organization_cannot_delete_as_line(charlie_api, planned, line):
    before = snapshot()

    response = charlie_api.delete(f"/work-orders/{planned.code}/materials/{line.code}")

    assert response.status_code == 404
    assert snapshot() == before
