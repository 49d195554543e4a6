"""Bearer-token authentication: the only way into the API.

Session cookies never authenticate the API: a browser that is logged in to Simon sends its
cookie along with any request a foreign page makes, so accepting it would need CSRF checks;
a bearer token is never sent by the browser on its own.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from ninja.security import HttpBearer

from simon.api import services
from simon.api.errors import ApiError
from simon.api.services import Caller
from simon.tenants import throttling

# Failed tokens count per address under one pseudo-username (see simon.tenants.throttling).
CREDENTIALS = {"username": throttling.API_TOKEN_USERNAME}


class TooManyAttempts(ApiError):
    status = 429


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        if not AxesProxyHandler.is_allowed(request, CREDENTIALS):
            raise TooManyAttempts(throttling.locked_out_message())
        found = services.authenticate(token.strip())
        if found is None:
            user_login_failed.send(sender=TokenAuth, credentials=CREDENTIALS, request=request)
        return found


def caller(request: HttpRequest) -> Caller:
    """The authenticated caller of this request (set by ``TokenAuth``)."""
    return request.auth  # type: ignore[attr-defined]
