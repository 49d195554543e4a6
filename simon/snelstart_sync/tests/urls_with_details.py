"""Simon's URLs with stand-in detail pages for customers, articles and work orders, so the
log's links can be tested whether or not the core UI has its detail pages yet."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from simon.urls import urlpatterns as real

STAND_INS = {"klanten/": "customers", "artikelen/": "catalog", "werkbonnen/": "workorders"}


def _page(request: HttpRequest, code: object = None) -> HttpResponse:
    return HttpResponse("stand-in")


def _app(app: str):
    patterns = [
        path("", _page, name="list"),
        path("planning/", _page, name="planning"),
        path("overzicht/", _page, name="start"),  # the menu links the office's start page
        path("<uuid:code>/", _page, name="detail"),
    ]
    return include((patterns, app))


urlpatterns = [
    *[path(prefix, _app(app)) for prefix, app in STAND_INS.items()],
    *[p for p in real if getattr(p, "app_name", None) not in STAND_INS.values()],
]
