"""Klanten: list, detail, create/edit (office) and the pickers' options (SPEC S3, S4, S7).

Work addresses have their own module (``work_address_views``). While an integration manages
customers (S4) the office sees its message instead of the create and edit buttons, and the
create and edit views refuse with that message.
"""

from __future__ import annotations

import uuid
from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from simon.customers import services
from simon.customers.forms import CustomerForm
from simon.customers.models import Customer
from simon.lib.external import managed_externally
from simon.lib.master_data import MasterDataPages
from simon.lib.paging import paginate
from simon.tenants.scoping import get_for_request, member_required, office_required
from simon.tenants.types import MemberRequest
from simon.workorders.permissions import visible_work_orders

PICKER_LIMIT = 20
WORK_ORDERS_PER_PAGE = 10


def customer_for_user(request: HttpRequest, code: uuid.UUID) -> Customer:
    """The customer with this code in the user's organization, hidden ones included; else 404."""
    return get_for_request(Customer.objects.all(), request, code)


PAGES = MasterDataPages[Customer](
    kind="customer",
    name="customer",
    form_template="customers/form.html",
    refused_template="customers/refused.html",
    detail="customers:detail",
    created=gettext_lazy("Klant %(name)s is aangemaakt."),
    changed=gettext_lazy("Klant %(name)s is gewijzigd."),
    notice_params=lambda customer: {"name": customer.name},
)


@member_required
@require_GET
def customer_list(request: MemberRequest) -> HttpResponse:
    organization = request.organization
    is_office = request.membership.is_office
    # Hidden customers only exist for their work orders' sake; only the office may look them up.
    show_hidden = is_office and request.GET.get("verborgen") == "1"
    query = request.GET.get("q", "").strip()
    customers = services.search_customers(organization, query, include_hidden=show_hidden)
    page, querystring = paginate(request, customers)
    managed = managed_externally(organization, "customer")
    context = {
        "page_obj": page,
        "querystring": querystring,
        "query": query,
        "show_hidden": show_hidden,
        "managed": managed,
        "can_create": is_office and managed is None,
    }
    return render(request, "customers/list.html", context)


@member_required
@require_GET
def customer_detail(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    customer = customer_for_user(request, code)
    membership = request.membership
    # A monteur sees only the work orders planned on them, as everywhere else.
    work_orders = (
        visible_work_orders(membership)
        .filter(customer=customer)
        .select_related("work_address")
        .order_by("-created", "-id")
    )
    page, querystring = paginate(request, work_orders, per_page=WORK_ORDERS_PER_PAGE)
    managed = managed_externally(customer.organization, "customer")
    context = {
        "customer": customer,
        "managed": managed,
        "can_edit": membership.is_office and managed is None,
        "page_obj": page,
        "querystring": querystring,
        **work_address_context(customer),
    }
    return render(request, "customers/detail.html", context)


def work_address_context(customer: Customer) -> dict[str, object]:
    """What the work address section of the detail page shows."""
    addresses = customer.work_addresses.all()
    return {
        "work_addresses": [a for a in addresses if a.active],
        "inactive_count": sum(1 for a in addresses if not a.active),
    }


@office_required
@require_http_methods(["GET", "POST"])
def customer_create(request: MemberRequest) -> HttpResponse:
    form = CustomerForm(request.POST if request.method == "POST" else None)
    save = partial(services.create_customer, request.organization, by=request.user)
    return PAGES.answer(request, request.organization, None, form, save)


@office_required
@require_http_methods(["GET", "POST"])
def customer_edit(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    customer = customer_for_user(request, code)
    form = CustomerForm.for_customer(customer, request.POST if request.method == "POST" else None)
    save = partial(services.update_customer, customer, by=request.user)
    return PAGES.answer(request, customer.organization, customer, form, save)


@member_required
@require_GET
def customer_options(request: MemberRequest) -> HttpResponse:
    """``<option>``s of the visible customers matching ``q``, for pickers (the work order form)."""
    query = request.GET.get("q", "").strip()
    customers = services.search_customers(request.organization, query)[:PICKER_LIMIT]
    context = {"customers": customers, "selected": request.GET.get("selected", "")}
    return render(request, "customers/_options.html", context)
