"""Showing work order values the Dutch way: hours with a comma, names, status badges."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.html import format_html

from simon.workorders.services import minutes_to_hours

register = template.Library()


@register.filter
def hours(minutes: Any) -> str:
    """120 -> '2,00' (in Dutch): hours as the Decimal the sales order will carry, 2 decimals."""
    return floatformat(minutes_to_hours(int(minutes or 0)), 2)


@register.filter
def quantity(value: Decimal | None) -> str:
    """Decimal('1.500') -> '1,5', Decimal('2.000') -> '2': no trailing zeros, the locale's
    decimal separator (floatformat cannot: -3 gives '1,500')."""
    if value is None:
        return ""
    exact = Decimal(value).normalize()
    exponent = exact.as_tuple().exponent  # an int for a finite number
    if isinstance(exponent, int) and exponent > 0:  # 1E+2 -> 100
        exact = exact.quantize(Decimal(1))
    return formats.number_format(exact)


@register.filter
def person(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


@register.simple_tag
def status_badge(work_order: Any) -> str:
    return format_html(
        '<span class="badge status-{}">{}</span>',
        work_order.status,
        work_order.get_status_display(),
    )
