"""Per-user API tokens for the field app (SPEC S6; issue 2 item 7).

A token acts for one user in exactly one of that user's organizations. Only a SHA-256 hash of
the secret is stored: the secret is shown once, when the token is made. A secret of 32 random
bytes needs no slow password hash; the hash only keeps a database leak from being a login.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simon.tenants.models import TenantModel


class ApiToken(TenantModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("gebruiker"),
    )
    name = models.CharField(_("naam"), max_length=100, blank=True)
    # The first characters of the secret, so a user can tell their tokens apart.
    prefix = models.CharField(_("begin van de token"), max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    last_used = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)
    revoked = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or self.user})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked is not None
