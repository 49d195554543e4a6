"""The SnelStart panel of a work order (B1, B2) and 'Opnieuw versturen' (S22).

The panel is rendered into the work order page through ``simon.lib.work_order_hooks``; while an
order is on its way the panel reloads itself every two seconds, so the office sees the order
number appear without reloading the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simon.snelstart_sync.models import (
    Connection,
    Kind,
    LogMessage,
    SalesOrderExport,
    State,
    Table,
)
from simon.snelstart_sync.orders_in import take
from simon.snelstart_sync.push import intent, status
from simon.snelstart_sync.push.preview import preview
from simon.tenants.scoping import get_for_request, office_required
from simon.tenants.types import MemberRequest
from simon.workorders.models import WorkOrder, WorkOrderStatus

HISTORY_LIMIT = 50


def _history(export: SalesOrderExport) -> dict[str, Any]:
    work_order = export.work_order
    return {
        "attempts": list(export.attempt_rows.order_by("started_at", "id")[:HISTORY_LIMIT]),
        "log": list(
            LogMessage.objects.filter(
                organization_id=work_order.organization_id,
                table=Table.WORK_ORDER,
                record_code=work_order.code,
            ).order_by("created", "id")[:HISTORY_LIMIT]
        ),
    }


def panel_context(request: HttpRequest, work_order: WorkOrder) -> dict[str, Any] | None:
    """None when the panel has nothing to say (no integration, or not for this user)."""
    membership = getattr(request, "membership", None)
    if membership is None or not membership.is_office:
        return None
    connection = Connection.objects.filter(organization_id=work_order.organization_id).first()
    if connection is None:
        return None
    export = (
        SalesOrderExport.objects.select_related("settings_version", "created_by")
        .filter(work_order=work_order)
        .first()
    )
    version = intent.running_settings(work_order.organization_id)
    context: dict[str, Any] = {
        "work_order": work_order,
        "export": export,
        "running": version is not None,
        "kinds": Kind,
        "origin": take.origin_numbers([work_order]).get(work_order.pk),
        "paused": connection.state == State.PAUSED,
    }
    if export is not None:
        export.work_order = work_order
        context["status"] = status.status_line(export)
        context["can_resend"] = version is not None and intent.can_resend(export)
        context["poll"] = export.is_waiting
        context.update(_history(export))
        if version is not None and context["can_resend"]:
            context["preview"] = preview(work_order, version)
        return context
    if work_order.is_archived:
        return None  # archived before the integration was set up: nothing was to be sent
    if version is not None:
        context["preview"] = preview(work_order, version)
        context["completed"] = work_order.status == WorkOrderStatus.COMPLETED
    return context


def panel_html(request: HttpRequest, work_order: WorkOrder) -> SafeString:
    context = panel_context(request, work_order)
    if context is None:
        return SafeString("")
    return SafeString(render_to_string("snelstart_sync/push/_panel.html", context, request))


def _work_order(request: HttpRequest, code: str) -> WorkOrder:
    return get_for_request(
        WorkOrder.objects.select_related("customer", "work_address", "organization"), request, code
    )


@require_GET
@office_required
def panel(request: MemberRequest, code: str) -> HttpResponse:
    """The panel as it is now (htmx polls it while the order is on its way)."""
    return HttpResponse(panel_html(request, _work_order(request, code)))


@require_POST
@office_required
def resend(request: MemberRequest, code: str) -> HttpResponse:
    work_order = _work_order(request, code)
    export = SalesOrderExport.objects.filter(work_order=work_order).first()
    if export is None:
        messages.error(request, _("Deze werkbon hoeft niet naar SnelStart."))
    else:
        try:
            intent.resend(export, by=request.user)
        except intent.ResendRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Werkbon %(number)s wordt opnieuw naar SnelStart gestuurd.")
                % {"number": work_order.number},
            )
    return redirect("workorders:detail", code=work_order.code)
