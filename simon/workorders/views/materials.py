"""The Materialen section: articles with a quantity ('1,5' accepted), inline add/edit/delete."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from simon.tenants.scoping import get_for_request, member_required
from simon.tenants.types import MemberRequest
from simon.workorders import services
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.forms import MaterialForm, add_domain_error
from simon.workorders.models import MaterialLine, WorkOrder
from simon.workorders.permissions import can_correct
from simon.workorders.templatetags.workorder_tags import quantity
from simon.workorders.views.common import (
    get_editable_work_order,
    get_work_order,
    handles_domain_errors,
    membership,
)
from simon.workorders.views.detail import section_response

EDIT_PREFIX = "materiaal-wijzig"  # the inline edit form sits beside the add form


def _line(request: HttpRequest, work_order: WorkOrder, line_code: str) -> MaterialLine:
    qs = MaterialLine.objects.filter(work_order=work_order).select_related("article")
    return get_for_request(qs, request, line_code)


def _values(form: MaterialForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"article": data["article"], "quantity": data["quantity"], "note": data["note"]}


@require_POST
@member_required
@handles_domain_errors
def add(request: MemberRequest, code: str) -> HttpResponse:
    work_order = get_editable_work_order(request, code)
    form = MaterialForm(request.POST, organization=request.organization)
    if form.is_valid():
        try:
            services.add_material(work_order, by=request.user, **_values(form))
        except WorkOrderPermissionDenied:
            raise
        except WorkOrderError as error:
            add_domain_error(form, error)
        else:
            return section_response(request, work_order, "materials", keep_open=True)
    return section_response(request, work_order, "materials", invalid=True, material_form=form)


@member_required
@handles_domain_errors
def edit(request: MemberRequest, code: str, line_code: str) -> HttpResponse:
    """GET: the line as a form. POST: save it; the form stays open on errors."""
    work_order = get_work_order(request, code)
    if can_correct(membership(request), work_order):
        return _replace_article(request, work_order, _line(request, work_order, line_code))
    work_order = get_editable_work_order(request, code)
    line = _line(request, work_order, line_code)
    if request.method != "POST":
        form = MaterialForm(
            organization=request.organization,
            current=line.article,
            prefix=EDIT_PREFIX,
            initial={
                "article": line.article.code,
                "quantity": quantity(line.quantity),
                "note": line.note,
            },
        )
        return section_response(
            request, work_order, "materials", editing_line=line.code, line_form=form
        )
    form = MaterialForm(
        request.POST, organization=request.organization, current=line.article, prefix=EDIT_PREFIX
    )
    if form.is_valid():
        try:
            services.update_material(line, by=request.user, **_values(form))
        except WorkOrderPermissionDenied:
            raise
        except WorkOrderError as error:
            add_domain_error(form, error)
        else:
            return section_response(request, work_order, "materials")
    return section_response(
        request, work_order, "materials", invalid=True, editing_line=line.code, line_form=form
    )


@require_POST
@member_required
@handles_domain_errors
def delete(request: MemberRequest, code: str, line_code: str) -> HttpResponse:
    work_order = get_editable_work_order(request, code)
    services.delete_material(_line(request, work_order, line_code), by=request.user)
    return section_response(request, work_order, "materials")


def _replace_article(
    request: MemberRequest, work_order: WorkOrder, line: MaterialLine
) -> HttpResponse:
    """An archived order SnelStart refused: only the line's article may be replaced."""
    form = MaterialForm(
        request.POST if request.method == "POST" else None,
        organization=request.organization,
        current=line.article,
        prefix=EDIT_PREFIX,
        article_only=True,
        initial={"article": line.article.code},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_material_article(
                line, by=request.user, article=form.cleaned_data["article"]
            )
        except WorkOrderPermissionDenied:
            raise
        except WorkOrderError as error:
            add_domain_error(form, error)
        else:
            return section_response(request, work_order, "materials")
    return section_response(
        request,
        work_order,
        "materials",
        invalid=request.method == "POST",
        editing_line=line.code,
        line_form=form,
    )
