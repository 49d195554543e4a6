"""The columns every registration the field app books on a work order carries (SPEC B6).

Hours, material lines and filled-in forms are booked from the field, often again after a lost
answer: each row keeps who booked it and when, and the app's own id for it (``client_id``) so
that a replayed request finds the row and gets it back instead of booking twice. The id is
unique per organization.

An abstract model, like ``simon.lib.mirror``: every concrete model keeps its own table and
column names, so this changes no schema. The concrete model needs an ``organization`` field;
its ``Meta`` extends ``Registration.Meta.constraints``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    client_id = models.UUIDField(_("app-id"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        constraints = [
            # '%(class)s' keeps the names the tables already have ('timeentry_…').
            models.UniqueConstraint(
                fields=["organization", "client_id"],
                condition=Q(client_id__isnull=False),
                name="%(class)s_unique_client_id",
            ),
        ]
