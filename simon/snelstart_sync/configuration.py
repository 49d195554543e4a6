"""The versioned settings: the newest saved version applies from the moment it was saved."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from simon.snelstart_sync.models import IntegrationSettings, Stream, StreamCursor
from simon.tenants.models import Organization
from simon.tenants.types import User


def current(organization: Organization) -> IntegrationSettings | None:
    return (
        IntegrationSettings.objects.filter(organization=organization).order_by("-version").first()
    )


def save_version(
    organization: Organization, *, by: User | None, values: dict[str, Any]
) -> IntegrationSettings:
    """Store the values as the next version. When the chosen article groups change, the
    articles are read again in full at the next sync, so that articles of a newly chosen group
    appear and those of a dropped group disappear."""
    with transaction.atomic():
        previous = current(organization)
        number = (
            IntegrationSettings.objects.filter(organization=organization).aggregate(
                n=Max("version")
            )["n"]
            or 0
        ) + 1
        values = {**values, "pull_orders_since": _pull_orders_since(previous, values)}
        saved = IntegrationSettings.objects.create(
            organization=organization, version=number, created_by=by, **values
        )
        if saved.pull_orders and (previous is None or not previous.pull_orders):
            # Switched on: the sales order stream starts now, not at the administration's start.
            StreamCursor.objects.update_or_create(
                organization=organization,
                stream=Stream.SALES_ORDERS,
                defaults=_fresh_cursor(saved.pull_orders_since),
            )
        if previous is None or sorted(previous.article_groups) != sorted(saved.article_groups):
            StreamCursor.objects.filter(organization=organization, stream=Stream.ARTICLES).delete()
    return saved


def _pull_orders_since(
    previous: IntegrationSettings | None, values: dict[str, Any]
) -> datetime | None:
    """When 'Verkooporders ophalen' was switched on: now, or kept from the version before while
    it stays on; None while it is off."""
    if not values.get("pull_orders"):
        return None
    if previous is not None and previous.pull_orders and previous.pull_orders_since:
        return previous.pull_orders_since
    return timezone.now()


def _fresh_cursor(since: datetime | None) -> dict[str, Any]:
    return {
        "bookmark": since,
        "highest_modified_on": "",
        "run_started_at": None,
        "run_lower_bound": "",
        "run_next_skip": 0,
        "run_highest_seen": "",
        "run_records": 0,
        "run_estimated_total": None,
    }


def sales_order_cursor_ready(settings: IntegrationSettings) -> StreamCursor:
    """The sales order stream's cursor; one that a wipe removed starts again at the switch-on
    moment, never at the beginning of the administration's history."""
    cursor, _created = StreamCursor.objects.get_or_create(
        organization_id=settings.organization_id,
        stream=Stream.SALES_ORDERS,
        defaults=_fresh_cursor(settings.pull_orders_since or timezone.now()),
    )
    return cursor
