"""The planning board: who works on what, per employee per day (SPEC S6).

Read-only. The board lists every member of the organization as a row (office staff can be
planned too: 'plan deze werkbon in voor jezelf of voor een collega'), one cell per day, and the
open work orders that have no planning yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model

from simon.tenants.models import Organization
from simon.workorders.models import Assignment, WorkOrder, WorkOrderStatus

MAX_UNPLANNED = 50


@dataclass(frozen=True)
class BoardCell:
    day: date
    work_orders: tuple[WorkOrder, ...]


@dataclass(frozen=True)
class BoardRow:
    employee: Any
    cells: tuple[BoardCell, ...]


@dataclass(frozen=True)
class Board:
    days: tuple[date, ...]
    rows: tuple[BoardRow, ...]
    unplanned: tuple[WorkOrder, ...]
    unplanned_total: int


def week_start(day: date) -> date:
    """The Monday of ``day``'s week (Dutch weeks start on Monday)."""
    return day - timedelta(days=day.weekday())


def _by_time(work_order: WorkOrder) -> tuple[time, str]:
    # Orders without a start time come first: 'sometime that day' is planned around the others.
    return (work_order.planned_start or time.min, work_order.number)


def planning_board(organization: Organization, first_day: date, days: int) -> Board:
    """The board for ``days`` days from ``first_day``; cells sorted by start time."""
    span = tuple(first_day + timedelta(days=n) for n in range(days))
    employees = list(
        get_user_model()
        .objects.filter(memberships__organization=organization, is_active=True)
        .order_by("first_name", "last_name", "username")
    )
    planned = {
        wo.pk: wo
        for wo in WorkOrder.objects.filter(
            organization=organization, planned_date__gte=span[0], planned_date__lte=span[-1]
        ).select_related("customer", "work_address")
    }
    cells: dict[tuple[int, date | None], list[WorkOrder]] = defaultdict(list)
    for user_id, work_order_id in Assignment.objects.filter(work_order_id__in=planned).values_list(
        "user_id", "work_order_id"
    ):
        work_order = planned[work_order_id]
        cells[(user_id, work_order.planned_date)].append(work_order)
    rows = tuple(
        BoardRow(
            employee=user,
            cells=tuple(
                BoardCell(day, tuple(sorted(cells[(user.pk, day)], key=_by_time))) for day in span
            ),
        )
        for user in employees
    )
    unplanned = WorkOrder.objects.filter(
        organization=organization, status=WorkOrderStatus.OPEN
    ).select_related("customer")
    return Board(
        days=span,
        rows=rows,
        unplanned=tuple(unplanned[:MAX_UNPLANNED]),
        unplanned_total=unplanned.count(),
    )
