"""'Werkbonnen': the overview, its filters, and 'Archiveren' of the selected orders (S8)."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from simon.testing import DAY, make_customer
from simon.workorders import services
from simon.workorders.models import StatusChange, WorkOrder, WorkOrderStatus
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db

LIST = reverse("workorders:list")
ARCHIVE = reverse("workorders:archive_selected")


def numbers(response) -> list[str]:
    return re.findall(r'<tr data-number="([^"]+)"', response.content.decode())


def row(response, number: str) -> str:
    html = response.content.decode()
    match = re.search(rf'<tr data-number="{number}">.*?</tr>', html, flags=re.S)
    assert match, number
    return text(match.group(0))


@pytest.fixture
def orders(org_a, alice, bob, dave, customer, address, article):
    """An open, a planned (bob), a completed (dave) order with hours, and another customer's."""
    other = make_customer(org_a, "Slagerij Pietersen")
    open_ = services.create_work_order(org_a, by=alice, description="Offerte maken")
    planned = services.create_work_order(
        org_a, by=alice, customer=customer, work_address=address,
        description="CV-ketel onderhoud en bijvullen van de installatie tot 1,5 bar druk",
        planned_date=DAY, planned_start=time(8), planned_end=time(10), employees=[bob],
    )  # fmt: skip
    done = services.create_work_order(
        org_a, by=alice, customer=other, customer_reference="PO-778",
        planned_date=DAY + timedelta(days=7), employees=[dave],
    )  # fmt: skip
    services.add_time_entry(done, by=dave, employee=dave, kind="werktijd", date=DAY, minutes=120)
    services.add_time_entry(done, by=dave, employee=dave, kind="reistijd", date=DAY, minutes=15)
    services.add_material(done, by=dave, article=article, quantity="1,5")
    services.report_complete(done, by=dave)
    return {"open": open_, "planned": planned, "done": done}


def test_the_office_sees_every_order_newest_first_with_its_columns(alice_client, orders):
    response = alice_client.get(LIST)

    assert response.status_code == 200
    assert numbers(response) == [orders[k].number for k in ("done", "planned", "open")]
    assert row(response, orders["planned"].number) == (
        f"{orders['planned'].number} ma 16-03-2026 08:00–10:00 Bakkerij Jansen "
        "Marktplein 3, Utrecht CV-ketel onderhoud en bijvullen van de installatie tot 1,5 … "
        "Bob Ingepland 0,00 uur reis 0,00 uur 0 materiaalregels"
    )
    assert row(response, orders["done"].number) == (
        f"{orders['done'].number} ma 23-03-2026 Slagerij Pietersen Dave Gereed gemeld "
        "2,00 uur reis 0,25 uur 1 materiaalregel"
    )
    assert row(response, orders["open"].number) == (
        f"{orders['open'].number} Niet ingepland Geen klant Offerte maken Open "
        "0,00 uur reis 0,00 uur 0 materiaalregels"
    )
    assert "Nieuwe werkbon" in text(response)


def test_only_completed_rows_have_a_checkbox_and_only_the_office_the_button(
    alice_client, bob_client, dave_client, orders
):
    html = alice_client.get(LIST).content.decode()
    boxes = re.findall(r'name="codes" value="([^"]+)"', html)
    assert boxes == [str(orders["done"].code)]
    assert ">Archiveren</button>" in html

    dave_html = dave_client.get(LIST).content.decode()
    assert 'name="codes"' not in dave_html
    assert ">Archiveren</button>" not in dave_html


def test_a_monteur_sees_only_their_own_orders(bob_client, dave_client, orders):
    assert numbers(bob_client.get(LIST)) == [orders["planned"].number]
    assert numbers(dave_client.get(LIST)) == [orders["done"].number]
    assert 'name="employee"' not in bob_client.get(LIST).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "gereed_gemeld"}, ["done"]),
        ({"employee": "bob"}, ["planned"]),
        ({"date_from": "2026-03-17"}, ["done"]),
        ({"date_to": "2026-03-16"}, ["planned"]),
        ({"q": "po-778"}, ["done"]),
        ({"q": "offerte"}, ["open"]),
        ({"q": "niets"}, []),
    ],
)
def test_filters_live_in_the_query_string(alice_client, orders, query, expected):
    response = alice_client.get(LIST, query)

    assert numbers(response) == [orders[k].number for k in expected]


def test_the_customer_filter_offers_customers_with_orders(alice_client, orders, customer):
    response = alice_client.get(LIST, {"customer": str(customer.code)})

    assert numbers(response) == [orders["planned"].number]
    assert "Slagerij Pietersen" in response.content.decode()


def test_no_match_and_no_orders_have_their_own_empty_state(alice_client, orders, org_b, charlie):
    response = alice_client.get(LIST, {"q": "niets"})
    assert "Geen werkbonnen gevonden met deze filters." in text(response)

    charlie_client = Client()
    charlie_client.force_login(charlie)
    empty = charlie_client.get(LIST)
    assert "Er zijn nog geen werkbonnen." in text(empty)
    assert numbers(empty) == []


def test_pages_of_25_keep_the_filters(alice_client, org_a, alice):
    for _ in range(27):
        services.create_work_order(org_a, by=alice, description="Storing")

    first = alice_client.get(LIST, {"q": "storing"})
    second = alice_client.get(LIST, {"q": "storing", "page": 2})

    assert len(numbers(first)) == 25 and len(numbers(second)) == 2
    assert 'href="?q=storing&amp;page=2"' in first.content.decode()
    assert "Pagina 1 van 2 (27 resultaten)" in text(first)


def test_archiving_a_mix_archives_only_the_completed_and_says_why(alice_client, orders):
    codes = [str(orders[k].code) for k in ("done", "planned", "open")]

    confirm = alice_client.post(ARCHIVE, {"codes": codes, "querystring": "status=gereed_gemeld"})
    asked = text(confirm)
    assert "1 werkbon archiveren?" in asked
    for key in ("planned", "open"):
        assert (
            f"{orders[key].number} {orders[key].customer.name if orders[key].customer else ''}"
        ).strip() in asked
    assert asked.count("Wordt niet gearchiveerd: Alleen gereed gemelde werkbonnen") == 2
    assert not WorkOrder.objects.filter(status=WorkOrderStatus.ARCHIVED).exists()

    response = alice_client.post(
        ARCHIVE,
        {"codes": codes, "querystring": "status=gereed_gemeld", "bevestigd": "1"},
        follow=True,
    )

    assert response.redirect_chain == [(f"{LIST}?status=gereed_gemeld", 302)]
    page = text(response)
    assert f"Werkbon {orders['done'].number} is gearchiveerd." in page
    for key in ("planned", "open"):
        assert (
            f"Werkbon {orders[key].number} is niet gearchiveerd: "
            "Alleen gereed gemelde werkbonnen kunnen worden gearchiveerd."
        ) in page
    statuses = dict(WorkOrder.objects.values_list("number", "status"))
    assert statuses == {
        orders["done"].number: WorkOrderStatus.ARCHIVED,
        orders["planned"].number: WorkOrderStatus.PLANNED,
        orders["open"].number: WorkOrderStatus.OPEN,
    }


def test_archiving_nothing_selected_asks_to_select(alice_client, orders):
    response = alice_client.post(ARCHIVE, {}, follow=True)

    assert "Selecteer eerst een of meer gereed gemelde werkbonnen." in text(response)
    assert not WorkOrder.objects.filter(status=WorkOrderStatus.ARCHIVED).exists()


def test_a_monteur_cannot_archive(bob_client, dave_client, orders):
    response = dave_client.post(ARCHIVE, {"codes": [str(orders["done"].code)], "bevestigd": "1"})

    assert response.status_code == 403
    assert WorkOrder.objects.get(pk=orders["done"].pk).status == WorkOrderStatus.COMPLETED


def test_another_tenant_sees_nothing_and_archives_nothing(charlie_client, orders):
    before = list(StatusChange.objects.values_list("pk", flat=True))

    listing = charlie_client.get(LIST)
    confirm = charlie_client.post(ARCHIVE, {"codes": [str(orders["done"].code)]})
    response = charlie_client.post(
        ARCHIVE, {"codes": [str(orders["done"].code)], "bevestigd": "1"}, follow=True
    )

    assert numbers(listing) == []
    assert "1 geselecteerde werkbon is niet gevonden." in text(confirm)
    assert orders["done"].number not in text(confirm)
    assert "1 geselecteerde werkbon is niet gevonden." in text(response)
    assert WorkOrder.objects.get(pk=orders["done"].pk).status == WorkOrderStatus.COMPLETED
    assert list(StatusChange.objects.values_list("pk", flat=True)) == before


def test_archiving_needs_the_csrf_token(alice, orders):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(ARCHIVE, {"codes": [str(orders["done"].code)], "bevestigd": "1"})

    assert response.status_code == 403
    assert WorkOrder.objects.get(pk=orders["done"].pk).status == WorkOrderStatus.COMPLETED


def test_the_overview_needs_a_login(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
