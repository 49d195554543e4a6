"""The office's start page: what needs attention today (issue 14 item 13; the manual's
'Pluk de voordelen'). Work orders to plan, planned today, left behind, to archive, and what the
integrations report (simon.lib.start_page). Each block links to the list that acts on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from simon.lib import start_page
from simon.tenants.scoping import office_required
from simon.tenants.types import MemberRequest
from simon.workorders.models import WorkOrder, WorkOrderStatus
from simon.workorders.permissions import visible_work_orders
from simon.workorders.views.common import membership

SHOWN = 5  # work orders listed per block; the count and the link give the rest


@dataclass(frozen=True)
class Block:
    count: int
    work_orders: list[WorkOrder]
    link: str


def _block(queryset: QuerySet[WorkOrder], link: str) -> Block:
    rows = list(queryset.select_related("customer").prefetch_related("employees")[:SHOWN])
    count = len(rows) if len(rows) < SHOWN else queryset.count()
    return Block(count, rows, link)


@require_GET
@office_required
def start(request: MemberRequest) -> HttpResponse:
    member = membership(request)
    orders = visible_work_orders(member)
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    listing = reverse("workorders:list")
    planning = reverse("workorders:planning")
    context = {
        "today": today,
        "to_plan": _block(
            orders.filter(status=WorkOrderStatus.OPEN, planned_date__isnull=True).order_by(
                "created", "id"
            ),
            f"{listing}?status={WorkOrderStatus.OPEN}",
        ),
        "planned_today": _block(
            orders.filter(
                planned_date=today,
                status__in=(WorkOrderStatus.OPEN, WorkOrderStatus.PLANNED),
            ).order_by("planned_start", "number"),
            planning,
        ),
        "left_behind": _block(
            orders.filter(planned_date__lt=today, status=WorkOrderStatus.PLANNED).order_by(
                "planned_date", "number"
            ),
            f"{listing}?status={WorkOrderStatus.PLANNED}&date_to={yesterday.isoformat()}",
        ),
        "to_archive": _block(
            orders.filter(status=WorkOrderStatus.COMPLETED).order_by("completed_at", "id"),
            f"{listing}?status={WorkOrderStatus.COMPLETED}",
        ),
        "attention": start_page.attention(member),
    }
    return render(request, "workorders/start.html", context)
