"""Search-as-you-type pickers (htmx fragments): customers, their work addresses, articles.

Each returns ``<option>`` elements for a ``<select>``; only rows the organization may pick
(visible, S5) are offered. Field staff pick the customer themselves (manual 2.3), so every
member may use them.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from simon.catalog.models import Article
from simon.catalog.services import search_articles
from simon.customers.models import Customer, WorkAddress
from simon.tenants.models import Organization
from simon.tenants.scoping import member_required
from simon.tenants.types import MemberRequest
from simon.workorders.forms import PICKER_LIMIT
from simon.workorders.views.common import customer_required_by


def search_customers(organization: Organization, text: str) -> QuerySet[Customer]:
    """Visible customers by name (contains) or relatiecode (starts with), by name."""
    qs = Customer.objects.filter(organization=organization).visible()
    text = (text or "").strip()
    if text:
        match = Q(name__icontains=text)
        if text.isdigit():
            match |= Q(relatiecode__startswith=text)
        qs = qs.filter(match)
    return qs.order_by("name", "id")


def customer_work_addresses(organization: Organization, code: str) -> QuerySet[WorkAddress]:
    """The visible work addresses of the visible customer with this code; none for garbage."""
    qs = WorkAddress.objects.filter(organization=organization).visible()
    try:
        return qs.filter(customer__code=code) if code else qs.none()
    except (ValueError, ValidationError):
        return qs.none()


def _is_code(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@require_GET
@member_required
def customer_options(request: MemberRequest) -> HttpResponse:
    """The matches; the customer already chosen stays on top so searching never unselects it."""
    found = search_customers(request.organization, request.GET.get("q", ""))
    customers = list(found[: PICKER_LIMIT + 1])
    more = len(customers) > PICKER_LIMIT
    customers = customers[:PICKER_LIMIT]
    selected = request.GET.get("customer", "")
    chosen = (
        search_customers(request.organization, "").filter(code=selected).first()
        if _is_code(selected)
        else None
    )
    if chosen is not None and chosen not in customers:
        customers.insert(0, chosen)
    return render(
        request,
        "workorders/_customer_options.html",
        {"customers": customers, "more": more, "selected": selected},
    )


@require_GET
@member_required
def address_options(request: MemberRequest) -> HttpResponse:
    code = request.GET.get("customer", "")
    return render(
        request,
        "workorders/_address_options.html",
        {
            "addresses": customer_work_addresses(request.organization, code),
            "has_customer": bool(code),
            "customer_required_by": customer_required_by(request.organization),
            "oob": True,
        },
    )


@require_GET
@member_required
def article_options(request: MemberRequest) -> HttpResponse:
    articles: list[Article] = list(
        search_articles(request.organization, request.GET.get("q", ""))[: PICKER_LIMIT + 1]
    )
    return render(
        request,
        "workorders/_article_options.html",
        {"articles": articles[:PICKER_LIMIT], "more": len(articles) > PICKER_LIMIT},
    )
