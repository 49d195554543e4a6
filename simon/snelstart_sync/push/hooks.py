"""The SnelStart integration answers the work order screens (``simon.lib.work_order_hooks``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from simon.snelstart_sync.models import Connection, ExportState, SalesOrderExport
from simon.snelstart_sync.orders_in import take
from simon.snelstart_sync.push import intent, status
from simon.tenants.models import Organization
from simon.workorders.models import WorkOrder

_FILTER_STATES = {
    status.FILTER_PROBLEMS: (ExportState.FAILED, ExportState.SKIPPED),
    status.FILTER_SENDING: (ExportState.PENDING, ExportState.SENDING),
    status.FILTER_SENT: (ExportState.SENT,),
}


class SnelStartWorkOrderHooks:
    def archive_refusal(self, work_order: WorkOrder) -> str | None:
        return intent.archive_refusal(work_order)

    def panel(self, request: HttpRequest, work_order: WorkOrder) -> SafeString:
        from simon.snelstart_sync.views.push import panel_html

        return panel_html(request, work_order)

    def correction_allowed(self, work_order: WorkOrder) -> bool:
        return SalesOrderExport.objects.filter(
            work_order=work_order, state=ExportState.FAILED
        ).exists()

    def list_labels(
        self, organization: Organization, work_orders: Iterable[WorkOrder]
    ) -> dict[int, SafeString]:
        orders = list(work_orders)
        labels = {
            pk: format_html(
                '<span class="badge source-snelstart">{}</span>',
                _("Uit SnelStart-order %(number)s") % {"number": number},
            )
            for pk, number in take.origin_numbers(orders).items()
        }
        archived = [w.pk for w in orders if w.is_archived]
        if not archived:
            return labels
        exports = SalesOrderExport.objects.filter(
            organization=organization, work_order_id__in=archived
        ).select_related("settings_version")
        for export in exports:
            line = status.status_line(export)
            badge = format_html(
                '<span class="badge export-{}" title="{}">SnelStart: {}</span>',
                line.kind,
                line.text,
                line.short,
            )
            origin = labels.get(export.work_order_id)
            labels[export.work_order_id] = (
                format_html("{}<br>{}", origin, badge) if origin else badge
            )
        return labels

    def list_filters(self, organization: Organization) -> list[tuple[str, str]]:
        if not Connection.objects.filter(organization=organization).exists():
            return []
        return [
            (status.FILTER_PROBLEMS, _("SnelStart: niet verstuurd / mislukt")),
            (status.FILTER_SENDING, _("SnelStart: wordt verstuurd")),
            (status.FILTER_SENT, _("SnelStart: verstuurd")),
        ]

    def filter_list(self, queryset: QuerySet[WorkOrder], value: str) -> QuerySet[WorkOrder] | None:
        states = _FILTER_STATES.get(value)
        if states is None:
            return None
        exports = SalesOrderExport.objects.filter(work_order=OuterRef("pk"), state__in=states)
        return queryset.filter(Exists(exports))
