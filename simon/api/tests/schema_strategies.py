"""Hypothesis strategies for the JSON Schema subset django-ninja writes into the OpenAPI schema.

Values that satisfy the schema (types, formats, enums, bounds, required keys), so that the fuzz
also gets past validation into the services, mixed with values at the edges of each type (see
``EDGES``); the fuzz adds arbitrary JSON on top.
(hypothesis-jsonschema would do this, but its releases do not follow Hypothesis' internals.)
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from hypothesis import strategies as st

_FORMATS: dict[str, st.SearchStrategy[str]] = {
    "uuid": st.uuids().map(str),
    "date": st.dates(date(1990, 1, 1), date(2110, 12, 31)).map(date.isoformat),
    "time": st.times(time(0, 0), time(23, 59)).map(lambda t: t.strftime("%H:%M")),
    "date-time": st.datetimes().map(lambda d: d.isoformat()),
}


# Values at and past the edges of what a type means, as careless or hostile clients send them:
# offsets and seconds for times, years 1 and 9999, numbers no column holds, non-ASCII digits.
EDGES: dict[str, list[Any]] = {
    "time": ["10:00+05:00", "10:00Z", 36000, "24:00", "1:5", "10:00:00.123456", "٠٨:٣٠"],
    "date": [
        "0001-01-01",
        "9999-12-31",
        20260316,
        "2026-03-16T10:00",
        "2026-W12",
        "１９９９-01-01",
    ],
    "integer": [True, 2**63, -(2**63) - 1, 10**60, "1_000", "١٢", "１２", 1.0, 1e308],
    "number": [1e308, -1e308, 10**60, "1e999999", "1_000", "١٢", "NaN", "Infinity", True],
    "string": ["\x00", "\ud800", "a" * 100_000, "<script>alert(1)</script>", "\u202e"],
}


def _with_edges(strategy: st.SearchStrategy[Any], kind: str) -> st.SearchStrategy[Any]:
    return strategy | st.sampled_from(EDGES[kind]) if kind in EDGES else strategy  # half each


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema:
        return st.one_of([from_schema(option) for option in schema["anyOf"]])
    kind = schema.get("type")
    if kind == "string":
        if schema.get("format") in _FORMATS:
            return _with_edges(_FORMATS[schema["format"]], schema["format"])
        return _with_edges(st.text(max_size=min(schema.get("maxLength", 60), 60)), "string")
    if kind == "integer":
        return _with_edges(st.integers(schema.get("minimum"), schema.get("maximum")), "integer")
    if kind == "number":
        numbers = st.floats(allow_nan=False, allow_infinity=False) | st.integers()
        return _with_edges(numbers, "number")
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {})), max_size=3)
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        fixed = {k: from_schema(v) for k, v in properties.items() if k in required}
        optional = {k: from_schema(v) for k, v in properties.items() if k not in required}
        if not properties and schema.get("additionalProperties", True):
            return st.dictionaries(st.text(max_size=10), _any_json(), max_size=3)
        return st.fixed_dictionaries(fixed, optional=optional)
    return _any_json()


def _any_json() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=5,
    )
