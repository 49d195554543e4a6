"""Formulieren on a work order: attach a template, fill in the answers, show them when done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simon.forms import services as form_services
from simon.forms.errors import FormError
from simon.forms.models import FormResponse, FormTemplate, Question, QuestionKind
from simon.tenants.scoping import get_for_request, member_required
from simon.tenants.types import MemberRequest
from simon.workorders.views.common import get_editable_work_order, handles_domain_errors
from simon.workorders.views.detail import section_response


@dataclass(frozen=True)
class AnswerItem:
    question: Question
    name: str  # the input's name
    raw: str  # what the input shows
    display: str  # the answer, read-only
    error: str


def _raw(question: Question, value: Any) -> str:
    if value is None:
        return ""
    if question.kind == QuestionKind.YES_NO:
        return "ja" if value else "nee"
    if question.kind == QuestionKind.NUMBER:
        try:
            return formats.number_format(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)


def _display(question: Question, value: Any) -> str:
    if value is None:
        return ""
    if question.kind == QuestionKind.YES_NO:
        return _("Ja") if value else _("Nee")
    if question.kind == QuestionKind.DATE:
        try:
            return formats.date_format(date.fromisoformat(value), "d-m-Y")
        except (TypeError, ValueError):
            return str(value)
    return _raw(question, value)


def input_name(question: Question) -> str:
    return f"q_{question.code}"


def response_items(
    response: FormResponse,
    submitted: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> list[AnswerItem]:
    """One item per question in order, with the stored (or just submitted) answer."""
    stored = dict(response.answers.values_list("question_id", "value"))
    items = []
    for question in response.template.questions.all():
        value = stored.get(question.pk)
        name = input_name(question)
        raw = submitted[name] if submitted is not None else _raw(question, value)
        items.append(
            AnswerItem(
                question=question,
                name=name,
                raw=raw,
                display=_display(question, value),
                error=(errors or {}).get(str(question.code), ""),
            )
        )
    return items


def _chosen_template(request: MemberRequest) -> FormTemplate | None:
    """An active template of this organization, or None (also for a garbage code)."""
    templates = FormTemplate.objects.filter(organization=request.organization).visible()
    try:
        return templates.filter(code=request.POST.get("template", "")).first()
    except (ValueError, ValidationError):
        return None


@require_POST
@member_required
@handles_domain_errors
def attach(request: MemberRequest, code: str) -> HttpResponse:
    work_order = get_editable_work_order(request, code)
    template = _chosen_template(request)
    if template is None:
        return section_response(
            request, work_order, "forms", invalid=True, attach_error=_("Kies een formulier.")
        )
    try:
        response = form_services.attach_form(work_order, template, by=request.user)
    except FormError as error:
        return section_response(
            request, work_order, "forms", invalid=True, attach_error=error.message
        )
    return section_response(request, work_order, "forms", anchor=f"formulier-{response.code}")


@member_required
@handles_domain_errors
def response_view(request: MemberRequest, code: str, response_code: str) -> HttpResponse:
    """GET: the section with this response in edit mode. POST: store its answers.

    'Opslaan' keeps a draft; 'Formulier afronden' (``complete``) also demands every required
    answer. All or nothing: with any error nothing is stored and the inputs keep what was typed.
    """
    work_order = get_editable_work_order(request, code)
    response = get_for_request(
        FormResponse.objects.filter(work_order=work_order).select_related("template"),
        request,
        response_code,
    )
    if request.method != "POST":
        return section_response(request, work_order, "forms", editing=response.code)
    questions = list(response.template.questions.all())
    submitted = {input_name(q): request.POST.get(input_name(q), "") for q in questions}
    answers = {str(q.code): submitted[input_name(q)] for q in questions}
    complete = "complete" in request.POST
    errors = form_services.answer_form(response, answers, by=request.user, complete=complete)
    if errors:
        by_question = {str(e.question.code) if e.question else e.key: e.message for e in errors}
        return section_response(
            request,
            work_order,
            "forms",
            invalid=True,
            editing=response.code,
            submitted={response.code: submitted},
            answer_errors={response.code: by_question},
        )
    return section_response(request, work_order, "forms", anchor=f"formulier-{response.code}")
