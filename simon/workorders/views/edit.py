"""'Nieuwe werkbon' and changing a work order's header (customer, work address, texts)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from simon.lib.errors import NotPermitted
from simon.lib.form_submit import apply_domain_error
from simon.tenants.scoping import member_required
from simon.tenants.types import MemberRequest
from simon.workorders import services
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.forms import PICKER_LIMIT, WorkOrderForm
from simon.workorders.models import WorkOrder
from simon.workorders.permissions import can_correct, can_edit, can_manage
from simon.workorders.views.common import (
    customer_required_by,
    get_work_order,
    handles_domain_errors,
    membership,
    saved,
)
from simon.workorders.views.pickers import customer_work_addresses, search_customers


def _warn_without_customer(request: MemberRequest, work_order: WorkOrder) -> None:
    system = customer_required_by(request.organization)
    if work_order.customer_id is None and system:
        messages.warning(
            request,
            _(
                "Werkbon %(number)s heeft geen klant. Zonder klant kan hij niet naar %(system)s: "
                "kies een klant (debiteur uit %(system)s) voordat je archiveert."
            )
            % {"number": work_order.number, "system": system},
        )


def _page(
    request: MemberRequest, form: WorkOrderForm, work_order: WorkOrder | None
) -> HttpResponse:
    """The form page; the pickers show the first customers and the chosen customer's addresses."""
    chosen = form.chosen_customer()
    customers = list(search_customers(request.organization, "")[:PICKER_LIMIT])
    if chosen is not None and chosen not in customers:
        customers.insert(0, chosen)
    addresses: list[Any] = []
    if chosen is not None:
        addresses = list(customer_work_addresses(request.organization, str(chosen.code)))
        current = work_order.work_address if work_order else None
        if current is not None and current.customer_id == chosen.pk and current not in addresses:
            addresses.insert(0, current)  # hidden since, still on the order
    selected_address = form["work_address"].value() or ""
    return render(
        request,
        "workorders/form.html",
        {
            "form": form,
            "work_order": work_order,
            "customers": customers,
            "more_customers": len(customers) >= PICKER_LIMIT,
            "chosen_customer": chosen,
            "addresses": addresses,
            "selected_address": str(selected_address),
            "has_customer": chosen is not None,
            "customer_required_by": customer_required_by(request.organization),
            "correcting": work_order is not None and "description" not in form.fields,
        },
    )


@member_required
@handles_domain_errors
def create(request: MemberRequest) -> HttpResponse:
    """Office and field staff alike; a monteur's order is planned on themselves (on site)."""
    member = membership(request)
    form = WorkOrderForm(request.POST or None, organization=request.organization, membership=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            work_order = services.create_work_order(
                request.organization,
                by=request.user,
                customer=data["customer"],
                work_address=data["work_address"],
                description=data["description"],
                customer_reference=data["customer_reference"],
                planned_date=data["planned_date"],
                planned_start=data["planned_start"],
                planned_end=data["planned_end"],
                employees=data.get("employees") or (),
            )
        except WorkOrderPermissionDenied:
            raise
        except WorkOrderError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request, _("Werkbon %(number)s is aangemaakt.") % {"number": work_order.number}
            )
            _warn_without_customer(request, work_order)
            return redirect("workorders:detail", code=work_order.code)
    return _page(request, form, None)


@member_required
@handles_domain_errors
def edit(request: MemberRequest, code: str) -> HttpResponse:
    """Office only, until archived (S8: the office corrects before archiving). An archived order
    that SnelStart refused may have its customer and work address corrected."""
    work_order = get_work_order(request, code)
    member = membership(request)
    if not can_manage(member, work_order):
        raise NotPermitted(_("Alleen kantoormedewerkers mogen een werkbon wijzigen."))
    if can_correct(member, work_order):
        return _correct(request, work_order)
    if not can_edit(member, work_order):
        raise NotPermitted(_("Deze werkbon is gearchiveerd en kan niet meer worden gewijzigd."))
    initial = {
        "customer": work_order.customer.code if work_order.customer else "",
        "work_address": work_order.work_address.code if work_order.work_address else "",
        "description": work_order.description,
        "customer_reference": work_order.customer_reference,
    }
    form = WorkOrderForm(
        request.POST or None,
        initial=initial,
        organization=request.organization,
        membership=member,
        instance=work_order,
    )

    def save() -> None:
        services.update_work_order(work_order, by=request.user, **form.cleaned_data)

    if request.method == "POST" and saved(form, save):
        messages.success(
            request, _("Werkbon %(number)s is opgeslagen.") % {"number": work_order.number}
        )
        _warn_without_customer(request, work_order)
        return redirect("workorders:detail", code=work_order.code)
    return _page(request, form, work_order)


def _correct(request: MemberRequest, work_order: WorkOrder) -> HttpResponse:
    initial = {
        "customer": work_order.customer.code if work_order.customer else "",
        "work_address": work_order.work_address.code if work_order.work_address else "",
    }
    form = WorkOrderForm(
        request.POST or None,
        initial=initial,
        organization=request.organization,
        membership=membership(request),
        instance=work_order,
        correcting=True,
    )

    def save() -> None:
        data = form.cleaned_data
        services.correct_header(
            work_order,
            by=request.user,
            customer=data["customer"],
            work_address=data["work_address"],
        )

    if request.method == "POST" and saved(form, save):
        messages.success(
            request,
            _("Werkbon %(number)s is gecorrigeerd; verstuur hem opnieuw als alles klopt.")
            % {"number": work_order.number},
        )
        return redirect("workorders:detail", code=work_order.code)
    return _page(request, form, work_order)
