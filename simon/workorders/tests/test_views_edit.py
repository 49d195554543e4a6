"""'Nieuwe werkbon', changing a work order, and the customer / work address pickers (S6, S7)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from simon.testing import DAY, make_address, make_customer
from simon.workorders.models import WorkOrder, WorkOrderStatus
from simon.workorders.tests.conftest import HTMX
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db

CREATE = reverse("workorders:create")
CUSTOMERS = reverse("workorders:customer_options")
ADDRESSES = reverse("workorders:address_options")


def options(response) -> list[str]:
    return [text(o) for o in re.findall(r"<option[^>]*>.*?</option>", response.content.decode())]


def edit_url(work_order: WorkOrder) -> str:
    return reverse("workorders:edit", kwargs={"code": work_order.code})


def test_the_office_creates_a_planned_order_for_a_customer_and_address(
    alice_client, org_a, customer, address, bob
):
    response = alice_client.post(
        CREATE,
        {
            "customer": str(customer.code),
            "work_address": str(address.code),
            "description": "Lekkage keuken",
            "customer_reference": "PO-12",
            "planned_date": "2026-03-16",
            "planned_start": "08:00",
            "planned_end": "10:30",
            "employees": ["bob"],
        },
        follow=True,
    )

    work_order = WorkOrder.objects.get(organization=org_a)
    assert response.redirect_chain == [(f"/werkbonnen/{work_order.code}/", 302)]
    assert f"Werkbon {work_order.number} is aangemaakt." in text(response)
    assert (work_order.customer, work_order.work_address) == (customer, address)
    assert (work_order.description, work_order.customer_reference) == ("Lekkage keuken", "PO-12")
    assert work_order.status == WorkOrderStatus.PLANNED
    assert work_order.planned_date == DAY
    assert list(work_order.employees.all()) == [bob]


def test_without_an_integration_an_order_without_a_customer_is_no_concern(alice_client, org_a):
    # Nothing goes to SnelStart, so no screen warns about it (the integration's own tests
    # check the warnings while it runs).
    page = alice_client.get(CREATE)
    assert "SnelStart" not in text(page)

    response = alice_client.post(CREATE, {"description": "Offerte"}, follow=True)

    work_order = WorkOrder.objects.get(organization=org_a)
    assert work_order.customer is None and work_order.status == WorkOrderStatus.OPEN
    assert "geen klant" not in text(response).replace("Geen klant", "")


def test_an_address_of_another_customer_is_refused_on_the_field(alice_client, org_a, customer):
    other = make_customer(org_a, "Slagerij Pietersen")
    elsewhere = make_address(other, "Slachterij")

    response = alice_client.post(
        CREATE, {"customer": str(customer.code), "work_address": str(elsewhere.code)}
    )

    assert response.status_code == 200
    assert "Het werkadres hoort niet bij de klant van de werkbon." in text(response)
    assert not WorkOrder.objects.exists()


def test_planning_without_employees_or_with_end_before_start_is_refused(alice_client):
    no_one = alice_client.post(CREATE, {"planned_date": "2026-03-16"})
    backwards = alice_client.post(
        CREATE,
        {"planned_date": "2026-03-16", "planned_start": "10:00", "planned_end": "09:00"},
    )

    assert "Kies minstens één medewerker." in text(no_one)
    assert "De eindtijd moet na de begintijd liggen." in text(backwards)
    assert not WorkOrder.objects.exists()


def test_a_monteur_creates_an_order_on_site_planned_on_themselves(bob_client, bob, org_a):
    page = bob_client.get(CREATE)
    assert 'name="employees"' not in page.content.decode()
    assert "De werkbon wordt op jou ingepland." in text(page)

    bob_client.post(CREATE, {"description": "Spoedklus", "planned_date": "2026-03-16"})

    work_order = WorkOrder.objects.get(organization=org_a)
    assert list(work_order.employees.all()) == [bob]
    assert work_order.status == WorkOrderStatus.PLANNED


def test_the_customer_search_finds_visible_customers_by_name_or_relatiecode(
    alice_client, org_a, customer
):
    make_customer(org_a, "Bakkerij Verhoeven", relatiecode=2002)
    make_customer(org_a, "Bakkerij Weg", relatiecode=3003, active=False)

    by_name = alice_client.get(CUSTOMERS, {"q": "bakk"}, **HTMX)
    by_code = alice_client.get(CUSTOMERS, {"q": "200"}, **HTMX)

    assert options(by_name) == [
        "— geen klant —",
        "Bakkerij Jansen (1001) · Utrecht",
        "Bakkerij Verhoeven (2002) · Utrecht",
    ]
    assert options(by_code) == ["— geen klant —", "Bakkerij Verhoeven (2002) · Utrecht"]


def test_the_chosen_customer_stays_on_top_while_searching(alice_client, org_a, customer):
    make_customer(org_a, "Slagerij Pietersen")

    response = alice_client.get(CUSTOMERS, {"q": "slager", "customer": str(customer.code)})

    assert options(response) == [
        "— geen klant —",
        "Bakkerij Jansen (1001) · Utrecht",
        "Slagerij Pietersen · Utrecht",
    ]
    assert f'value="{customer.code}" selected' in response.content.decode()


def test_the_address_picker_shows_only_that_customers_visible_addresses(
    alice_client, org_a, customer, address
):
    make_address(customer, "Oud pand", active=False)
    make_address(make_customer(org_a, "Slagerij Pietersen"), "Slachterij")

    response = alice_client.get(ADDRESSES, {"customer": str(customer.code)}, **HTMX)
    none = alice_client.get(ADDRESSES, {"customer": ""}, **HTMX)

    assert options(response) == ["— geen werkadres —", "Winkel: Marktplein 3, Utrecht"]
    # The only address is picked right away, and the no-customer warning goes away.
    assert f'value="{address.code}" selected' in response.content.decode()
    assert 'id="customer-warning" hx-swap-oob="true"></div>' in response.content.decode()
    assert options(none) == ["— geen werkadres —"]
    assert 'id="customer-warning" hx-swap-oob="true"></div>' in none.content.decode()


def test_the_pickers_never_show_another_tenants_rows(charlie_client, customer, address):
    customers = charlie_client.get(CUSTOMERS, {"q": "Bakkerij"})
    addresses = charlie_client.get(ADDRESSES, {"customer": str(customer.code)})

    assert options(customers) == ["— geen klant —"]
    assert options(addresses) == ["— geen werkadres —"]


def test_the_office_changes_customer_address_and_texts(
    alice_client, org_a, alice, planned, customer
):
    other = make_customer(org_a, "Slagerij Pietersen")
    elsewhere = make_address(other, "Slachterij")
    page = alice_client.get(edit_url(planned))
    assert 'name="planned_date"' not in page.content.decode()  # that is the Planning section

    response = alice_client.post(
        edit_url(planned),
        {
            "customer": str(other.code),
            "work_address": str(elsewhere.code),
            "description": "Koelcel",
            "customer_reference": "X-1",
        },
        follow=True,
    )

    planned.refresh_from_db()
    assert f"Werkbon {planned.number} is opgeslagen." in text(response)
    assert (planned.customer, planned.work_address) == (other, elsewhere)
    assert (planned.description, planned.customer_reference) == ("Koelcel", "X-1")


def test_a_hidden_customer_on_the_order_may_stay(alice_client, planned, customer):
    customer.active = False
    customer.save()

    response = alice_client.post(
        edit_url(planned),
        {"customer": str(customer.code), "description": "Nog steeds", "customer_reference": ""},
    )

    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.customer == customer and planned.work_address is None


def test_only_the_office_edits_and_never_an_archived_order(bob_client, alice_client, archived):
    assert bob_client.get(edit_url(archived)).status_code == 403
    response = alice_client.post(edit_url(archived), {"description": "Anders"})

    assert response.status_code == 403
    assert "Deze werkbon is gearchiveerd" in text(response)
    archived.refresh_from_db()
    assert archived.description == "CV-ketel onderhoud"


def test_a_monteur_gets_403_for_editing_their_own_order(bob_client, planned):
    response = bob_client.post(edit_url(planned), {"description": "Anders"})

    assert response.status_code == 403
    assert WorkOrder.objects.get(pk=planned.pk).description == "CV-ketel onderhoud"


def test_another_tenant_gets_404_and_changes_nothing(charlie_client, planned):
    assert charlie_client.get(edit_url(planned)).status_code == 404
    response = charlie_client.post(edit_url(planned), {"description": "Overgenomen"})

    assert response.status_code == 404
    assert WorkOrder.objects.get(pk=planned.pk).description == "CV-ketel onderhoud"


def test_creating_needs_the_csrf_token(alice, org_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(CREATE, {"description": "Zonder token"})

    assert response.status_code == 403
    assert not WorkOrder.objects.filter(organization=org_a).exists()
