from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnelstartSyncConfig(AppConfig):
    name = "simon.snelstart_sync"
    label = "snelstart_sync"
    verbose_name = _("SnelStart-koppeling")

    def ready(self) -> None:
        from simon.lib import start_page, work_order_hooks
        from simon.lib.external import register_policy
        from simon.snelstart_sync.policy import snelstart_manages
        from simon.snelstart_sync.push.hooks import SnelStartWorkOrderHooks
        from simon.snelstart_sync.push.intent import on_archived
        from simon.snelstart_sync.start_page import attention
        from simon.workorders.events import work_order_archived

        register_policy(snelstart_manages)
        start_page.register(attention)
        work_order_hooks.register(SnelStartWorkOrderHooks())
        work_order_archived.connect(on_archived, dispatch_uid="snelstart-export-intent")
