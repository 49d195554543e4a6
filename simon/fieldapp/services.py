"""The phone's token for the field API, tied to the browser session that asked for it.

The field API accepts only bearer tokens (simon/api/auth.py: a session cookie never
authenticates it). The field app's JavaScript, running in a browser that is logged in to
Simon, asks for a token of its own (``POST /veld/toestel/``) and keeps it on the phone, so the
registrations it queued in a dead zone can still be sent when the session has expired. The
token is remembered in the session and revoked when that session logs out: a phone handed to a
colleague holds no working token of its previous user. It is listed under 'API-sleutels' as
'Veld-app', where it can be revoked like any other token.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils.translation import gettext as _

from simon.api import services as tokens
from simon.api.models import ApiToken
from simon.tenants.models import Organization

SESSION_KEY = "fieldapp_token_ids"


def issue_device_token(user: Any, organization: Organization, session: SessionBase) -> str:
    """A new token for this browser session (revoking the one it had) and its secret."""
    revoke_session_tokens(session)
    token, secret = tokens.create_token(user, organization, name=_("Veld-app"))
    session[SESSION_KEY] = [token.pk]
    return secret


def revoke_session_tokens(session: SessionBase) -> int:
    """Revoke the tokens this session asked for; returns how many were still active."""
    ids = session.get(SESSION_KEY) or []
    active = list(ApiToken.objects.filter(pk__in=ids, revoked__isnull=True))
    for token in active:
        tokens.revoke_token(token)
    if ids:
        session[SESSION_KEY] = []
    return len(active)


def on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    # Django sends user_logged_out before it flushes the session.
    if request is not None and hasattr(request, "session"):
        revoke_session_tokens(request.session)
