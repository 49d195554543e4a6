"""Fixtures for the API tests: a token per person, an API client, and A's and B's data."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from simon.api import services as tokens
from simon.forms import services as forms
from simon.testing import DAY, make_address, make_article, make_customer
from simon.workorders import services as workorders

BASE = "/api/v1"


class ApiClient:
    """django.test.Client against /api/v1 with a bearer token (or none) and JSON bodies."""

    def __init__(self, secret: str | None = None, client: Client | None = None) -> None:
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def _send(self, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        kwargs: dict[str, Any] = {"headers": {**self.headers, **extra.pop("headers", {})}}
        if body is not None:
            kwargs["data"] = body if isinstance(body, str | bytes) else json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method)(BASE + path, **kwargs, **extra)

    def get(self, path: str, **extra: Any) -> Any:
        return self._send("get", path, **extra)

    def post(self, path: str, body: Any = None, **extra: Any) -> Any:
        return self._send("post", path, body, **extra)

    def put(self, path: str, body: Any = None, **extra: Any) -> Any:
        return self._send("put", path, body, **extra)

    def patch(self, path: str, body: Any = None, **extra: Any) -> Any:
        return self._send("patch", path, body, **extra)

    def delete(self, path: str, **extra: Any) -> Any:
        return self._send("delete", path, **extra)


def error(message: str, field: str | None = None, errors: list[Any] | None = None) -> dict:
    return {"message": message, "field": field, "errors": errors or []}


@pytest.fixture(autouse=True)
def _api_urls(settings):
    """Only the API's URLs, mounted as in simon/urls.py (see tests/urls.py)."""
    settings.ROOT_URLCONF = "simon.api.tests.urls"


def api_for(user: Any, organization: Any) -> ApiClient:
    _, secret = tokens.create_token(user, organization, name="telefoon")
    return ApiClient(secret)


@pytest.fixture
def bob_api(bob, org_a) -> ApiClient:
    return api_for(bob, org_a)


@pytest.fixture
def dave_api(dave, org_a) -> ApiClient:
    return api_for(dave, org_a)


@pytest.fixture
def alice_api(alice, org_a) -> ApiClient:
    return api_for(alice, org_a)


@pytest.fixture
def charlie_api(charlie, org_b) -> ApiClient:
    return api_for(charlie, org_b)


@pytest.fixture
def anon_api(db) -> ApiClient:
    return ApiClient()


@pytest.fixture
def customer(org_a):
    return make_customer(org_a, "Bakkerij Jansen", relatiecode=1001, email="info@jansen.nl")


@pytest.fixture
def address(customer):
    return make_address(customer, "Winkel", postcode="3511 CD", contact_name="Piet")


@pytest.fixture
def article(org_a):
    return make_article(org_a, "KRAAN-15", "Kraan 15 mm", unit="stuk")


@pytest.fixture
def fitting(org_a):
    return make_article(org_a, "KNIE-15", "Knie 15 mm", unit="stuk")


@pytest.fixture
def planned(org_a, alice, bob, customer, address):
    """A work order of A planned on bob by alice (office)."""
    return workorders.create_work_order(
        org_a,
        by=alice,
        customer=customer,
        work_address=address,
        description="CV-ketel onderhoud",
        planned_date=DAY,
        employees=[bob],
    )


@pytest.fixture
def template(org_a):
    """'Opleverformulier' with a required number and a required yes/no question."""
    template = forms.create_template(org_a, name="Opleverformulier")
    forms.add_question(template, label="Druk (bar)", kind="number", required=True)
    forms.add_question(template, label="Lekdicht?", kind="yes_no", required=True)
    forms.add_question(template, label="Opmerkingen", kind="text")
    return template


def question(template: Any, label: str) -> str:
    return str(template.questions.get(label=label).code)


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row the API can write, to prove that a refused call changed nothing."""
    from simon.customers.models import Customer, WorkAddress
    from simon.forms.models import Answer, FormResponse
    from simon.workorders.models import (
        Assignment,
        MaterialLine,
        StatusChange,
        TimeEntry,
        WorkOrder,
    )

    models = [
        WorkOrder,
        Assignment,
        TimeEntry,
        MaterialLine,
        StatusChange,
        FormResponse,
        Answer,
        Customer,
        WorkAddress,
    ]
    return {m.__name__: list(m._default_manager.order_by("pk").values()) for m in models}
