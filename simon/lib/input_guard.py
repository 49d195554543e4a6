"""Refusing request parameters no database can store, before any view sees them.

PostgreSQL refuses NUL in text, also as a search term: every view that filters on ``?q=`` or
saves a form field would otherwise answer 500 to a NUL. Refusing it here, once, covers every
page and every parameter. Query parameters are bounded too: they are search terms, filters and
dates, and SQLite refuses a LIKE pattern past 50,000 bytes. The API is left to its schemas,
which know its parameters and answer in its own error shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
QUERY_VALUE_MAX = 1000


def _has_nul(params: QueryDict) -> bool:
    pairs: Iterable[tuple[str, list[str]]] = params.lists()
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in pairs)


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """A page with the message and status 400."""
    return render(request, "bad_request.html", {"message": message}, status=400)


class RefuseUnstorableInput:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            return bad_request(request, _("Gebruik geen NUL-tekens."))
        if any(len(v) > QUERY_VALUE_MAX for _k, values in request.GET.lists() for v in values):
            return bad_request(
                request,
                _("Gebruik maximaal %(max)s tekens in een zoekopdracht.")
                % {"max": QUERY_VALUE_MAX},
            )
        return self.get_response(request)
