"""The planning board and the overview's totals annotation."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from simon.testing import DAY
from simon.workorders import services
from simon.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


def test_week_start_is_the_monday():
    assert services.week_start(date(2026, 3, 22)) == date(2026, 3, 16)
    assert services.week_start(DAY) == DAY


def test_the_board_puts_each_order_in_the_cell_of_every_employee_sorted_by_time(
    org_a, alice, bob, dave, customer
):
    late = services.create_work_order(
        org_a, by=alice, customer=customer, planned_date=DAY, planned_start=time(13),
        employees=[bob, dave],
    )  # fmt: skip
    early = services.create_work_order(
        org_a, by=alice, planned_date=DAY, planned_start=time(8), employees=[bob]
    )
    next_day = services.create_work_order(
        org_a, by=alice, planned_date=DAY + timedelta(days=1), employees=[dave]
    )
    later = DAY + timedelta(days=9)
    services.create_work_order(org_a, by=alice, planned_date=later, employees=[bob])
    unplanned = services.create_work_order(org_a, by=alice, description="Offerte")

    board = services.planning_board(org_a, DAY, 7)

    assert board.days[0] == DAY and len(board.days) == 7
    cells = {
        (row.employee.username, cell.day): [wo.number for wo in cell.work_orders]
        for row in board.rows
        for cell in row.cells
        if cell.work_orders
    }
    assert cells == {
        ("bob", DAY): [early.number, late.number],
        ("dave", DAY): [late.number],
        ("dave", DAY + timedelta(days=1)): [next_day.number],
    }
    assert [row.employee.username for row in board.rows] == ["alice", "bob", "dave"]
    assert board.unplanned == (unplanned,)
    assert board.unplanned_total == 1


def test_the_board_shows_nothing_of_another_organization(org_a, org_b, alice, charlie):
    services.create_work_order(org_b, by=charlie, planned_date=DAY, employees=[charlie])
    services.create_work_order(org_b, by=charlie)

    board = services.planning_board(org_a, DAY, 7)

    assert [row.employee.username for row in board.rows] == ["alice"]
    assert all(not cell.work_orders for row in board.rows for cell in row.cells)
    assert board.unplanned == ()


def test_with_totals_sums_per_kind_without_multiplying_rows(planned, bob, article, org_a, alice):
    services.add_time_entry(planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=90)
    services.add_time_entry(planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=30)
    services.add_time_entry(planned, by=bob, employee=bob, kind="reistijd", date=DAY, minutes=15)
    services.add_material(planned, by=bob, article=article, quantity="1,5")
    services.add_material(planned, by=bob, article=article, quantity=2)
    empty = services.create_work_order(org_a, by=alice)

    rows = {wo.pk: wo for wo in services.with_totals(WorkOrder.objects.all())}

    assert (rows[planned.pk].work_minutes, rows[planned.pk].travel_minutes) == (120, 15)
    assert rows[planned.pk].material_count == 2
    assert (rows[empty.pk].work_minutes, rows[empty.pk].travel_minutes) == (0, 0)
    assert rows[empty.pk].material_count == 0
