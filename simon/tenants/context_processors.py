from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from simon.tenants.models import Membership


def tenant(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    memberships: list[Membership] = []
    if user is not None and user.is_authenticated:
        memberships = list(Membership.objects.filter(user=user).select_related("organization"))
    return {
        "organization": getattr(request, "organization", None),
        "membership": getattr(request, "membership", None),
        "memberships": memberships,
    }
