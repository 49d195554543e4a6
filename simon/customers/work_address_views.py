"""Werkadressen on the customer's page: add, edit, deactivate (manual 3.3, SPEC S3).

Every member may do this, also while SnelStart manages the customers: work addresses are
Simon's own. The one derived from the SnelStart debtor address is read-only (the service
says why). With htmx each action answers with the whole work address section, which the page
swaps in; without JavaScript the forms are full pages and actions redirect to the customer.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simon.customers import services
from simon.customers.errors import CustomerError
from simon.customers.forms import WorkAddressForm
from simon.customers.models import Customer, WorkAddress
from simon.customers.views import customer_for_user, work_address_context
from simon.lib.errors import DomainError, NotPermitted
from simon.lib.form_submit import not_permitted, submit
from simon.tenants.scoping import get_for_request, member_required
from simon.tenants.types import MemberRequest

OPTIONS_LIMIT = 200


def work_address_for_user(request: HttpRequest, code: uuid.UUID) -> WorkAddress:
    return get_for_request(WorkAddress.objects.select_related("customer"), request, code)


def section(
    request: HttpRequest,
    customer: Customer,
    *,
    form: WorkAddressForm | None = None,
    editing: WorkAddress | None = None,
    notice: str = "",
    error: str = "",
) -> HttpResponse:
    context = {
        "customer": customer,
        "form": form,
        "editing": editing,
        "notice": notice,
        "error": error,
        **work_address_context(customer),
    }
    response = render(request, "customers/_work_addresses.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def detail_url(customer: Customer) -> str:
    return reverse("customers:detail", args=[customer.code]) + "#werkadressen"


def done(request: MemberRequest, customer: Customer, notice: str) -> HttpResponse:
    if request.htmx:
        return section(request, customer, notice=notice)
    messages.success(request, notice)
    return redirect(detail_url(customer))


def refused(request: MemberRequest, customer: Customer, error: str) -> HttpResponse:
    if request.htmx:
        return section(request, customer, error=error)
    messages.error(request, error)
    return redirect(detail_url(customer))


def show_form(
    request: MemberRequest,
    customer: Customer,
    form: WorkAddressForm,
    editing: WorkAddress | None = None,
) -> HttpResponse:
    if request.htmx:
        # 200 with the errors in it: htmx does not swap 4xx answers.
        return section(request, customer, form=form, editing=editing)
    context = {"customer": customer, "form": form, "editing": editing}
    response = render(request, "customers/work_address_form.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@member_required
@require_GET
def work_address_section(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    """The section as it is, e.g. after 'Annuleren'."""
    return section(request, customer_for_user(request, code))


@member_required
@require_http_methods(["GET", "POST"])
def work_address_add(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    customer = customer_for_user(request, code)
    form = WorkAddressForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        answer = submit(
            form,
            lambda: services.add_work_address(customer, by=request.user, **form.cleaned_data),
            done=lambda _address: done(request, customer, _("Werkadres toegevoegd.")),
        )
        if answer is not None:
            return answer
    return show_form(request, customer, form)


@member_required
@require_http_methods(["GET", "POST"])
def work_address_edit(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    address = work_address_for_user(request, code)
    customer = address.customer
    try:
        services.ensure_work_address_editable(address)
    except CustomerError as error:
        return refused(request, customer, error.message)
    data = request.POST if request.method == "POST" else None
    form = WorkAddressForm.for_work_address(address, data)
    if form.is_bound and form.is_valid():
        answer = submit(
            form,
            lambda: services.update_work_address(address, by=request.user, **form.cleaned_data),
            done=lambda _address: done(request, customer, _("Werkadres gewijzigd.")),
        )
        if answer is not None:
            return answer
    return show_form(request, customer, form, editing=address)


@member_required
@require_POST
def work_address_deactivate(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    address = work_address_for_user(request, code)
    try:
        services.deactivate_work_address(address, by=request.user)
    except NotPermitted as error:
        raise not_permitted(error) from None
    except DomainError as error:
        return refused(request, address.customer, error.message)
    return done(request, address.customer, _("Werkadres gedeactiveerd."))


@member_required
@require_GET
def work_address_options(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    """``<option>``s of the customer's visible work addresses, for the work order form."""
    customer = customer_for_user(request, code)
    addresses = WorkAddress.objects.filter(customer=customer).visible()[:OPTIONS_LIMIT]
    context = {"work_addresses": addresses, "selected": request.GET.get("selected", "")}
    return render(request, "customers/_work_address_options.html", context)
