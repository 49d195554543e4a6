"""Customers and their work addresses, read-only: field staff pick the right customer themselves.

Creating customers is not offered: with SnelStart they are managed there (S4), and the field
app has no need for it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from simon.api.auth import caller
from simon.api.errors import responses
from simon.api.lookup import get_or_404
from simon.api.paging import Paging, SearchText, page, searchable
from simon.api.schemas import CustomerOut, CustomerPage, WorkAddressPage
from simon.customers.models import Customer, WorkAddress
from simon.customers.services import search_customers
from simon.tenants.models import Organization

router = Router(tags=["klanten"])


def _visible(organization: Organization) -> QuerySet[Customer]:
    return Customer.objects.for_org(organization).visible()


@router.get("/customers", response=responses({200: CustomerPage}, 422), summary="Klanten zoeken")
def list_customers(
    request: HttpRequest, paging: Query[Paging], q: SearchText = ""
) -> dict[str, Any]:
    return page(search_customers(caller(request).organization, searchable(q)), paging)


@router.get("/customers/{code}", response=responses({200: CustomerOut}, 404), summary="Klant")
def get_customer(request: HttpRequest, code: str) -> Customer:
    return get_or_404(_visible(caller(request).organization), code, Customer)


@router.get(
    "/customers/{code}/work-addresses",
    response=responses({200: WorkAddressPage}, 404, 422),
    summary="Werkadressen van een klant",
)
def list_work_addresses(request: HttpRequest, code: str, paging: Query[Paging]) -> dict[str, Any]:
    customer = get_or_404(_visible(caller(request).organization), code, Customer)
    addresses = (
        WorkAddress.objects.filter(customer=customer)
        .visible()
        .order_by("-source", "label", "street", "id")
    )
    return page(addresses, paging)
