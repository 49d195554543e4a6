"""Web input that cannot be stored or computed gets a 400 with a Dutch message, not a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simon.testing import make_article, make_customer
from simon.workorders import services
from simon.workorders.models import MaterialLine, WorkOrder

pytestmark = pytest.mark.django_db

SEARCH_PAGES = [
    "customers:list",
    "customers:search",
    "catalog:list",
    "catalog:search",
    "workorders:customer_options",
    "workorders:article_options",
]


@pytest.mark.parametrize("name", SEARCH_PAGES)
def test_a_nul_in_a_search_is_refused_with_a_message(karin_client, name):
    response = karin_client.get(reverse(name), {"q": "Jan\x00sen"})

    assert response.status_code == 400
    assert "Gebruik geen NUL-tekens." in response.content.decode()


@pytest.mark.parametrize("name", SEARCH_PAGES)
def test_a_search_of_100000_characters_is_refused_with_a_message(karin_client, name):
    response = karin_client.get(reverse(name), {"q": "a" * 100_000})

    assert response.status_code == 400
    assert "Gebruik maximaal 1000 tekens in een zoekopdracht." in response.content.decode()


def test_a_nul_in_a_form_post_saves_nothing(karin_client, org_a):
    response = karin_client.post(reverse("workorders:create"), {"description": "a\x00b"})

    assert response.status_code == 400
    assert not WorkOrder.objects.exists()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_the_planning_board_refuses_days_it_cannot_show(karin_client, day):
    response = karin_client.get(reverse("workorders:planning"), {"datum": day})

    assert response.status_code == 400
    assert "Kies een datum tussen 1-1-2000 en 31-12-2099." in response.content.decode()


def test_switching_to_a_code_that_is_no_uuid_is_just_not_a_membership(karin_client):
    response = karin_client.post(
        reverse("switch_organization"), {"organization": "nope"}, follow=True
    )

    assert response.status_code == 200
    assert "Je bent geen lid van die organisatie." in response.content.decode()


def test_a_material_quantity_no_column_holds_is_a_form_error(karin_client, org_a, alice):
    customer = make_customer(org_a)
    article = make_article(org_a)
    order = services.create_work_order(org_a, by=alice, customer=customer)

    response = karin_client.post(
        reverse("workorders:materials_add", args=[order.code]),
        {"materiaal-article": str(article.code), "materiaal-quantity": "1e999999"},
    )

    assert response.status_code in (200, 400)
    assert "Dit aantal is te groot." in response.content.decode()
    assert not MaterialLine.objects.exists()


def test_a_planned_date_in_year_1_is_a_form_error(karin_client, org_a):
    customer = make_customer(org_a)

    response = karin_client.post(
        reverse("workorders:create"),
        {"customer": str(customer.code), "planned_date": "0001-01-01"},
    )

    assert response.status_code == 200
    assert "Kies een datum tussen 1-1-2000 en 31-12-2099." in response.content.decode()
    assert not WorkOrder.objects.exists()


def test_another_tenants_work_order_stays_unknown_whatever_the_input(charlie_client, org_a, alice):
    order = services.create_work_order(org_a, by=alice)

    response = charlie_client.post(
        reverse("workorders:materials_add", args=[order.code]), {"materiaal-quantity": "1e999999"}
    )

    assert response.status_code == 404
