"""Totals in Decimal: what the sales order lines are built from (S10, S11)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simon.testing import DAY
from simon.workorders import services
from simon.workorders.models import TimeKind


@pytest.mark.django_db
def test_totals_in_decimal_hours(planned, bob, dave, karin, article):
    services.plan_work_order(planned, by=karin, date=DAY, employees=[bob, dave])
    for employee, kind, minutes in [
        (bob, TimeKind.WORK, 90),
        (dave, TimeKind.WORK, 30),
        (bob, TimeKind.TRAVEL, 15),
    ]:
        services.add_time_entry(
            planned, by=karin, employee=employee, kind=kind, date=DAY, minutes=minutes
        )
    services.add_material(planned, by=bob, article=article, quantity=2)

    result = services.totals(planned)

    assert (result.work_minutes, result.travel_minutes) == (120, 15)
    assert result.work_hours == Decimal("2")
    assert str(result.work_hours) == "2"
    assert str(result.travel_hours) == "0.25"
    assert result.material_lines == 1
    assert [(e.name, e.work_minutes, e.travel_minutes) for e in result.per_employee] == [
        ("Bob", 90, 15),
        ("Dave", 30, 0),
    ]


@pytest.mark.django_db
def test_an_order_without_time_has_zero_totals(planned):
    result = services.totals(planned)

    assert (result.work_hours, result.travel_hours, result.per_employee) == (
        Decimal(0),
        Decimal(0),
        (),
    )


@pytest.mark.parametrize(
    ("minutes", "hours"),
    [(120, "2"), (15, "0.25"), (90, "1.5"), (20, "0.3333"), (40, "0.6667"), (1, "0.0167")],
)
def test_minutes_to_hours(minutes, hours):
    assert str(services.minutes_to_hours(minutes)) == hours


@given(st.integers(min_value=0, max_value=10**7))
def test_hours_are_never_more_than_half_a_ten_thousandth_off(minutes):
    hours = services.minutes_to_hours(minutes)

    assert abs(hours * 60 - minutes) <= Decimal("0.003")
    assert int(hours.as_tuple().exponent) >= -4
