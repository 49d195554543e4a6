"""Pagination for list views: a page of the queryset and the query string to keep filters."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 25


def paginate(
    request: HttpRequest, queryset: Any, per_page: int = PER_PAGE
) -> tuple[Page[Any], str]:
    """The requested page (an out-of-range or garbage number gives the nearest valid page) and
    the current query string without ``page``, for the pagination links."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()
