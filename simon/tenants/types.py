"""The types a view and a service speak in: the user, and a request as the middleware leaves it.

``HttpRequest`` does not know what our middleware adds to it. A view behind
``member_required`` (or ``office_required``/``admin_required``) takes a ``MemberRequest``: the
decorator has made sure the user is signed in and a member, so ``organization`` and
``membership`` are set. Other views take a ``SignedInRequest`` (or, before the login check,
a ``TenantRequest``), where both may be None.
These classes only describe the request; Django still passes its own request object.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from simon.tenants.models import Membership, Organization

__all__ = ["MemberRequest", "SignedInRequest", "TenantRequest", "User"]


class TenantRequest(HttpRequest):
    """A request after ``ActiveOrganizationMiddleware`` and django-htmx's middleware."""

    organization: Organization | None
    membership: Membership | None
    htmx: HtmxDetails


class SignedInRequest(TenantRequest):
    """A request that ``LoginRequiredMiddleware`` let through: every page but the exempt ones."""

    user: User


class MemberRequest(HttpRequest):
    """A request of a signed-in member, as a view behind ``role_required`` receives it."""

    user: User
    organization: Organization
    membership: Membership
    htmx: HtmxDetails
