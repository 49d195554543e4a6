"""What the Uren and Materialen sections share: rows added, changed and removed inline.

Both show their rows with an 'add' form under them, and change a row in place (GET: the row as
a form; POST: save it, the form stays open on errors). ``Rows`` names, for one kind of
registration, its section of the page, its rows and the names its forms have in the page's
context (``detail_context``); the steps below are the same for both kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.http import HttpResponse

from simon.tenants.scoping import get_for_request
from simon.tenants.types import MemberRequest
from simon.workorders.models import MaterialLine, TimeEntry, WorkOrder
from simon.workorders.views.common import saved
from simon.workorders.views.detail import section_response

R = TypeVar("R", TimeEntry, MaterialLine)


@dataclass(frozen=True)
class Rows(Generic[R]):
    section: str  # the page's section (detail.SECTIONS)
    model: type[R]
    related: str  # what a row shows besides itself (select_related)
    add_form: str  # the context's name of the add form
    editing: str  # ... of the code of the row shown as a form
    edit_form: str  # ... of that form
    edit_prefix: str  # the inline form sits beside the add form on the same page

    def get(self, request: MemberRequest, work_order: WorkOrder, code: str) -> R:
        rows = self.model._default_manager.filter(work_order=work_order)
        return get_for_request(rows.select_related(self.related), request, code)


def add(
    request: MemberRequest,
    work_order: WorkOrder,
    rows: Rows[R],
    form: forms.Form,
    save: Callable[[], object],
) -> HttpResponse:
    """The add form: saved, the section with the form open for the next row; else the form
    with its errors."""
    if saved(form, save):
        return section_response(request, work_order, rows.section, keep_open=True)
    overrides: dict[str, Any] = {rows.add_form: form}
    return section_response(request, work_order, rows.section, invalid=True, **overrides)


def editing(
    request: MemberRequest,
    work_order: WorkOrder,
    rows: Rows[R],
    row: R,
    form: forms.Form,
    *,
    invalid: bool = False,
) -> HttpResponse:
    """The section with ``row`` shown as ``form``."""
    overrides: dict[str, Any] = {rows.editing: row.code, rows.edit_form: form}
    return section_response(request, work_order, rows.section, invalid=invalid, **overrides)


def save_edit(
    request: MemberRequest,
    work_order: WorkOrder,
    rows: Rows[R],
    row: R,
    form: forms.Form,
    save: Callable[[], object],
) -> HttpResponse:
    """The inline form posted: saved, the section as it is now; else the form stays open."""
    if saved(form, save):
        return section_response(request, work_order, rows.section)
    return editing(request, work_order, rows, row, form, invalid=True)


def delete(
    request: MemberRequest,
    work_order: WorkOrder,
    rows: Rows[R],
    code: str,
    remove: Callable[..., object],
) -> HttpResponse:
    remove(rows.get(request, work_order, code), by=request.user)
    return section_response(request, work_order, rows.section)
