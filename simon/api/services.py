"""Making, revoking and checking API tokens. Views, the command and the admin call these."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from simon.api.models import ApiToken
from simon.lib.errors import DomainError
from simon.tenants.membership import membership_of
from simon.tenants.models import Membership, Organization

SECRET_PREFIX = "simon_"
VISIBLE_CHARS = len(SECRET_PREFIX) + 6
MAX_NAME = 100
# Writing last_used on every call would make every read a write; a minute is precise enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenError(DomainError):
    """Making or revoking a token was refused; the message says why, in Dutch."""


@dataclass(frozen=True)
class Caller:
    """Who an API request acts for: the token's user in the token's organization."""

    token: ApiToken
    membership: Membership

    @property
    def user(self) -> Any:
        return self.membership.user

    @property
    def organization(self) -> Organization:
        return self.membership.organization


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(token: ApiToken) -> str:
    """Give an unsaved token a fresh secret (its hash and visible prefix) and return it."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token.prefix = secret[:VISIBLE_CHARS]
    token.token_hash = hash_secret(secret)
    return secret


def create_token(user: Any, organization: Organization, *, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user`` in ``organization`` and its secret (shown once, never stored).

    Raises ApiTokenError when the user is not a member of the organization.
    """
    if membership_of(user, organization) is None:
        raise ApiTokenError(
            _("%(user)s hoort niet bij %(organization)s.")
            % {"user": user, "organization": organization},
            field="organization",
        )
    name = (name or "").strip()
    if len(name) > MAX_NAME:
        raise ApiTokenError(_("Gebruik maximaal %(max)s tekens.") % {"max": MAX_NAME}, field="name")
    token = ApiToken(organization=organization, user=user, name=name)
    secret = issue(token)
    token.save()
    return token, secret


def revoke_token(token: ApiToken) -> ApiToken:
    """Revoke the token from now on; revoking twice keeps the first moment."""
    ApiToken.objects.filter(pk=token.pk, revoked__isnull=True).update(revoked=timezone.now())
    token.refresh_from_db(fields=["revoked"])
    return token


def authenticate(secret: str) -> Caller | None:
    """The caller for a presented secret, or None: unknown, revoked, inactive user, or the
    user is no longer a member of the token's organization (checked on every call, so taking
    away a membership takes away API access at once)."""
    if not secret or not secret.startswith(SECRET_PREFIX):
        return None
    token = (
        ApiToken.objects.filter(token_hash=hash_secret(secret), revoked__isnull=True)
        .select_related("user", "organization")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    membership = (
        Membership.objects.filter(user=token.user, organization=token.organization)
        .select_related("user", "organization")
        .first()
    )
    if membership is None:
        return None
    _touch(token)
    return Caller(token=token, membership=membership)


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
