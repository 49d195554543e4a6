"""The overview's filters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from simon.testing import DAY, make_customer
from simon.workorders import services
from simon.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(org_a, karin, bob, dave, customer):
    other = make_customer(org_a, "Slagerij Pietersen")
    return {
        "boiler": services.create_work_order(
            org_a, by=karin, customer=customer, description="Ketel vervangen",
            planned_date=DAY, employees=[bob],
        ),
        "leak": services.create_work_order(
            org_a, by=karin, customer=other, customer_reference="PO-778",
            planned_date=DAY + timedelta(days=7), employees=[dave],
        ),
        "open": services.create_work_order(org_a, by=karin, description="Offerte"),
    }  # fmt: skip


def names(qs, orders):
    by_pk = {w.pk: name for name, w in orders.items()}
    return sorted(by_pk[w.pk] for w in qs)


def run(orders, **filters):
    return names(services.filter_work_orders(WorkOrder.objects.all(), **filters), orders)


def test_filter_on_status(orders):
    assert run(orders, status="open") == ["open"]
    assert run(orders, status=["open", "ingepland"]) == ["boiler", "leak", "open"]


def test_filter_on_employee_and_dates(orders, bob):
    assert run(orders, employee=bob) == ["boiler"]
    assert run(orders, date_from=DAY + timedelta(days=1)) == ["leak"]
    assert run(orders, date_to=DAY) == ["boiler"]


def test_filter_on_customer(orders, customer):
    assert run(orders, customer=customer) == ["boiler"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ketel", ["boiler"]), ("SLAGERIJ", ["leak"]), ("po-778", ["leak"]), ("", None)],
)
def test_text_searches_description_customer_and_reference(orders, text, expected):
    assert run(orders, text=text) == (expected or ["boiler", "leak", "open"])


def test_text_searches_the_number(orders):
    number = orders["leak"].number

    assert run(orders, text=number) == ["leak"]
