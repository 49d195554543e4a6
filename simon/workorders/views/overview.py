"""'Werkbonnen': the overview with filters, and 'Archiveren' of the selected orders (manual 3.4)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from simon.lib.paging import paginate
from simon.tenants.scoping import member_required, office_required
from simon.workorders import services
from simon.workorders.forms import FilterForm
from simon.workorders.permissions import visible_work_orders
from simon.workorders.views.common import handles_domain_errors, membership


@require_GET
@member_required
def work_order_list(request: HttpRequest) -> HttpResponse:
    member = membership(request)
    form = FilterForm(
        request.GET or None, organization=request.organization, office=member.is_office
    )
    qs = visible_work_orders(member)
    filtered = form.is_bound and form.is_valid()
    if filtered:
        data = form.cleaned_data
        qs = services.filter_work_orders(
            qs,
            status=data["status"] or None,
            employee=data.get("employee"),
            date_from=data["date_from"],
            date_to=data["date_to"],
            customer=data["customer"],
            text=data["q"],
        )
    qs = (
        services.with_totals(qs)
        .select_related("customer", "work_address")
        .prefetch_related("employees")
        .order_by("-created", "-id")
    )
    page, querystring = paginate(request, qs)
    return render(
        request,
        "workorders/list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring": querystring,
            "filtered": filtered and any(form.cleaned_data.values()),
            "can_archive": member.is_office,
        },
    )


@require_POST
@office_required
@handles_domain_errors
def archive_selected(request: HttpRequest) -> HttpResponse:
    """Archive each selected order on its own and say per order what happened (S8)."""
    back = reverse("workorders:list")
    querystring = request.POST.get("querystring", "")
    if querystring and "\n" not in querystring:
        back = f"{back}?{querystring}"
    codes = request.POST.getlist("codes")
    if not codes:
        messages.warning(request, _("Selecteer eerst een of meer gereed gemelde werkbonnen."))
        return redirect(back)
    result = services.archive_many(request.organization, codes, by=request.user)
    for work_order in result.archived:
        messages.success(
            request, _("Werkbon %(number)s is gearchiveerd.") % {"number": work_order.number}
        )
    for work_order, reason in result.refused:
        messages.error(
            request,
            _("Werkbon %(number)s is niet gearchiveerd: %(reason)s")
            % {"number": work_order.number, "reason": reason},
        )
    if result.unknown:
        messages.error(
            request,
            ngettext(
                "%(count)d geselecteerde werkbon is niet gevonden.",
                "%(count)d geselecteerde werkbonnen zijn niet gevonden.",
                len(result.unknown),
            )
            % {"count": len(result.unknown)},
        )
    return redirect(back)
