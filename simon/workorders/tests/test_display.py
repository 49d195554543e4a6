"""How hours and quantities are written: the Dutch way, with a comma."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from simon.workorders.templatetags.workorder_tags import hours, quantity


@pytest.mark.parametrize(
    ("minutes", "shown"), [(120, "2,00"), (15, "0,25"), (20, "0,33"), (0, "0,00"), (None, "0,00")]
)
def test_hours_have_two_decimals_and_a_comma(minutes, shown):
    with translation.override("nl"):
        assert hours(minutes) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1.500", "1,5"), ("2.000", "2"), ("100", "100"), ("0.125", "0,125"), (None, "")],
)
def test_quantities_drop_trailing_zeros(value, shown):
    with translation.override("nl"):
        assert quantity(None if value is None else Decimal(value)) == shown


def test_english_uses_a_point():
    with translation.override("en"):
        assert (hours(15), quantity(Decimal("1.500"))) == ("0.25", "1.5")
