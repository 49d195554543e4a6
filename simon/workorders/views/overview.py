"""'Werkbonnen': the overview with filters, and 'Archiveren' of the selected orders (manual 3.4)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from simon.lib import work_order_hooks
from simon.lib.paging import paginate
from simon.tenants.scoping import member_required, office_required
from simon.tenants.types import MemberRequest
from simon.workorders import services
from simon.workorders.forms import FilterForm
from simon.workorders.models import WorkOrder, WorkOrderStatus
from simon.workorders.permissions import visible_work_orders
from simon.workorders.views.common import customer_required_by, handles_domain_errors, membership

# The confirmation lists at most this many orders (a page of the overview is 25).
CONFIRM_LIMIT = 200


@require_GET
@member_required
def work_order_list(request: MemberRequest) -> HttpResponse:
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
        if data.get("export"):
            qs = work_order_hooks.filter_list(qs, data["export"])
    qs = (
        services.with_totals(qs)
        .select_related("customer", "work_address")
        .prefetch_related("employees")
        .order_by("-created", "-id")
    )
    page, querystring = paginate(request, qs)
    labels = work_order_hooks.list_labels(request.organization, page.object_list)
    for work_order in page.object_list:
        work_order.integration_labels = labels.get(work_order.pk, [])
    return render(
        request,
        "workorders/list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring": querystring,
            "filtered": filtered and any(form.cleaned_data.values()),
            "can_archive": member.is_office,
            "customer_required_by": customer_required_by(request.organization),
        },
    )


@require_POST
@office_required
@handles_domain_errors
def archive_selected(request: MemberRequest) -> HttpResponse:
    """Archive each selected order on its own and say per order what happened (S8)."""
    back = reverse("workorders:list")
    querystring = request.POST.get("querystring", "")
    if querystring and "\n" not in querystring:
        back = f"{back}?{querystring}"
    codes = request.POST.getlist("codes")
    if not codes:
        messages.warning(request, _("Selecteer eerst een of meer gereed gemelde werkbonnen."))
        return redirect(back)
    if not request.POST.get("bevestigd"):
        return _confirm(request, codes, querystring)
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


def _confirm(request: MemberRequest, codes: list[str], querystring: str) -> HttpResponse:
    """Before a bulk 'Archiveren': per selected order, whether it will be archived or why not."""
    rows = []
    unknown = 0
    for code in list(dict.fromkeys(codes))[:CONFIRM_LIMIT]:
        try:
            work_order = (
                WorkOrder.objects.filter(organization=request.organization, code=code)
                .select_related("customer")
                .first()
            )
        except (ValidationError, ValueError):
            work_order = None
        if work_order is None:
            unknown += 1
            continue
        if work_order.status != WorkOrderStatus.COMPLETED:
            reason = _("Alleen gereed gemelde werkbonnen kunnen worden gearchiveerd.")
        else:
            reason = work_order_hooks.archive_refusal(work_order) or ""
        rows.append((work_order, reason))
    return render(
        request,
        "workorders/archive_confirm_many.html",
        {
            "rows": rows,
            "ready": [w for w, reason in rows if not reason],
            "unknown": unknown,
            "querystring": querystring,
            "customer_required_by": customer_required_by(request.organization),
        },
    )
