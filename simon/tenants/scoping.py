"""Tenant scoping in one place: views fetch objects only through these helpers.

An object of another organization is answered with 404, exactly like an object that does not
exist, so codes of other tenants cannot even be probed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse

from simon.tenants.models import Organization, Role

M = TypeVar("M", bound=models.Model)


def scoped(
    model_or_qs: type[M] | models.QuerySet[M], organization: Organization
) -> models.QuerySet[M]:
    qs = model_or_qs._default_manager.all() if isinstance(model_or_qs, type) else model_or_qs
    return qs.filter(organization=organization)


def get_for_org(
    model_or_qs: type[M] | models.QuerySet[M], organization: Organization, code: str | uuid.UUID
) -> M:
    """Return the object with this public code in this organization, or raise Http404."""
    try:
        return scoped(model_or_qs, organization).get(code=code)
    except (models.ObjectDoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def get_for_request(
    model_or_qs: type[M] | models.QuerySet[M], request: HttpRequest, code: str | uuid.UUID
) -> M:
    organization = getattr(request, "organization", None)
    if organization is None:
        raise Http404
    return get_for_org(model_or_qs, organization, code)


def role_required(
    *roles: Role,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Allow the view only for members with one of these roles; others get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = getattr(request, "membership", None)
            if membership is None or membership.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


office_required = role_required(Role.BEHEERDER, Role.KANTOOR)
admin_required = role_required(Role.BEHEERDER)
member_required = role_required(Role.BEHEERDER, Role.KANTOOR, Role.MONTEUR)
