"""Time (werktijd, reistijd) and materials on a work order, booked from the field (S6, S8).

Hours are always booked for the caller: a monteur may only book their own, and the office
corrects other people's hours in the web app.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from simon.api import replays
from simon.api.auth import caller
from simon.api.errors import ApiError, responses
from simon.api.guards import get_work_order, state_guard
from simon.api.lookup import get_or_400, get_or_404
from simon.api.schemas import (
    MaterialIn,
    MaterialOut,
    MaterialPatch,
    TimeEntryIn,
    TimeEntryOut,
    TimeEntryPatch,
)
from simon.catalog.models import Article
from simon.workorders import services
from simon.workorders.models import MaterialLine, TimeEntry

router = Router(tags=["uren en materialen"])

WRITE_ERRORS = (400, 403, 404, 409, 422)
# A create may also be a replay whose row was removed since (410, see simon.api.replays).
CREATE_ERRORS = (*WRITE_ERRORS, 410)


def _entry(work_order: Any, code: str) -> TimeEntry:
    entries = TimeEntry.objects.filter(work_order=work_order).select_related("employee")
    return get_or_404(entries, code, TimeEntry)


def _line(work_order: Any, code: str) -> MaterialLine:
    lines = MaterialLine.objects.filter(work_order=work_order).select_related("article")
    return get_or_404(lines, code, MaterialLine)


def _article(request: HttpRequest, code: Any) -> Article:
    if code is None:
        raise ApiError(_("Kies een artikel."), field="article")
    articles = Article.objects.for_org(caller(request).organization)
    return get_or_400(articles, code, Article, "article")


@router.post(
    "/work-orders/{code}/time-entries",
    response=responses({201: TimeEntryOut}, *CREATE_ERRORS),
    summary="Uren boeken",
)
def add_time_entry(
    request: HttpRequest, response: HttpResponse, code: str, payload: TimeEntryIn
) -> Status[Any]:
    """With a `client_id` this books once, however often it is sent."""
    who = caller(request)
    earlier = replays.earlier(TimeEntry, who, payload.client_id, code)
    if earlier is not None:
        replays.mark(response)
        return Status(201, earlier)
    work_order = get_work_order(who, code)
    with state_guard(work_order):
        entry = services.add_time_entry(
            work_order,
            by=who.user,
            employee=who.user,
            kind=payload.kind,
            date=payload.date or timezone.localdate(),
            minutes=payload.minutes,
            start=payload.start,
            end=payload.end,
            note=payload.note,
            client_id=payload.client_id,
        )
    return Status(201, entry)


@router.patch(
    "/work-orders/{code}/time-entries/{entry_code}",
    response=responses({200: TimeEntryOut}, *WRITE_ERRORS),
    summary="Uren wijzigen",
)
def update_time_entry(
    request: HttpRequest, code: str, entry_code: str, payload: TimeEntryPatch
) -> TimeEntry:
    who = caller(request)
    work_order = get_work_order(who, code)
    entry = _entry(work_order, entry_code)
    with state_guard(work_order):
        services.update_time_entry(entry, by=who.user, **payload.model_dump(exclude_unset=True))
    return _entry(work_order, entry_code)


@router.delete(
    "/work-orders/{code}/time-entries/{entry_code}",
    response=responses({204: None}, 403, 404, 409),
    summary="Uren verwijderen",
)
def delete_time_entry(request: HttpRequest, code: str, entry_code: str) -> Status[None]:
    who = caller(request)
    work_order = get_work_order(who, code)
    entry = _entry(work_order, entry_code)
    with state_guard(work_order):
        services.delete_time_entry(entry, by=who.user)
    return Status(204, None)


@router.post(
    "/work-orders/{code}/materials",
    response=responses({201: MaterialOut}, *CREATE_ERRORS),
    summary="Materiaal toevoegen",
)
def add_material(
    request: HttpRequest, response: HttpResponse, code: str, payload: MaterialIn
) -> Status[Any]:
    """With a `client_id` this adds once, however often it is sent."""
    who = caller(request)
    earlier = replays.earlier(MaterialLine, who, payload.client_id, code)
    if earlier is not None:
        replays.mark(response)
        return Status(201, earlier)
    work_order = get_work_order(who, code)
    article = _article(request, payload.article)
    with state_guard(work_order):
        line = services.add_material(
            work_order,
            by=who.user,
            article=article,
            quantity=payload.quantity,
            note=payload.note,
            client_id=payload.client_id,
        )
    return Status(201, line)


@router.patch(
    "/work-orders/{code}/materials/{line_code}",
    response=responses({200: MaterialOut}, *WRITE_ERRORS),
    summary="Materiaal wijzigen",
)
def update_material(
    request: HttpRequest, code: str, line_code: str, payload: MaterialPatch
) -> MaterialLine:
    who = caller(request)
    work_order = get_work_order(who, code)
    line = _line(work_order, line_code)
    fields = payload.model_dump(exclude_unset=True)
    if "article" in fields:
        fields["article"] = _article(request, fields["article"])
    with state_guard(work_order):
        services.update_material(line, by=who.user, **fields)
    return _line(work_order, line_code)


@router.delete(
    "/work-orders/{code}/materials/{line_code}",
    response=responses({204: None}, 403, 404, 409),
    summary="Materiaal verwijderen",
)
def delete_material(request: HttpRequest, code: str, line_code: str) -> Status[None]:
    who = caller(request)
    work_order = get_work_order(who, code)
    line = _line(work_order, line_code)
    with state_guard(work_order):
        services.delete_material(line, by=who.user)
    return Status(204, None)
