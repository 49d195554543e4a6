"""Reading work orders: totals for the overview and the sales order, and list filters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from simon.workorders.models import MaterialLine, TimeEntry, TimeKind, WorkOrder

HOURS_STEP = Decimal("0.0001")
_HOURS_STEP_EXPONENT = -4  # of HOURS_STEP


def minutes_to_hours(minutes: int) -> Decimal:
    """Minutes as hours, exact where it terminates: 120 -> Decimal('2'), 15 -> Decimal('0.25').

    Thirds and the like (20 min) are rounded half-up to 4 decimals, Decimal('0.3333'): that is
    finer than a minute (0.0001 h = 0.36 s) and what SnelStart's quantity field keeps. Rounding
    happens once, on the total, so many small entries do not add up rounding errors (S10, S11).
    """
    hours = Decimal(minutes) / Decimal(60)
    exponent = hours.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= _HOURS_STEP_EXPONENT:
        return hours
    return hours.quantize(HOURS_STEP, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class EmployeeMinutes:
    employee_id: int
    name: str
    work_minutes: int
    travel_minutes: int


@dataclass(frozen=True)
class WorkOrderTotals:
    work_minutes: int
    travel_minutes: int
    work_hours: Decimal
    travel_hours: Decimal
    material_lines: int
    per_employee: tuple[EmployeeMinutes, ...]


def totals(work_order: WorkOrder) -> WorkOrderTotals:
    """Work and travel time in minutes and hours, the number of material lines, per employee."""
    rows = (
        work_order.time_entries.values(
            "employee_id",
            "employee__username",
            "employee__first_name",
            "employee__last_name",
            "kind",
        )
        .annotate(minutes=Sum("minutes"))
        .order_by("employee__first_name", "employee__username", "employee_id")
    )
    per: dict[int, dict[str, Any]] = {}
    for row in rows:
        full = f"{row['employee__first_name']} {row['employee__last_name']}".strip()
        entry = per.setdefault(
            row["employee_id"],
            {"name": full or row["employee__username"], TimeKind.WORK: 0, TimeKind.TRAVEL: 0},
        )
        entry[row["kind"]] += row["minutes"]
    work = sum(e[TimeKind.WORK] for e in per.values())
    travel = sum(e[TimeKind.TRAVEL] for e in per.values())
    return WorkOrderTotals(
        work_minutes=work,
        travel_minutes=travel,
        work_hours=minutes_to_hours(work),
        travel_hours=minutes_to_hours(travel),
        material_lines=work_order.material_lines.count(),
        per_employee=tuple(
            EmployeeMinutes(pk, e["name"], e[TimeKind.WORK], e[TimeKind.TRAVEL])
            for pk, e in per.items()
        ),
    )


def filter_work_orders(
    qs: QuerySet[WorkOrder],
    *,
    status: str | Iterable[str] | None = None,
    employee: Any = None,
    date_from: date | None = None,
    date_to: date | None = None,
    customer: Any = None,
    text: str | None = None,
) -> QuerySet[WorkOrder]:
    """Narrow a (scoped) queryset for the overview; start from ``visible_work_orders``.

    ``status``: one value or several; the dates bound the planned date (inclusive); ``text``
    searches number, description, customer name and customer reference, case-insensitively.
    """
    if status:
        statuses = [status] if isinstance(status, str) else list(status)
        qs = qs.filter(status__in=statuses)
    if employee is not None:
        qs = qs.filter(assignments__user=employee)
    if date_from is not None:
        qs = qs.filter(planned_date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(planned_date__lte=date_to)
    if customer is not None:
        qs = qs.filter(customer=customer)
    text = (text or "").strip()
    if text:
        qs = qs.filter(
            Q(number__icontains=text)
            | Q(description__icontains=text)
            | Q(customer__name__icontains=text)
            | Q(customer_reference__icontains=text)
        )
    return qs


def with_totals(qs: QuerySet[WorkOrder]) -> QuerySet[WorkOrder]:
    """Annotate ``work_minutes``, ``travel_minutes`` and ``material_count`` for list pages.

    Subqueries rather than joins: joining time entries and material lines at once would
    multiply the rows and inflate every sum.
    """

    def minutes(kind: str) -> Coalesce:
        per_order = (
            TimeEntry.objects.filter(work_order=OuterRef("pk"), kind=kind)
            .order_by()
            .values("work_order")
            .annotate(total=Sum("minutes"))
            .values("total")
        )
        return Coalesce(Subquery(per_order, output_field=IntegerField()), 0)

    lines = (
        MaterialLine.objects.filter(work_order=OuterRef("pk"))
        .order_by()
        .values("work_order")
        .annotate(total=Count("id"))
        .values("total")
    )
    return qs.annotate(
        work_minutes=minutes(TimeKind.WORK),
        travel_minutes=minutes(TimeKind.TRAVEL),
        material_count=Coalesce(Subquery(lines, output_field=IntegerField()), 0),
    )
