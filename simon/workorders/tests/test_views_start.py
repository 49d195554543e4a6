"""'Overzicht': the office's start page, what needs attention today (issue 14 item 13)."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
import time_machine
from django.urls import reverse

from simon.testing import DAY
from simon.workorders import services
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db

START = reverse("workorders:start")


def block(response, testid: str) -> str:
    match = re.search(
        rf'<section class="card start-block" data-testid="{testid}">.*?</section>',
        response.content.decode(),
        flags=re.S,
    )
    assert match, testid
    return text(match.group(0))


@pytest.fixture
def day(org_a, karin, bob, customer):
    """On DAY: two open orders without planning, one planned today, one left from the day
    before, one reported complete and one archived."""
    make = services.create_work_order
    orders = {
        "unplanned": make(org_a, by=karin, customer=customer, description="Lekkage keuken"),
        "no_customer": make(org_a, by=karin, description="Storing zonder klant"),
        "today": make(
            org_a,
            by=karin,
            customer=customer,
            description="Onderhoud CV",
            planned_date=DAY,
            planned_start=time(9),
            employees=[bob],
        ),
        "yesterday": make(
            org_a,
            by=karin,
            customer=customer,
            description="Boiler",
            employees=[bob],
            planned_date=DAY - timedelta(days=1),
        ),
        "done": make(
            org_a,
            by=karin,
            customer=customer,
            description="Kraan",
            planned_date=DAY,
            employees=[bob],
        ),
        "archived": make(
            org_a,
            by=karin,
            customer=customer,
            description="Oud werk",
            planned_date=DAY,
            employees=[bob],
        ),
    }
    services.report_complete(orders["done"], by=bob)
    services.report_complete(orders["archived"], by=bob)
    services.archive(orders["archived"], by=karin)
    return orders


def test_the_office_starts_on_the_overview_and_a_monteur_on_vandaag(karin_client, bob_client):
    assert karin_client.get("/").url == START
    assert bob_client.get("/").url == reverse("fieldapp:today")


def test_each_block_lists_its_work_orders_with_a_count_and_a_link(karin_client, day):
    with time_machine.travel(DAY.isoformat() + " 12:00 +01:00", tick=False):
        page = karin_client.get(START)
    assert page.status_code == 200

    to_plan = block(page, "te-plannen")
    assert to_plan.startswith("Nog niet ingepland 2")
    assert day["unplanned"].number in to_plan and day["no_customer"].number in to_plan
    assert "Geen klant" in to_plan
    today = block(page, "vandaag")
    assert today.startswith("Vandaag ingepland 1") and day["today"].number in today
    assert "09:00" in today
    left = block(page, "blijven-liggen")
    assert left.startswith("Blijven liggen 1") and day["yesterday"].number in left
    to_archive = block(page, "te-archiveren")
    assert to_archive.startswith("Te archiveren 1") and day["done"].number in to_archive
    assert day["archived"].number not in page.content.decode()
    assert '?status=gereed_gemeld"' in page.content.decode()  # the list that archives them


def test_an_empty_day_says_there_is_nothing_to_do(karin_client):
    page = karin_client.get(START)
    assert "Alle werkbonnen zijn ingepland." in block(page, "te-plannen")
    assert "Vandaag staat er niets ingepland." in block(page, "vandaag")
    assert "Er wacht geen gereed gemelde werkbon." in block(page, "te-archiveren")


def test_a_long_block_shows_five_and_counts_them_all(karin_client, org_a, karin):
    for n in range(7):
        services.create_work_order(org_a, by=karin, description=f"Klus {n}")
    shown = block(karin_client.get(START), "te-plannen")
    assert shown.startswith("Nog niet ingepland 7")
    assert shown.count("Klus") == 5 and "Alle open werkbonnen (7)" in shown


def test_the_page_is_for_the_office(bob_client):
    assert bob_client.get(START).status_code == 403


def test_another_tenant_sees_none_of_it(charlie_client, day):
    page = charlie_client.get(START)
    assert page.status_code == 200
    for work_order in day.values():
        assert work_order.number not in page.content.decode()
    assert block(page, "te-plannen").startswith("Nog niet ingepland 0")
