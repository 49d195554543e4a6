"""The work order page: header with the allowed actions, and its sections.

Every section (planning, uren, materialen, formulieren, totalen, geschiedenis) is its own
template rendered from one context (``detail_context``). An htmx request gets the changed
section back, plus out-of-band copies of the sections it affects (new hours change the totals);
without htmx the same views redirect to the page, or render it whole with the invalid form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simon.catalog.services import search_articles
from simon.forms.models import FormTemplate
from simon.lib import work_order_hooks
from simon.tenants.scoping import member_required
from simon.tenants.types import MemberRequest
from simon.workorders import services
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.forms import PICKER_LIMIT, MaterialForm, PlanForm, TimeEntryForm
from simon.workorders.models import WorkOrder, WorkOrderStatus
from simon.workorders.permissions import FIELD_EDITABLE, can_correct, can_edit, can_manage
from simon.workorders.views.common import (
    customer_required_by,
    get_work_order,
    handles_domain_errors,
    membership,
)

SECTIONS = {
    # section -> (template, anchor, sections it changes too)
    "header": ("_header.html", "werkbon", ()),
    "planning": ("_planning.html", "planning", ("header", "history")),
    "hours": ("_hours.html", "uren", ("totals",)),
    "materials": ("_materials.html", "materialen", ("totals",)),
    "forms": ("_forms.html", "formulieren", ()),
    "totals": ("_totals.html", "totalen", ()),
    "history": ("_history.html", "geschiedenis", ()),
}


# The section URL names a section by its anchor (Dutch, like every URL the user sees).
BY_ANCHOR = {anchor: name for name, (_template, anchor, _affected) in SECTIONS.items()}


def plan_form(request: MemberRequest, work_order: WorkOrder) -> PlanForm:
    return PlanForm(
        organization=request.organization,
        initial={
            "planned_date": work_order.planned_date,
            "planned_start": work_order.planned_start,
            "planned_end": work_order.planned_end,
            "employees": list(work_order.employees.all()),
        },
    )


def time_form(request: MemberRequest, work_order: WorkOrder) -> TimeEntryForm:
    return TimeEntryForm(
        organization=request.organization,
        office=membership(request).is_office,
        initial={
            "employee": request.user,
            "kind": "werktijd",
            "date": work_order.planned_date or timezone.localdate(),
        },
    )


def material_form(request: MemberRequest) -> MaterialForm:
    return MaterialForm(organization=request.organization)


def detail_context(
    request: MemberRequest, work_order: WorkOrder, **overrides: Any
) -> dict[str, Any]:
    """Everything the page and its sections show; ``overrides`` replace forms and edit modes."""
    from simon.workorders.views.answers import response_items

    member = membership(request)
    editable = can_edit(member, work_order)
    manage = can_manage(member, work_order)
    correct = can_correct(member, work_order)
    status = work_order.status
    # Explicit NULL placement: SQLite and PostgreSQL disagree on where entries without a
    # start time sort, and the page must not change with the database.
    entries = list(
        work_order.time_entries.select_related("employee").order_by(
            "date", F("start_time").asc(nulls_first=True), "id"
        )
    )
    for entry in entries:
        entry.editable = editable and (member.is_office or entry.employee_id == request.user.pk)
    responses = list(work_order.form_responses.select_related("template"))
    editing = overrides.get("editing")
    submitted = overrides.get("submitted", {})
    answer_errors = overrides.get("answer_errors", {})
    for response in responses:
        response.items = response_items(
            response, submitted.get(response.code), answer_errors.get(response.code)
        )
        response.editing = editable and (not response.completed or editing == response.code)
    context = {
        "work_order": work_order,
        "is_office": member.is_office,
        "can_edit": editable,
        "can_change_header": manage and editable,
        "can_plan": editable and status in FIELD_EDITABLE,
        "can_complete": editable and status in FIELD_EDITABLE,
        "can_reopen": manage and status == WorkOrderStatus.COMPLETED,
        "can_archive": manage and status == WorkOrderStatus.COMPLETED,
        "can_correct": correct,
        "panels": work_order_hooks.panels(request, work_order),
        "customer_required_by": customer_required_by(request.organization),
        "employees": list(work_order.employees.order_by("first_name", "username")),
        "plan_form": plan_form(request, work_order),
        "time_entries": entries,
        "time_form": time_form(request, work_order),
        "material_lines": list(work_order.material_lines.select_related("article")),
        "material_form": material_form(request),
        "articles": list(search_articles(request.organization, "")[:PICKER_LIMIT]),
        "responses": responses,
        "form_templates": FormTemplate.objects.filter(organization=request.organization)
        .visible()
        .order_by("name"),
        "totals": services.totals(work_order),
        "history": work_order.status_changes.select_related("by"),
    }
    context.update(overrides)
    return context


def section_response(
    request: MemberRequest,
    work_order: WorkOrder,
    section: str,
    *,
    invalid: bool = False,
    anchor: str = "",
    keep_open: bool = False,
    **overrides: Any,
) -> HttpResponse:
    """The answer to a section's GET or POST (see the module docstring). ``keep_open``: the
    section's form stays open after it was used (the next row is often added right after)."""
    template, default_anchor, affected = SECTIONS[section]
    if getattr(request, "htmx", False):
        context = detail_context(request, work_order, **overrides)
        context["open_form"] = section if keep_open else ""
        html = render_to_string(f"workorders/{template}", context, request)
        for other in affected:
            html += render_to_string(
                f"workorders/{SECTIONS[other][0]}", {**context, "oob": True}, request
            )
        response = HttpResponse(html)
        if request.method == "POST":
            # Integrations' panels (the sales order preview) reload themselves on this event.
            response["HX-Trigger"] = "workOrderChanged"
        return response
    if invalid or overrides:
        context = detail_context(request, work_order, **overrides)
        return render(request, "workorders/detail.html", context, status=200)
    url = reverse("workorders:detail", kwargs={"code": work_order.code})
    return redirect(f"{url}#{anchor or default_anchor}")


@require_GET
@member_required
@handles_domain_errors
def detail(request: MemberRequest, code: str) -> HttpResponse:
    work_order = get_work_order(request, code)
    return render(request, "workorders/detail.html", detail_context(request, work_order))


@require_GET
@member_required
@handles_domain_errors
def section(request: MemberRequest, code: str, name: str) -> HttpResponse:
    """A section as it is now, e.g. after 'Annuleren' of an inline edit."""
    if name not in BY_ANCHOR:
        raise Http404
    return section_response(request, get_work_order(request, code), BY_ANCHOR[name])


def _status_action(request: MemberRequest, code: str, action: Any, done: str) -> HttpResponse:
    work_order = get_work_order(request, code)
    try:
        action(work_order, by=request.user)
    except WorkOrderPermissionDenied:
        raise
    except WorkOrderError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"number": work_order.number})
    return redirect("workorders:detail", code=work_order.code)


@require_http_methods(["GET", "POST"])
@member_required
@handles_domain_errors
def complete(request: MemberRequest, code: str) -> HttpResponse:
    """GET: a summary of what was registered, with what is missing, and a confirmation (after
    'Gereed melden' a monteur can no longer change the order); POST: report it complete."""
    if request.method == "POST":
        return _status_action(
            request, code, services.report_complete, _("Werkbon %(number)s is gereed gemeld.")
        )
    work_order = get_work_order(request, code)
    if not (can_edit(membership(request), work_order) and work_order.status in FIELD_EDITABLE):
        messages.error(request, _("Deze werkbon kan nu niet gereed worden gemeld."))
        return redirect("workorders:detail", code=work_order.code)
    totals = services.totals(work_order)
    responses = list(work_order.form_responses.all())
    done = sum(1 for response in responses if response.completed)
    return render(
        request,
        "workorders/complete_confirm.html",
        {
            "work_order": work_order,
            "totals": totals,
            "forms_total": len(responses),
            "forms_done": done,
            "warnings": completion_warnings(work_order, totals.work_minutes, len(responses) - done),
            "is_office": membership(request).is_office,
        },
    )


def completion_warnings(work_order: WorkOrder, work_minutes: int, open_forms: int) -> list[str]:
    """What looks missing before 'Gereed melden'; none of it stops it (the manual allows it)."""
    warnings = []
    if not work_order.planned_date:
        warnings.append(_("De werkbon is niet ingepland."))
    if not work_minutes:
        warnings.append(_("Er is geen werktijd geboekt."))
    if open_forms:
        warnings.append(
            ngettext(
                "%(count)d formulier is nog niet ingevuld.",
                "%(count)d formulieren zijn nog niet ingevuld.",
                open_forms,
            )
            % {"count": open_forms}
        )
    if not work_order.customer_id:
        warnings.append(_("De werkbon heeft geen klant."))
    return warnings


@require_POST
@member_required
@handles_domain_errors
def reopen(request: MemberRequest, code: str) -> HttpResponse:
    return _status_action(request, code, services.reopen, _("Werkbon %(number)s is heropend."))


@require_http_methods(["GET", "POST"])
@member_required
@handles_domain_errors
def archive(request: MemberRequest, code: str) -> HttpResponse:
    """GET: what archiving will do (the integration's preview) and a confirmation; POST: archive."""
    if request.method == "POST":
        return _status_action(
            request, code, services.archive, _("Werkbon %(number)s is gearchiveerd.")
        )
    work_order = get_work_order(request, code)
    if not can_manage(membership(request), work_order):
        raise WorkOrderPermissionDenied(_("Alleen kantoormedewerkers mogen archiveren."))
    if work_order.status != WorkOrderStatus.COMPLETED:
        messages.error(request, _("Alleen gereed gemelde werkbonnen kunnen worden gearchiveerd."))
        return redirect("workorders:detail", code=work_order.code)
    return render(
        request,
        "workorders/archive_confirm.html",
        {
            "work_order": work_order,
            "refusal": work_order_hooks.archive_refusal(work_order),
            "panels": work_order_hooks.panels(request, work_order),
            "totals": services.totals(work_order),
        },
    )
