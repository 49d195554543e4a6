"""What the operators' command line says and does about sales orders (B4)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import Count

from simon.snelstart_sync.models import ExportState, SalesOrderExport
from simon.snelstart_sync.push import intent
from simon.snelstart_sync.push.status import status_line
from simon.tenants.models import Organization


def export_counts(organization: Organization) -> dict[str, int]:
    counts = dict(
        SalesOrderExport.objects.filter(organization=organization)
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {state: counts.get(state, 0) for state in ExportState.values}


def export_summary(organization: Organization) -> str:
    parts = ", ".join(f"{n} {state}" for state, n in export_counts(organization).items())
    return f"sales orders: {parts}"


def resend(number: str, organization_code: str | None = None) -> str:
    """Resend one work order's sales order; raises CommandError with the reason when it cannot."""
    exports = SalesOrderExport.objects.select_related("work_order", "organization").filter(
        work_order__number=number
    )
    if organization_code:
        exports = exports.filter(organization__code=organization_code)
    found = list(exports[:2])
    if not found:
        raise CommandError(f"no archived work order {number} with a sales order export")
    if len(found) > 1:
        raise CommandError(f"work order {number} exists in several organizations; pass --org")
    export = found[0]
    try:
        export = intent.resend(export, by=None)
    except intent.ResendRefused as refusal:
        raise CommandError(f"{number}: {refusal.message}") from None
    return f"{export.organization.name} {number}: {status_line(export).text}"
