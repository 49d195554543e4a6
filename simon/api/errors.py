"""One error shape for every failure of the API: ``{"message", "field", "errors"}``.

``message`` is Dutch text for the user, ``field`` names the input at fault (or null), and
``errors`` lists every problem when there are several (form answers, schema validation).
Domain errors keep the service's message and field; nothing under /api/ answers with HTML.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from simon.api.pydantic_messages import dutch_message
from simon.lib.errors import DomainError, NotPermitted
from simon.workorders.errors import RegistrationConflict, RegistrationRemoved

logger = logging.getLogger(__name__)


class FieldErrorOut(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    message: str
    field: str | None = None
    errors: list[FieldErrorOut] = []


class ApiError(Exception):
    """Raised by endpoints for an error response with this status, message and field."""

    status = 400

    def __init__(
        self, message: str, *, field: str | None = None, errors: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = errors or []


class NotFound(ApiError):
    status = 404


class Conflict(ApiError):
    """The object's state refuses the action (e.g. changing a work order after gereed melden)."""

    status = 409


def error_body(
    message: str, field: str | None = None, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"message": str(message), "field": field, "errors": errors or []}


def json_error(
    status: int,
    message: str,
    field: str | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    """An error response outside ninja's operations (unknown path, wrong method, docs assets)."""
    body = json.dumps(error_body(message, field, errors))
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (``{"detail": ...}``, HTML 500s) with ours."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        response = api.create_response(request, body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="simon"'
        return response

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, error_body(exc.message, exc.field, exc.errors))

    @api.exception_handler(NotPermitted)
    def on_not_permitted(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
        # may_view=False: the user may not know the object exists, so it looks like a 404.
        if not exc.may_view:
            return respond(request, 404, error_body(_("Niet gevonden.")))
        return respond(request, 403, error_body(exc.message, exc.field))

    @api.exception_handler(DomainError)
    def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return respond(request, 400, error_body(exc.message, exc.field))

    @api.exception_handler(RegistrationConflict)
    def on_registration_conflict(request: HttpRequest, exc: RegistrationConflict) -> HttpResponse:
        return respond(request, 409, error_body(exc.message, exc.field))

    @api.exception_handler(RegistrationRemoved)
    def on_registration_removed(request: HttpRequest, exc: RegistrationRemoved) -> HttpResponse:
        # 410 Gone: booked once, removed since; the app stops sending it.
        return respond(request, 410, error_body(exc.message, exc.field))

    @api.exception_handler(Http404)
    def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body(_("Niet gevonden.")))

    @api.exception_handler(AuthenticationError)
    def on_401(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = _("Geef een geldige API-token mee: Authorization: Bearer <token>.")
        return respond(request, 401, error_body(message))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # The only HttpError ninja raises for input is an unreadable body.
        message = _("De inhoud van het verzoek is geen geldige JSON.")
        if exc.status_code != 400:
            message = str(exc)
        return respond(request, exc.status_code, error_body(message))

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [dutch_message(error) for error in exc.errors]
        first: dict[str, Any] = (
            errors[0] if errors else {"field": None, "message": _("Ongeldige invoer.")}
        )
        return respond(request, 422, error_body(first["message"], first["field"], errors))

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A bug, not bad input: keep the traceback for operators, give the app JSON.
        logger.exception("Unhandled error in %s %s", request.method, request.path)
        message = _("Er ging iets mis aan onze kant. Probeer het later opnieuw.")
        return respond(request, 500, error_body(message))


def responses(ok: dict[int, Any], *codes: int) -> dict[int, Any]:
    """The operation's success schema plus the error statuses it can answer (401 and 429, too
    many failed tokens from the caller's address, always)."""
    return {**ok, **dict.fromkeys(sorted({401, 429, *codes}), ErrorOut)}
