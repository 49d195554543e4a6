from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldAppConfig(AppConfig):
    name = "simon.fieldapp"
    label = "fieldapp"
    verbose_name = _("Veld-app")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from simon.fieldapp import services

        user_logged_out.connect(services.on_logout, dispatch_uid="fieldapp-revoke-tokens")
