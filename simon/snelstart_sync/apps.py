from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnelstartSyncConfig(AppConfig):
    name = "simon.snelstart_sync"
    label = "snelstart_sync"
    verbose_name = _("SnelStart-koppeling")

    def ready(self) -> None:
        from simon.lib.external import register_policy
        from simon.snelstart_sync.policy import snelstart_manages

        register_policy(snelstart_manages)
