"""The versioned settings: the newest saved version applies from the moment it was saved."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from simon.snelstart_sync.models import IntegrationSettings, Stream, StreamCursor
from simon.tenants.models import Organization


def current(organization: Organization) -> IntegrationSettings | None:
    return (
        IntegrationSettings.objects.filter(organization=organization).order_by("-version").first()
    )


def save_version(
    organization: Organization, *, by: Any, values: dict[str, Any]
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
        saved = IntegrationSettings.objects.create(
            organization=organization, version=number, created_by=by, **values
        )
        if previous is None or sorted(previous.article_groups) != sorted(saved.article_groups):
            StreamCursor.objects.filter(organization=organization, stream=Stream.ARTICLES).delete()
    return saved
