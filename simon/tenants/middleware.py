from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from simon.tenants.models import Membership
from simon.tenants.types import TenantRequest

SESSION_KEY = "organization_code"


class ActiveOrganizationMiddleware:
    """Sets ``request.organization`` and ``request.membership`` for the signed-in user.

    The active organization is remembered in the session; a user in several organizations
    switches with the organization switcher. Without a membership both are None.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: TenantRequest) -> HttpResponse:
        request.organization = None
        request.membership = None
        if request.user.is_authenticated:
            memberships = Membership.objects.filter(user=request.user).select_related(
                "organization"
            )
            wanted = request.session.get(SESSION_KEY)
            membership = None
            if wanted:
                membership = memberships.filter(organization__code=wanted).first()
            if membership is None:
                membership = memberships.order_by("organization__name").first()
            if membership is not None:
                request.membership = membership
                request.organization = membership.organization
        return self.get_response(request)


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Every page needs a login, except the token-authenticated field API and static files."""

    exempt_prefixes = ("/api/", "/static/")

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[Any, Any],
    ) -> HttpResponseBase | None:
        if request.path.startswith(self.exempt_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
