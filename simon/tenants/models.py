"""The tenant (Organization), its members (Membership) and the base of tenant-owned rows."""

from __future__ import annotations

from typing import Any, Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simon.lib.ids import uuid7


class Role(models.TextChoices):
    BEHEERDER = "beheerder", _("Beheerder")
    KANTOOR = "kantoor", _("Kantoor")
    MONTEUR = "monteur", _("Monteur")


class Organization(models.Model):
    code = models.UUIDField(default=uuid7, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=100)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MONTEUR)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.BEHEERDER

    @property
    def is_office(self) -> bool:
        """Admins can do everything the office can."""
        return self.role in (Role.BEHEERDER, Role.KANTOOR)


_M = TypeVar("_M", bound=models.Model)


class TenantQuerySet(models.QuerySet[_M]):
    def for_org(self, organization: Organization) -> Self:
        return self.filter(organization=organization)


def organization_field(*, db_index: bool = True) -> models.ForeignKey[Any]:
    """The ``organization`` of a tenant-owned row. A model whose composite indexes all start
    with the organization passes ``db_index=False``: a separate index on it alone would only
    cost a B-tree update on every insert (100,000 of them in a first import)."""
    return models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", db_index=db_index
    )


class TenantModel(models.Model):
    """Base of every tenant-owned row: a non-null organization and an opaque public code."""

    organization = organization_field()
    code = models.UUIDField(default=uuid7, unique=True, editable=False)

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True
