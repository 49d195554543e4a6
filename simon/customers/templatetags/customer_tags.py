"""Small display helpers for customers and work addresses."""

from __future__ import annotations

from django import template

from simon.customers.models import AddressFields, format_address

register = template.Library()


@register.filter
def street_line(address: AddressFields) -> str:
    """'Dorpsstraat 12A, 3511 AB': the address without the city, for a list's own city column."""
    return format_address(
        address.street,
        address.house_number,
        address.house_number_addition,
        address.postcode,
        "",
        "NL",
    )
