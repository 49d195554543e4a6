"""A small builder for SnelStart's OData **v3** ``$filter`` expressions (CONTRACT §3.4, §15).

Every helper returns a plain ``str``, so a hand-written expression can be passed anywhere a built
one can. Rules encoded here:

* property names are the C# (UpperCamelCase) names, e.g. ``ModifiedOn``, ``Naam``,
  ``VestigingsAdres/Land/Id`` – not the lowerCamelCase JSON names;
* v3 literals: ``'text'`` with quotes doubled, ``guid'…'``, ``datetime'yyyy-MM-ddTHH:mm:ss[.f]'``
  (naive wall-clock text, never an offset or ``Z``), bare numbers, ``true``/``false``, ``null``;
* functions are v3 (``substringof``, ``startswith``), not v4 (``contains``).

>>> and_(modified_since("2024-03-01T12:00:00"), relatiesoort_is("Klant"))
"ModifiedOn ge datetime'2024-03-01T12:00:00' and Relatiesoort/any(r:r eq 'Klant')"
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import Enum
from typing import Literal as TypingLiteral
from uuid import UUID

from snelstart.dates import format_snelstart_datetime, parse_snelstart_datetime

FilterValue = str | int | bool | None | UUID | datetime | Enum
Operator = TypingLiteral["eq", "ne", "gt", "ge", "lt", "le"]

_PROPERTY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:/[A-Za-z_][A-Za-z0-9_]*)*$")
_OPERATORS = frozenset({"eq", "ne", "gt", "ge", "lt", "le"})


def property_name(name: str) -> str:
    """Validate a property path such as ``VestigingsAdres/Land/Id`` (no injection through it)."""
    if not _PROPERTY_RE.match(name):
        raise ValueError(f"not an OData property path: {name!r}")
    return name


def string_literal(text: str) -> str:
    """``O'Brien`` → ``'O''Brien'``."""
    return "'" + text.replace("'", "''") + "'"


def datetime_literal(value: datetime | str) -> str:
    """``datetime'2024-03-01T12:00:00.51'``.

    A ``str`` is taken to be SnelStart's own text (e.g. a stored cursor) and is sent unchanged
    after validation, keeping all of its fraction digits. A naive datetime is wall-clock time; an
    aware one is converted to Europe/Amsterdam wall-clock time first.
    """
    if isinstance(value, str):
        text = value.strip()
        parse_snelstart_datetime(text)  # validates
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?", text):
            raise ValueError(f"cursor text must look like yyyy-MM-ddTHH:mm:ss[.f]: {value!r}")
        return f"datetime'{text}'"
    return f"datetime'{format_snelstart_datetime(value)}'"


def literal(value: FilterValue) -> str:
    """The OData v3 literal for a Python value."""
    if value is None:
        return "null"
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, Enum):
        return string_literal(str(value.value))
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, UUID):
        return f"guid'{value}'"
    if isinstance(value, datetime):
        return datetime_literal(value)
    # Decimal/float are left out on purpose: v3 needs type suffixes (M, d) whose acceptance by
    # SnelStart is unconfirmed. Write such a term by hand if needed.
    raise TypeError(f"no OData literal for {type(value).__name__}")


def compare(field: str, operator: Operator, value: FilterValue) -> str:
    if operator not in _OPERATORS:
        raise ValueError(f"unknown OData operator: {operator!r}")
    return f"{property_name(field)} {operator} {literal(value)}"


def eq(field: str, value: FilterValue) -> str:
    """``Naam eq 'O''Brien'``, ``Relatiecode eq 2``, ``IsNonActief eq false``, ``Id eq guid'…'``."""
    return compare(field, "eq", value)


def ne(field: str, value: FilterValue) -> str:
    return compare(field, "ne", value)


def modified_since(value: datetime | str, field: str = "ModifiedOn") -> str:
    """``ModifiedOn ge datetime'…'`` – inclusive, so rows sharing the cursor's time are re-read."""
    return f"{property_name(field)} ge {datetime_literal(value)}"


def contains(field: str, text: str) -> str:
    """``substringof('text',Field) eq true`` (the v3 form of v4's ``contains``)."""
    return f"substringof({string_literal(text)},{property_name(field)}) eq true"


def startswith(field: str, text: str) -> str:
    """``startswith(Field,'text') eq true``."""
    return f"startswith({property_name(field)},{string_literal(text)}) eq true"


def relatiesoort_is(soort: str) -> str:
    """``Relatiesoort/any(r:r eq 'Klant')`` – relatiesoort is an array on the server."""
    return f"Relatiesoort/any(r:r eq {string_literal(soort)})"


def _operands(parts: tuple[str | None, ...]) -> list[str]:
    kept = [p for p in parts if p]
    if not kept:
        raise ValueError("at least one filter expression is needed")
    return kept


def and_(*parts: str | None) -> str:
    """Join with ``and``; ``None``/empty parts are skipped so optional terms are easy.

    No parentheses are added: ``and`` binds tighter than ``or`` and :func:`or_` brackets itself.
    """
    return " and ".join(_operands(parts))


def or_(*parts: str | None) -> str:
    """Join with ``or`` inside parentheses, so the result can be and-ed safely."""
    kept = _operands(parts)
    return kept[0] if len(kept) == 1 else "(" + " or ".join(kept) + ")"


def not_(part: str) -> str:
    return f"not ({part})"


def select(fields: list[str] | tuple[str, ...] | str) -> str:
    """The ``$select`` value: ``Id,Naam``."""
    names = fields.split(",") if isinstance(fields, str) else list(fields)
    return ",".join(property_name(n.strip()) for n in names)
