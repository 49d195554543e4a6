"""Bearer-token authentication: the only way into the API.

Session cookies never authenticate the API: a browser that is logged in to Simon sends its
cookie along with any request a foreign page makes, so accepting it would need CSRF checks;
a bearer token is never sent by the browser on its own.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from simon.api import services
from simon.api.services import Caller


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        return services.authenticate(token.strip())


def caller(request: HttpRequest) -> Caller:
    """The authenticated caller of this request (set by ``TokenAuth``)."""
    return request.auth  # type: ignore[attr-defined, no-any-return]
