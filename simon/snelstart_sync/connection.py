"""Making a SnelStart client for an organization's connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx
from django.conf import settings

from simon.snelstart_sync import crypto, quota
from simon.snelstart_sync.models import Connection
from snelstart import SnelStartClient, TokenCache

# A token lasts an hour; every client of this process reuses it instead of asking anew.
TOKENS = TokenCache()


class _SharedTransport(httpx.BaseTransport):
    """One connection pool for every client of this process: a client lives for one sync,
    and without it each sync would open (and, with TLS, handshake) new connections to
    SnelStart. Closing a client leaves the pool open."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: httpx.HTTPTransport | None = None

    def _transport(self) -> httpx.HTTPTransport:
        with self._lock:
            if self._pool is None:
                self._pool = httpx.HTTPTransport(
                    verify=httpx.create_ssl_context(),
                    limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
                )
            return self._pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._transport().handle_request(request)

    def close(self) -> None:
        """Kept open for the next client (see the class docstring)."""


TRANSPORT = _SharedTransport()


class NotConnected(Exception):
    """The organization has no koppelsleutel stored."""


class GuardedLimiter:
    """The administration's call budget, then a check of the caller's own (``before_send``)
    right before every HTTP attempt: a job that lost its claim while it waited for the budget
    raises there and sends nothing."""

    def __init__(
        self,
        budget: quota.Budgets | None,
        before_send: Callable[[], None],
    ) -> None:
        self._budget = budget
        self._before_send = before_send

    def acquire(self) -> None:
        if self._budget is not None:
            self._budget.acquire()
        self._before_send()


def client_for_key(
    client_key: str,
    administration_key: str | None = None,
    *,
    before_send: Callable[[], None] | None = None,
) -> SnelStartClient:
    """A client for this koppelsleutel, sharing the administration's call budget (CONTRACT §10)."""
    budget = quota.limiter(administration_key) if administration_key else None
    return SnelStartClient(
        client_key=client_key,
        subscription_key=settings.SNELSTART_SUBSCRIPTION_KEY or "-",
        token_url=settings.SNELSTART_TOKEN_URL,
        base_url=settings.SNELSTART_BASE_URL,
        rate_limiter=GuardedLimiter(budget, before_send) if before_send else budget,
        transport=TRANSPORT,
        max_attempts=settings.SNELSTART_MAX_ATTEMPTS,
        connect_timeout=settings.SNELSTART_CONNECT_TIMEOUT,
        read_timeout=settings.SNELSTART_READ_TIMEOUT,
        token_cache=TOKENS,
    )


def client_for(
    connection: Connection, *, before_send: Callable[[], None] | None = None
) -> SnelStartClient:
    if not connection.client_key_encrypted:
        raise NotConnected(f"organization {connection.organization_id} has no koppelsleutel")
    key = crypto.decrypt(connection.client_key_encrypted)
    budget_key = str(connection.administration_id or connection.code)
    return client_for_key(key, budget_key, before_send=before_send)
