"""Custom forms (eigen formulieren) in the field: the templates, attaching one, answering it.

The router of these endpoints; the forms themselves live in ``simon.forms``. The operation ids
stay those published when this module was ``simon/api/forms.py``: clients generate code from
them.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from simon.api import replays
from simon.api.auth import caller
from simon.api.errors import ApiError, responses
from simon.api.guards import get_work_order, state_guard
from simon.api.lookup import get_or_400, get_or_404
from simon.api.paging import Paging, page
from simon.api.schemas import AnswersIn, AttachFormIn, FormResponseOut, FormTemplatePage
from simon.forms import services
from simon.forms.models import FormResponse, FormTemplate

router = Router(tags=["formulieren"])

OPERATION_ID = "simon_api_forms_{}"


def _response(work_order: Any, code: str) -> FormResponse:
    responses_ = (
        FormResponse.objects.filter(work_order=work_order)
        .select_related("template", "work_order")
        .prefetch_related("answers", "template__questions")
    )
    return get_or_404(responses_, code, FormResponse)


@router.get(
    "/form-templates",
    response=responses({200: FormTemplatePage}, 422),
    summary="Formulieren die je kunt invullen",
    operation_id=OPERATION_ID.format("list_form_templates"),
)
def list_form_templates(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    templates = (
        FormTemplate.objects.for_org(caller(request).organization)
        .visible()
        .prefetch_related("questions")
        .order_by("name", "id")
    )
    return page(templates, paging)


@router.post(
    "/work-orders/{code}/forms",
    response=responses({201: FormResponseOut}, 400, 403, 404, 409, 410, 422),
    summary="Formulier toevoegen aan een werkbon",
    operation_id=OPERATION_ID.format("attach_form"),
)
def attach_form(
    request: HttpRequest, response: HttpResponse, code: str, payload: AttachFormIn
) -> Status[Any]:
    """With `answers` (and `complete`) the form is filled in at once, all or nothing; with a
    `client_id` it is added once, however often it is sent."""
    who = caller(request)
    earlier = replays.earlier(FormResponse, who, payload.client_id, code)
    if earlier is not None:
        replays.mark(response)
        return Status(201, _response(earlier.work_order, str(earlier.code)))
    work_order = get_work_order(who, code)
    templates = FormTemplate.objects.for_org(who.organization).visible()
    template = get_or_400(templates, payload.template, FormTemplate, "template")
    with state_guard(work_order):
        filled, refused = services.fill_in_form(
            work_order,
            template,
            payload.answers,
            by=who.user,
            complete=payload.complete,
            client_id=payload.client_id,
        )
    if filled is None:
        _refuse(refused)
    return Status(201, _response(work_order, str(filled.code)))


def _refuse(refused: list[services.FieldError]) -> NoReturn:
    errors = [{"field": e.key, "message": e.message} for e in refused]
    raise ApiError(_("Controleer de antwoorden."), field=errors[0]["field"], errors=errors)


@router.put(
    "/work-orders/{code}/forms/{response_code}",
    response=responses({200: FormResponseOut}, 400, 403, 404, 409, 422),
    summary="Formulier invullen",
    operation_id=OPERATION_ID.format("answer_form"),
)
def answer_form(
    request: HttpRequest, code: str, response_code: str, payload: AnswersIn
) -> FormResponse:
    """Stores the given answers (all or nothing); ``complete`` also requires every required
    question. Refused answers come back per question code in ``errors``; nothing is stored."""
    who = caller(request)
    work_order = get_work_order(who, code)
    response = _response(work_order, response_code)
    with state_guard(work_order):
        refused = services.answer_form(
            response, payload.answers, by=who.user, complete=payload.complete
        )
    if refused:
        _refuse(refused)
    return _response(work_order, response_code)
