"""The columns of master data that an accounting system may lead (S3–S5).

Customers, work addresses, article groups and articles are made in Simon or mirrored from
SnelStart. They carry where they came from and whether users still see them, so that the
clean-up can hide rows SnelStart no longer has (never delete them: work orders refer to them).
Rows with their own record in SnelStart also carry its id, unique per organization.

Abstract models only: every concrete model keeps its own table and column names, so moving a
column here changes no schema. Nothing here knows the integration (core apps never import
``simon.snelstart_sync``); the integration fills these columns through the core's models.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simon.lib.choices import Source


class Mirrored(models.Model):
    """Where the row came from, and whether pickers and lists show it."""

    source = models.CharField(
        _("herkomst"), max_length=20, choices=Source.choices, default=Source.LOCAL
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        abstract = True


class MirroredById(Mirrored):
    """A mirrored row that is one record in SnelStart: upserts find it by that record's id.

    The concrete model needs an ``organization`` field; its ``Meta`` must extend
    ``MirroredById.Meta.constraints`` when it declares constraints of its own.
    """

    snelstart_id = models.UUIDField(_("SnelStart-id"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        constraints = [
            # '%(class)s' keeps the names the tables already have ('customer_unique_…').
            models.UniqueConstraint(
                fields=["organization", "snelstart_id"],
                condition=Q(snelstart_id__isnull=False),
                name="%(class)s_unique_snelstart_id",
            ),
        ]
