"""Article groups (artikelgroepen) and articles (artikelen), SPEC S2, S5, S12."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from simon.lib.mirror import MirroredById
from simon.tenants.models import TenantModel, TenantQuerySet, organization_field


class ActiveQuerySet(TenantQuerySet):
    def visible(self) -> ActiveQuerySet:
        """What pickers and lists show; hidden rows stay only for the work orders' sake."""
        return self.filter(active=True)


class ArticleGroup(MirroredById, TenantModel):
    """SnelStart's 'artikelomzetgroep'; the settings choose groups by name (case-sensitive)."""

    name = models.CharField(_("naam"), max_length=100)
    number = models.IntegerField(_("nummer"), null=True, blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta(MirroredById.Meta):
        verbose_name = _("artikelgroep")
        verbose_name_plural = _("artikelgroepen")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Article(MirroredById, TenantModel):
    organization = organization_field(db_index=False)  # see Meta.indexes
    # Not ``code``: that is the opaque public code every tenant-owned row has.
    article_code = models.CharField(_("artikelcode"), max_length=50)
    description = models.CharField(_("omschrijving"), max_length=250)
    unit = models.CharField(_("eenheid"), max_length=20, blank=True)
    # Shown for information only: SnelStart's prices apply on the sales order (S21).
    sales_price = models.DecimalField(
        _("verkoopprijs"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    group = models.ForeignKey(
        ArticleGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("artikelgroep"),
    )
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    modified = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ActiveQuerySet.as_manager()

    class Meta(MirroredById.Meta):
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")
        ordering = ["article_code", "id"]
        indexes = [models.Index(fields=["organization", "article_code"])]

    def __str__(self) -> str:
        return f"{self.article_code} {self.description}"
