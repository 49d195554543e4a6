"""``limit``/``offset`` paging for list endpoints: ``{"count": n, "items": [...]}``."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import QuerySet
from ninja import Field, Schema

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
# Far beyond any list here, and small enough for every database's integer (no overflow -> 500).
MAX_OFFSET = 1_000_000


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Hoeveel items (1-100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Hoeveel items overslaan.")


def page(queryset: QuerySet[Any], paging: Paging) -> dict[str, Any]:
    """One page of an ordered queryset and the total count (for 'more' in the app)."""
    items = list(queryset[paging.offset : paging.offset + paging.limit])
    return {"count": queryset.count(), "items": items}


# A search term, not a document: SQLite refuses LIKE patterns past 50,000 bytes.
SEARCH_MAX = 200
SearchText = Annotated[str, Field(max_length=SEARCH_MAX, description="Zoektekst.")]


def searchable(text: str) -> str:
    """Search text without NUL, which PostgreSQL refuses in a query (a 500 otherwise)."""
    return text.replace("\x00", "")
