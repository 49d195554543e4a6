from __future__ import annotations

from typing import Any

import pytest

from simon.testing import DAY, FAST_HASHERS, make_address, make_article, make_customer
from simon.workorders import services
from simon.workorders.models import WorkOrder


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The shared fixtures create users with passwords; the real hasher costs ~0.3 s each."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def customer(org_a):
    return make_customer(org_a, "Bakkerij Jansen", relatiecode=1001)


@pytest.fixture
def address(customer):
    return make_address(customer, "Winkel")


@pytest.fixture
def article(org_a):
    return make_article(org_a, "KRAAN-15", "Kraan 15 mm", unit="stuk")


@pytest.fixture
def planned(org_a, alice, bob, customer, address) -> WorkOrder:
    """A work order of A planned on bob, created by alice (office)."""
    return services.create_work_order(
        org_a,
        by=alice,
        customer=customer,
        work_address=address,
        description="CV-ketel onderhoud",
        planned_date=DAY,
        employees=[bob],
    )


@pytest.fixture
def completed(planned, bob) -> WorkOrder:
    return services.report_complete(planned, by=bob)


@pytest.fixture
def archived(completed, alice) -> WorkOrder:
    return services.archive(completed, by=alice)


# The header htmx sends with every request it makes; views then answer with a fragment.
HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def dave_client(dave):
    from django.test import Client

    client = Client()
    client.force_login(dave)
    return client
