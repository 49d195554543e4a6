"""The Materialen section: articles with a quantity ('1,5' accepted), inline add/edit/delete."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.views.decorators.http import require_POST

from simon.tenants.scoping import member_required
from simon.tenants.types import MemberRequest
from simon.workorders import services
from simon.workorders.forms import MaterialForm
from simon.workorders.models import MaterialLine, WorkOrder
from simon.workorders.permissions import can_correct
from simon.workorders.templatetags.workorder_tags import quantity
from simon.workorders.views import registrations
from simon.workorders.views.common import (
    get_editable_work_order,
    get_work_order,
    handles_domain_errors,
    membership,
)

LINES = registrations.Rows(
    section="materials",
    model=MaterialLine,
    related="article",
    add_form="material_form",
    editing="editing_line",
    edit_form="line_form",
    edit_prefix="materiaal-wijzig",
)


def _form(request: MemberRequest, line: MaterialLine, **kwargs: Any) -> MaterialForm:
    """The inline form of a line (its article stays a choice even when hidden since)."""
    return MaterialForm(
        organization=request.organization, current=line.article, prefix=LINES.edit_prefix, **kwargs
    )


def _values(form: MaterialForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"article": data["article"], "quantity": data["quantity"], "note": data["note"]}


@require_POST
@member_required
@handles_domain_errors
def add(request: MemberRequest, code: str) -> HttpResponse:
    work_order = get_editable_work_order(request, code)
    form = MaterialForm(request.POST, organization=request.organization)

    def save() -> None:
        services.add_material(work_order, by=request.user, **_values(form))

    return registrations.add(request, work_order, LINES, form, save)


@member_required
@handles_domain_errors
def edit(request: MemberRequest, code: str, line_code: str) -> HttpResponse:
    """GET: the line as a form. POST: save it; the form stays open on errors."""
    work_order = get_work_order(request, code)
    if can_correct(membership(request), work_order):
        return _replace_article(request, work_order, LINES.get(request, work_order, line_code))
    work_order = get_editable_work_order(request, code)
    line = LINES.get(request, work_order, line_code)
    if request.method != "POST":
        initial = {
            "article": line.article.code,
            "quantity": quantity(line.quantity),
            "note": line.note,
        }
        form = _form(request, line, initial=initial)
        return registrations.editing(request, work_order, LINES, line, form)
    form = _form(request, line, data=request.POST)

    def save() -> None:
        services.update_material(line, by=request.user, **_values(form))

    return registrations.save_edit(request, work_order, LINES, line, form, save)


@require_POST
@member_required
@handles_domain_errors
def delete(request: MemberRequest, code: str, line_code: str) -> HttpResponse:
    work_order = get_editable_work_order(request, code)
    return registrations.delete(request, work_order, LINES, line_code, services.delete_material)


def _replace_article(
    request: MemberRequest, work_order: WorkOrder, line: MaterialLine
) -> HttpResponse:
    """An archived order SnelStart refused: only the line's article may be replaced."""
    initial = {"article": line.article.code}
    if request.method != "POST":
        form = _form(request, line, article_only=True, initial=initial)
        return registrations.editing(request, work_order, LINES, line, form)
    form = _form(request, line, data=request.POST, article_only=True, initial=initial)

    def save() -> None:
        services.correct_material_article(
            line, by=request.user, article=form.cleaned_data["article"]
        )

    return registrations.save_edit(request, work_order, LINES, line, form, save)
