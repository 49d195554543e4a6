"""Money as the Dutch write it: '€ 12,50', '€ 1.234,50', '€ 0,035'."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

NBSP = "\u00a0"


def price_places(value: Decimal) -> int:
    """Cents always; up to four places for prices per piece of small parts (4 in the model)."""
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 2
    return max(2, min(4, places))


def format_amount(value: Decimal | None) -> str:
    """'1.234,50' in Dutch (the active language's separators), '' for no price."""
    if value is None:
        return ""
    value = Decimal(value)
    return number_format(value, price_places(value), use_l10n=True, force_grouping=True)


@register.filter
def euro(value: Decimal | None) -> str:
    """'€ 12,50'; an empty string when there is no price."""
    amount = format_amount(value)
    return f"€{NBSP}{amount}" if amount else ""
