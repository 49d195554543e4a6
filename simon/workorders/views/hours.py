"""The Uren section: werktijd and reistijd per employee, added, changed and removed inline."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from simon.tenants.scoping import get_for_request, member_required
from simon.tenants.types import MemberRequest
from simon.workorders import services
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.forms import TimeEntryForm, add_domain_error
from simon.workorders.models import TimeEntry, WorkOrder
from simon.workorders.views.common import get_editable_work_order, handles_domain_errors, membership
from simon.workorders.views.detail import section_response

EDIT_PREFIX = "uren-wijzig"  # the inline edit form sits beside the add form on the same page


def _form(
    request: MemberRequest, data: Any = None, initial: Any = None, prefix: str | None = None
) -> TimeEntryForm:
    return TimeEntryForm(
        data,
        initial=initial,
        prefix=prefix,
        organization=request.organization,
        office=membership(request).is_office,
    )


def _values(request: HttpRequest, form: TimeEntryForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        # A monteur's form has no employee field: they book their own hours.
        "employee": data.get("employee") or request.user,
        "kind": data["kind"],
        "date": data["date"],
        "minutes": data["minutes"],
        "start": data["start"],
        "end": data["end"],
        "note": data["note"],
    }


def _entry(request: HttpRequest, work_order: WorkOrder, entry_code: str) -> TimeEntry:
    qs = TimeEntry.objects.filter(work_order=work_order).select_related("employee")
    return get_for_request(qs, request, entry_code)


@require_POST
@member_required
@handles_domain_errors
def add(request: MemberRequest, code: str) -> HttpResponse:
    work_order = get_editable_work_order(request, code)
    form = _form(request, request.POST)
    if form.is_valid():
        try:
            services.add_time_entry(work_order, by=request.user, **_values(request, form))
        except WorkOrderPermissionDenied:
            raise
        except WorkOrderError as error:
            add_domain_error(form, error)
        else:
            return section_response(request, work_order, "hours", keep_open=True)
    return section_response(request, work_order, "hours", invalid=True, time_form=form)


@member_required
@handles_domain_errors
def edit(request: MemberRequest, code: str, entry_code: str) -> HttpResponse:
    """GET: the row as a form. POST: save it; the form stays open on errors."""
    work_order = get_editable_work_order(request, code)
    entry = _entry(request, work_order, entry_code)
    if request.method != "POST":
        initial = {
            "employee": entry.employee,
            "kind": entry.kind,
            "date": entry.date,
            # With a start and end the minutes follow from them; showing both invites a mismatch.
            "minutes": "" if entry.start_time else entry.minutes,
            "start": entry.start_time,
            "end": entry.end_time,
            "note": entry.note,
        }
        form = _form(request, initial=initial, prefix=EDIT_PREFIX)
        return section_response(
            request, work_order, "hours", editing_entry=entry.code, entry_form=form
        )
    form = _form(request, request.POST, prefix=EDIT_PREFIX)
    if form.is_valid():
        values = _values(request, form)
        if "employee" not in form.fields:
            values.pop("employee")
        try:
            services.update_time_entry(entry, by=request.user, **values)
        except WorkOrderPermissionDenied:
            raise
        except WorkOrderError as error:
            add_domain_error(form, error)
        else:
            return section_response(request, work_order, "hours")
    return section_response(
        request, work_order, "hours", invalid=True, editing_entry=entry.code, entry_form=form
    )


@require_POST
@member_required
@handles_domain_errors
def delete(request: MemberRequest, code: str, entry_code: str) -> HttpResponse:
    work_order = get_editable_work_order(request, code)
    services.delete_time_entry(_entry(request, work_order, entry_code), by=request.user)
    return section_response(request, work_order, "hours")
