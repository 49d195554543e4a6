"""Bearer tokens from a koppelsleutel (CONTRACT §2.2).

``POST {token_url}`` with the form ``grant_type=clientkey&clientkey=<koppelsleutel>`` (no
subscription key, no Authorization header) answers ``{"access_token", "token_type",
"expires_in": 3599}``. There is no refresh token; a new token is requested when the cached one
is within :data:`RENEW_MARGIN_SECONDS` of expiry or when the API answers 401.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable

import httpx

from snelstart.error_bodies import parse_error_body
from snelstart.errors import AuthenticationError, MalformedResponseError, RequestError

#: Renew this long before ``expires_in`` runs out (TS and SCHAKL clients use 60 s).
RENEW_MARGIN_SECONDS = 60.0
TOKEN_ENDPOINT = "token"

#: Sends the token request (through the client's retry loop) and returns the final response.
TokenSender = Callable[[dict[str, str]], httpx.Response]


class TokenCache:
    """Tokens shared by several clients of one process (keyed by a hash of the koppelsleutel).

    A client lives for one sync; without a shared cache every sync would ask for a new token,
    once a minute per administration, although a token lasts an hour.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[str, float]] = {}

    @staticmethod
    def key(token_url: str, client_key: str) -> str:
        return hashlib.sha256(f"{token_url}\n{client_key}".encode()).hexdigest()

    def get(self, key: str) -> tuple[str, float] | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: str, token: str, renew_at: float) -> None:
        with self._lock:
            self._entries[key] = (token, renew_at)

    def drop(self, key: str, token: str) -> None:
        with self._lock:
            if self._entries.get(key, ("", 0.0))[0] == token:
                del self._entries[key]


class TokenProvider:
    """Caches one bearer token; safe to share between threads.

    Fetching happens while holding the lock, so when many threads find the token expired only
    one request goes to the token endpoint and the others reuse its result.
    """

    def __init__(
        self,
        client_key: str,
        send: TokenSender,
        clock: Callable[[], float],
        cache: TokenCache | None = None,
        cache_key: str = "",
    ) -> None:
        self._client_key = client_key
        self._send = send
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._renew_at = 0.0
        self._cache = cache
        self._cache_key = cache_key

    def __repr__(self) -> str:  # never show the koppelsleutel or the token
        return f"<TokenProvider cached={self._token is not None}>"

    def token(self) -> str:
        """A valid token, from the cache when it is not close to expiry."""
        with self._lock:
            if self._token is None or self._clock() >= self._renew_at:
                shared = self._cache.get(self._cache_key) if self._cache else None
                if shared is not None and self._clock() < shared[1]:
                    self._token, self._renew_at = shared
                else:
                    self._fetch()
            assert self._token is not None
            return self._token

    def renew(self, rejected: str) -> str:
        """A new token after the API refused ``rejected``.

        If another thread has already replaced that token, its replacement is returned instead of
        fetching yet another one.
        """
        with self._lock:
            if self._token is None or self._token == rejected:
                if self._cache is not None:
                    self._cache.drop(self._cache_key, rejected)
                self._fetch()
            assert self._token is not None
            return self._token

    def _fetch(self) -> None:
        started = self._clock()
        response = self._send({"grant_type": "clientkey", "clientkey": self._client_key})
        if response.status_code in (400, 401):
            parsed = parse_error_body(response.text)
            raise AuthenticationError(
                "SnelStart refused the koppelsleutel (client key): the token endpoint answered "
                f"{response.status_code} ({parsed.message}). Check that the koppelsleutel is "
                "complete and that the koppeling is still active in SnelStart.",
                credential="koppelsleutel",
                status=response.status_code,
                method="POST",
                endpoint=TOKEN_ENDPOINT,
                body=response.text,
            )
        if not response.is_success:
            parsed = parse_error_body(response.text)
            raise RequestError(
                f"The token endpoint answered {response.status_code}: {parsed.message}",
                status=response.status_code,
                method="POST",
                endpoint=TOKEN_ENDPOINT,
                body=response.text,
            )
        try:
            body = json.loads(response.text)
            token = body["access_token"]
            expires_in = float(body.get("expires_in", 0))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            # The body may contain a token: do not put it in the error.
            raise MalformedResponseError(
                f"The token endpoint's answer could not be read ({type(exc).__name__}).",
                status=response.status_code,
                method="POST",
                endpoint=TOKEN_ENDPOINT,
            ) from None
        if not isinstance(token, str) or not token:
            raise MalformedResponseError(
                "The token endpoint answered without an access_token.",
                status=response.status_code,
                method="POST",
                endpoint=TOKEN_ENDPOINT,
            )
        # A lifetime shorter than twice the margin (only seen in tests) keeps half of it.
        margin = min(RENEW_MARGIN_SECONDS, expires_in / 2)
        self._token = token
        self._renew_at = started + expires_in - margin
        if self._cache is not None:
            self._cache.put(self._cache_key, token, self._renew_at)
