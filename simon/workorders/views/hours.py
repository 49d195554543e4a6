"""The Uren section: werktijd and reistijd per employee, added, changed and removed inline."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from simon.tenants.scoping import member_required
from simon.tenants.types import MemberRequest
from simon.workorders import services
from simon.workorders.forms import TimeEntryForm
from simon.workorders.models import TimeEntry
from simon.workorders.views import registrations
from simon.workorders.views.common import get_editable_work_order, handles_domain_errors, membership

ENTRIES = registrations.Rows(
    section="hours",
    model=TimeEntry,
    related="employee",
    add_form="time_form",
    editing="editing_entry",
    edit_form="entry_form",
    edit_prefix="uren-wijzig",
)


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


def _initial(entry: TimeEntry) -> dict[str, Any]:
    return {
        "employee": entry.employee,
        "kind": entry.kind,
        "date": entry.date,
        # With a start and end the minutes follow from them; showing both invites a mismatch.
        "minutes": "" if entry.start_time else entry.minutes,
        "start": entry.start_time,
        "end": entry.end_time,
        "note": entry.note,
    }


@require_POST
@member_required
@handles_domain_errors
def add(request: MemberRequest, code: str) -> HttpResponse:
    work_order = get_editable_work_order(request, code)
    form = _form(request, request.POST)

    def save() -> None:
        services.add_time_entry(work_order, by=request.user, **_values(request, form))

    return registrations.add(request, work_order, ENTRIES, form, save)


@member_required
@handles_domain_errors
def edit(request: MemberRequest, code: str, entry_code: str) -> HttpResponse:
    """GET: the row as a form. POST: save it; the form stays open on errors."""
    work_order = get_editable_work_order(request, code)
    entry = ENTRIES.get(request, work_order, entry_code)
    if request.method != "POST":
        form = _form(request, initial=_initial(entry), prefix=ENTRIES.edit_prefix)
        return registrations.editing(request, work_order, ENTRIES, entry, form)
    form = _form(request, request.POST, prefix=ENTRIES.edit_prefix)

    def save() -> None:
        values = _values(request, form)
        if "employee" not in form.fields:
            values.pop("employee")
        services.update_time_entry(entry, by=request.user, **values)

    return registrations.save_edit(request, work_order, ENTRIES, entry, form, save)


@require_POST
@member_required
@handles_domain_errors
def delete(request: MemberRequest, code: str, entry_code: str) -> HttpResponse:
    work_order = get_editable_work_order(request, code)
    return registrations.delete(
        request, work_order, ENTRIES, entry_code, services.delete_time_entry
    )
