"""The Planning section of the work order page: (re)plan with htmx (S6, S8)."""

from __future__ import annotations

from datetime import time

import pytest
from django.test import Client
from django.urls import reverse

from simon.testing import DAY
from simon.workorders import services
from simon.workorders.models import Assignment, WorkOrder, WorkOrderStatus
from simon.workorders.tests.conftest import HTMX
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db


def plan_url(work_order: WorkOrder) -> str:
    return reverse("workorders:plan", kwargs={"code": work_order.code})


def plan(client: Client, work_order: WorkOrder, htmx: bool = True, **data: object):
    values = {f"plan-{key}": value for key, value in data.items()}
    return client.post(plan_url(work_order), values, **(HTMX if htmx else {}))


@pytest.fixture
def open_order(org_a, alice, customer):
    return services.create_work_order(org_a, by=alice, customer=customer, description="Storing")


def test_planning_an_open_order_answers_with_the_section_and_the_new_header(
    alice_client, open_order, bob, dave
):
    response = plan(
        alice_client, open_order, planned_date="2026-03-16", planned_start="08:00",
        planned_end="09:30", employees=["bob", "dave"],
    )  # fmt: skip

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section id="planning" class="card">')
    assert text(html).startswith(
        "Planning Datum maandag 16 maart 2026 Tijd 08:00–09:30 Medewerkers Bob, Dave"
    )
    # The status badge and the history change with it (out-of-band swaps).
    assert '<section id="werkbon" class="card wo-header" hx-swap-oob="true">' in html
    assert '<section id="geschiedenis" class="card" hx-swap-oob="true">' in html
    assert "Open → Ingepland door Alice" in text(html)
    open_order.refresh_from_db()
    assert open_order.status == WorkOrderStatus.PLANNED
    assert (open_order.planned_date, open_order.planned_start) == (DAY, time(8))
    assert set(open_order.employees.all()) == {bob, dave}


def test_without_htmx_it_redirects_to_the_section(alice_client, open_order, bob):
    response = plan(
        alice_client, open_order, htmx=False, planned_date="2026-03-16", employees=["bob"]
    )

    assert response.status_code == 302
    assert response["Location"] == f"/werkbonnen/{open_order.code}/#planning"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"employees": ["bob"]}, "Kies een datum."),
        ({"planned_date": "2026-03-16"}, "Kies minstens één medewerker."),
        (
            {"planned_date": "2026-03-16", "planned_start": "10:00", "planned_end": "09:00",
             "employees": ["bob"]},
            "De eindtijd moet na de begintijd liggen.",
        ),
        ({"planned_date": "16 maart", "employees": ["bob"]}, "Voer een geldige datum in."),
    ],
)  # fmt: skip
def test_invalid_planning_is_shown_on_the_form(alice_client, open_order, bob, data, message):
    response = plan(alice_client, open_order, **data)

    assert response.status_code == 200
    assert message in text(response)
    assert WorkOrder.objects.get(pk=open_order.pk).status == WorkOrderStatus.OPEN


def test_a_monteur_replans_their_order_and_stays_on_it(bob_client, planned, bob, dave):
    plan(bob_client, planned, planned_date="2026-03-17", employees=["dave"])

    planned.refresh_from_db()
    assert planned.planned_date.isoformat() == "2026-03-17"
    assert set(planned.employees.all()) == {bob, dave}


def test_a_completed_order_is_not_planned_again(alice_client, bob_client, completed):
    office = plan(alice_client, completed, planned_date="2026-03-20", employees=["bob"])
    field = plan(bob_client, completed, planned_date="2026-03-20", employees=["bob"])

    assert "Alleen open of ingeplande werkbonnen kunnen worden ingepland." in text(office)
    assert field.status_code == 403
    assert field["HX-Refresh"] == "true"
    assert WorkOrder.objects.get(pk=completed.pk).planned_date == DAY


def test_a_colleague_gets_404(dave_client, planned):
    response = plan(dave_client, planned, planned_date="2026-03-20", employees=["dave"])

    assert response.status_code == 404
    assert WorkOrder.objects.get(pk=planned.pk).planned_date == DAY


def test_another_tenant_gets_404_and_changes_nothing(charlie_client, planned, bob):
    response = plan(charlie_client, planned, planned_date="2026-03-20", employees=["charlie"])

    assert response.status_code == 404
    assert WorkOrder.objects.get(pk=planned.pk).planned_date == DAY
    assert list(Assignment.objects.filter(work_order=planned).values_list("user", flat=True)) == [
        bob.pk
    ]


def test_planning_needs_the_csrf_token(alice, open_order):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = plan(client, open_order, planned_date="2026-03-16", employees=["bob"])

    assert response.status_code == 403
    assert WorkOrder.objects.get(pk=open_order.pk).status == WorkOrderStatus.OPEN
