"""The field app's JSON API under /api/v1/ (schema: /api/v1/openapi.json, docs: /api/v1/docs).

Every operation needs ``Authorization: Bearer <token>`` and acts in the token's organization.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.parser import Parser

from simon.api import (
    articles,
    custom_forms,
    customers,
    docs,
    errors,
    offline,
    registrations,
    workorders,
)
from simon.api.auth import TokenAuth

DESCRIPTION = """De API van de Simon-app voor monteurs: klanten en artikelen zoeken, werkbonnen
op locatie aanmaken, uren en materialen boeken, formulieren invullen en gereed melden, en
alles ophalen om zonder verbinding te werken. Registraties met een `client_id` worden precies
één keer geboekt, hoe vaak de app ze ook verstuurt.

Authenticatie: `Authorization: Bearer <token>`; maak een token aan onder /api-tokens/.
Fouten hebben altijd de vorm `{"message": "...", "field": "... of null", "errors": [...]}`."""


def _json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja answers a wrong method with an empty text response, and its root view (/api/v1/)
    raises Http404, which Django renders as HTML; the app gets JSON for both."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return errors.json_error(404, _("Niet gevonden."))
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            response = errors.json_error(405, _("Deze methode kan hier niet."))
            response["Allow"] = allowed
        return response

    return wrapper


def _unknown_path(request: HttpRequest, path: str = "") -> HttpResponse:
    return errors.json_error(404, _("Niet gevonden."))


FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


class EmptyBodyParser(Parser):
    """No body, or an empty form, reads as an empty object: a POST whose body is optional
    ('gereed melden') may come without one (curl -X POST, or a client that always sends a
    form), and a required field missing from it is named as such (422)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if not request.body.strip():
            return {}
        if request.content_type in FORMS and not request.POST and not request.FILES:
            return {}
        return super().parse_body(request)


class FieldApi(NinjaAPI):
    @property
    def urls(self) -> tuple[list[Any], str, str]:
        """ninja's URLs plus a JSON 404 for every other path under the API (never HTML)."""
        patterns, app_name, namespace = super().urls
        wrapped = [
            URLPattern(p.pattern, _json_errors(p.callback), p.default_args, p.name)
            if isinstance(p, URLPattern)
            else p
            for p in patterns
        ]
        extra = [
            path("docs/assets/<str:name>", docs.asset, name="docs-asset"),
            # [\s\S], not '.': a path with an encoded line break is unknown too, not HTML.
            re_path(r"^(?P<path>[\s\S]*)$", _unknown_path),
        ]
        return [*wrapped, *extra], app_name, namespace


api = FieldApi(
    title="Simon field API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    docs=docs.VendoredSwagger(),
    parser=EmptyBodyParser(),
)
errors.install(api)
api.add_router("", customers.router)
api.add_router("", articles.router)
api.add_router("", workorders.router)
api.add_router("", registrations.router)
api.add_router("", custom_forms.router)
api.add_router("", offline.router)
