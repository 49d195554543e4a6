"""Making a SnelStart client for an organization's connection."""

from __future__ import annotations

from django.conf import settings

from simon.snelstart_sync import crypto, quota
from simon.snelstart_sync.models import Connection
from snelstart import SnelStartClient, TokenCache

# A token lasts an hour; every client of this process reuses it instead of asking anew.
TOKENS = TokenCache()


class NotConnected(Exception):
    """The organization has no koppelsleutel stored."""


def client_for_key(client_key: str, administration_key: str | None = None) -> SnelStartClient:
    """A client for this koppelsleutel, sharing the administration's call budget (CONTRACT §10)."""
    return SnelStartClient(
        client_key=client_key,
        subscription_key=settings.SNELSTART_SUBSCRIPTION_KEY or "-",
        token_url=settings.SNELSTART_TOKEN_URL,
        base_url=settings.SNELSTART_BASE_URL,
        rate_limiter=quota.limiter(administration_key) if administration_key else None,
        max_attempts=settings.SNELSTART_MAX_ATTEMPTS,
        token_cache=TOKENS,
    )


def client_for(connection: Connection) -> SnelStartClient:
    if not connection.client_key_encrypted:
        raise NotConnected(f"organization {connection.organization_id} has no koppelsleutel")
    key = crypto.decrypt(connection.client_key_encrypted)
    budget_key = str(connection.administration_id or connection.code)
    return client_for_key(key, budget_key)
