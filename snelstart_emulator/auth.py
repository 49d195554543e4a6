"""Koppelsleutel → token, and checks of subscription key, bearer token and scopes.

Tokens are JWT-shaped (HS256 over header.payload with a per-server secret) and carry the
`scopes` claim like the real ones. Expiry is checked against real time (`time.time()`), not the
controllable data clock, and a token of a revoked koppelsleutel is refused at once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from snelstart_emulator.errors import (
    NOT_AUTHORIZED,
    SUBSCRIPTION_INVALID,
    SUBSCRIPTION_MISSING,
    ApiError,
    gateway_error,
    message_error,
)
from snelstart_emulator.state import Administration, ClientKey, Store

# SCHAKL's fake mirrors this wording for a wrong koppelsleutel (exact text UNCONFIRMED).
INVALID_CLIENT_KEY = (
    "GrantType clientkey was found. Parameter clientkey does not contain a valid value"
)


@dataclass(frozen=True)
class AuthContext:
    administration: Administration
    key: ClientKey
    scopes: frozenset[str]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenError(Exception):
    """The token endpoint refuses; `body` is the OAuth-style `{"error": …}` answer."""

    def __init__(self, body: dict[str, str]) -> None:
        super().__init__(body.get("error", ""))
        self.body = body


def _key_from_password(form: dict[str, str]) -> str:
    """The older password grant: username:password is the base64-decoded koppelsleutel."""
    username, password = form.get("username", ""), form.get("password", "")
    return base64.b64encode(f"{username}:{password}".encode()).decode()


def issue_token(store: Store, form: dict[str, str]) -> tuple[dict[str, Any], ClientKey]:
    grant = form.get("grant_type", "")
    if grant == "clientkey":
        key = form.get("clientkey", "")
        if not key:
            raise TokenError(
                {"error": "invalid_request", "error_description": "clientkey is missing"}
            )
    elif grant == "password":
        key = _key_from_password(form)
    else:
        raise TokenError({"error": "unsupported_grant_type"})
    entry = store.client_keys.get(key.strip())
    if entry is None or entry.revoked or entry.administration_id not in store.administrations:
        raise TokenError({"error": INVALID_CLIENT_KEY})
    lifetime = store.settings.token_lifetime_seconds
    now = time.time()
    payload = {
        "iss": "snelstart-emulator",
        "sub": entry.key_id,
        "administratie": entry.administration_id,
        "scopes": " ".join(entry.scopes),
        "iat": int(now),
        "exp": now + lifetime,
        "jti": uuid.uuid4().hex,
    }
    token = _sign(store.token_secret, payload)
    answer = {"access_token": token, "token_type": "bearer", "expires_in": int(lifetime)}
    return answer, entry


def _sign(secret: bytes, payload: dict[str, Any]) -> str:
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    signature = hmac.new(secret, f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{_b64(signature)}"


def _verify(secret: bytes, token: str) -> dict[str, Any] | None:
    parts = token.split(".")
    if len(parts) != 3:
        return None
    expected = hmac.new(secret, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(expected, _unb64(parts[2])):
            return None
        payload = json.loads(_unb64(parts[1]))
    except (ValueError, binascii.Error):
        return None
    return payload if isinstance(payload, dict) else None


def check_subscription(store: Store, headers: dict[str, str], query: dict[str, str]) -> None:
    """APIM's check: header `Ocp-Apim-Subscription-Key` or query `subscription-key`."""
    key = headers.get("ocp-apim-subscription-key") or query.get("subscription-key")
    if not key:
        raise gateway_error(401, SUBSCRIPTION_MISSING)
    if not store.subscription_keys.get(key):
        raise gateway_error(401, SUBSCRIPTION_INVALID)


def authenticate(store: Store, authorization: str | None) -> AuthContext:
    """The bearer token's administration and scopes, or 401."""
    denied = message_error(401, NOT_AUTHORIZED)
    if not authorization:
        raise denied
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise denied
    payload = _verify(store.token_secret, token.strip())
    if payload is None or float(payload.get("exp", 0)) <= time.time():
        raise denied
    entry = store.keys_by_id.get(str(payload.get("sub")))
    admin = store.administrations.get(str(payload.get("administratie")))
    if entry is None or entry.revoked or admin is None or entry.administration_id != admin.id:
        raise denied
    return AuthContext(admin, entry, frozenset(str(payload.get("scopes", "")).split()))


def require_scopes(context: AuthContext | None, *scopes: str) -> AuthContext:
    """403 when the token lacks a scope the operation needs (CONTRACT §2.4)."""
    if context is None:
        raise message_error(401, NOT_AUTHORIZED)
    missing = [scope for scope in scopes if scope not in context.scopes]
    if missing:
        raise ApiError(403, {"Message": f"Required scopes missing: {' '.join(missing)}"})
    return context
