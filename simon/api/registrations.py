"""Time (werktijd, reistijd) and materials on a work order, booked from the field (S6, S8).

Hours are always booked for the caller: a monteur may only book their own, and the office
corrects other people's hours in the web app.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

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
from simon.api.services import Caller
from simon.catalog.models import Article
from simon.workorders import services
from simon.workorders.models import MaterialLine, TimeEntry, WorkOrder

router = Router(tags=["uren en materialen"])

WRITE_ERRORS = (400, 403, 404, 409, 422)
# A create may also be a replay whose row was removed since (410, see simon.api.replays).
CREATE_ERRORS = (*WRITE_ERRORS, 410)


R = TypeVar("R", TimeEntry, MaterialLine)


@dataclass(frozen=True)
class Rows(Generic[R]):
    """The registrations of one kind on a work order, with what their answer shows."""

    model: type[R]
    related: str

    def get(self, work_order: WorkOrder, code: str) -> R:
        rows = self.model._default_manager.filter(work_order=work_order)
        return get_or_404(rows.select_related(self.related), code, self.model)


ENTRIES = Rows(TimeEntry, "employee")
LINES = Rows(MaterialLine, "article")


def _add(
    request: HttpRequest,
    response: HttpResponse,
    code: str,
    client_id: uuid.UUID | None,
    rows: Rows[R],
    add: Callable[[Caller, WorkOrder], R],
) -> Status[R]:
    """Book a registration once: a ``client_id`` sent again gets the first row back."""
    who = caller(request)
    earlier = replays.earlier(rows.model, who, client_id, code)
    if earlier is not None:
        replays.mark(response)
        return Status(201, earlier)
    work_order = get_work_order(who, code)
    with state_guard(work_order):
        return Status(201, add(who, work_order))


def _update(
    request: HttpRequest,
    code: str,
    rows: Rows[R],
    row_code: str,
    update: Callable[..., object],
    fields: Callable[[], dict[str, Any]],
) -> R:
    """``update(row, by=caller, **fields())``; the row as it is now."""
    who = caller(request)
    work_order = get_work_order(who, code)
    row = rows.get(work_order, row_code)
    values = fields()
    with state_guard(work_order):
        update(row, by=who.user, **values)
    return rows.get(work_order, row_code)


def _delete(
    request: HttpRequest, code: str, rows: Rows[R], row_code: str, delete: Callable[..., object]
) -> Status[None]:
    who = caller(request)
    work_order = get_work_order(who, code)
    row = rows.get(work_order, row_code)
    with state_guard(work_order):
        delete(row, by=who.user)
    return Status(204, None)


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
) -> Status[TimeEntry]:
    """With a `client_id` this books once, however often it is sent."""

    def add(who: Caller, work_order: WorkOrder) -> TimeEntry:
        values = payload.model_dump(exclude={"date"})
        date = payload.date or timezone.localdate()
        return services.add_time_entry(
            work_order, by=who.user, employee=who.user, date=date, **values
        )

    return _add(request, response, code, payload.client_id, ENTRIES, add)


@router.patch(
    "/work-orders/{code}/time-entries/{entry_code}",
    response=responses({200: TimeEntryOut}, *WRITE_ERRORS),
    summary="Uren wijzigen",
)
def update_time_entry(
    request: HttpRequest, code: str, entry_code: str, payload: TimeEntryPatch
) -> TimeEntry:
    fields = partial(payload.model_dump, exclude_unset=True)
    return _update(request, code, ENTRIES, entry_code, services.update_time_entry, fields)


@router.delete(
    "/work-orders/{code}/time-entries/{entry_code}",
    response=responses({204: None}, 403, 404, 409),
    summary="Uren verwijderen",
)
def delete_time_entry(request: HttpRequest, code: str, entry_code: str) -> Status[None]:
    return _delete(request, code, ENTRIES, entry_code, services.delete_time_entry)


@router.post(
    "/work-orders/{code}/materials",
    response=responses({201: MaterialOut}, *CREATE_ERRORS),
    summary="Materiaal toevoegen",
)
def add_material(
    request: HttpRequest, response: HttpResponse, code: str, payload: MaterialIn
) -> Status[MaterialLine]:
    """With a `client_id` this adds once, however often it is sent."""

    def add(who: Caller, work_order: WorkOrder) -> MaterialLine:
        article = _article(request, payload.article)
        values = payload.model_dump(exclude={"article"})
        return services.add_material(work_order, by=who.user, article=article, **values)

    return _add(request, response, code, payload.client_id, LINES, add)


@router.patch(
    "/work-orders/{code}/materials/{line_code}",
    response=responses({200: MaterialOut}, *WRITE_ERRORS),
    summary="Materiaal wijzigen",
)
def update_material(
    request: HttpRequest, code: str, line_code: str, payload: MaterialPatch
) -> MaterialLine:
    def fields() -> dict[str, Any]:
        values = payload.model_dump(exclude_unset=True)
        if "article" in values:
            values["article"] = _article(request, values["article"])
        return values

    return _update(request, code, LINES, line_code, services.update_material, fields)


@router.delete(
    "/work-orders/{code}/materials/{line_code}",
    response=responses({204: None}, 403, 404, 409),
    summary="Materiaal verwijderen",
)
def delete_material(request: HttpRequest, code: str, line_code: str) -> Status[None]:
    return _delete(request, code, LINES, line_code, services.delete_material)
