"""Apply `$filter`, `$orderby`, `$skip`, `$top` and `$select` to a collection.

Default order is creation order (stable). A filter whose top-level `and` chain bounds ModifiedOn
reads only the index range (then restores creation order), unless the range covers most rows, in
which case a plain scan with early exit is cheaper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from snelstart_emulator.collection import Collection, Record
from snelstart_emulator.config import MAX_TOP
from snelstart_emulator.odata import ast
from snelstart_emulator.odata.compiler import compile_filter
from snelstart_emulator.odata.errors import ODataError
from snelstart_emulator.odata.parser import parse
from snelstart_emulator.odata.schema import Property, StructuredType

_INVALID = "The query specified in the URI is not valid."


class TopTooLarge(Exception):
    """`$top` above 500 while strict mode is on."""


@dataclass(frozen=True)
class ListQuery:
    filter: str | None = None
    orderby: str | None = None
    select: str | None = None
    skip: int = 0
    top: int = MAX_TOP


def read_query(params: Mapping[str, str], strict_top: bool) -> ListQuery:
    """Read the `$`-options (last value wins when an option repeats, as in Web API OData v3)."""
    skip = _non_negative(params.get("$skip"), "$skip", 0)
    top = _non_negative(params.get("$top"), "$top", MAX_TOP)
    if top > MAX_TOP:
        if strict_top:
            raise TopTooLarge()
        top = MAX_TOP
    text = params.get("$filter")
    return ListQuery(
        filter=text if text and text.strip() else None,
        orderby=params.get("$orderby") or None,
        select=params.get("$select") or None,
        skip=skip,
        top=top,
    )


def _non_negative(text: str | None, name: str, default: int) -> int:
    if text is None or text == "":
        return default
    try:
        value = int(text.strip())
    except ValueError:
        value = -1
    if value < 0:
        raise ODataError(
            f"{_INVALID} Invalid value '{text}' for {name} query option found. "
            f"The {name} query option requires a non-negative integer value."
        )
    return value


def run(
    collection: Collection,
    kind: StructuredType,
    query: ListQuery,
    case_insensitive: bool = False,
    unfilterable: frozenset[str] = frozenset(),
) -> tuple[list[Record], list[str] | None]:
    """The page of records and the JSON keys to keep ($select; None = all)."""
    select = _select(query.select, kind, case_insensitive)
    orderings = _orderby(query.orderby, kind, case_insensitive)
    if query.top == 0:
        return [], select
    if query.filter is None and not orderings:
        return collection.slice(query.skip, query.skip + query.top), select
    rows: Iterable[Record] = collection
    if query.filter is not None:
        compiled = compile_filter(query.filter, kind, case_insensitive, unfilterable)
        rows = _candidates(collection, compiled.bounds)
        rows = filter(compiled.predicate, rows)
    if orderings:
        ordered = list(rows)
        for getter, descending in reversed(orderings):
            ordered.sort(key=_sort_key(getter), reverse=descending)
        return ordered[query.skip : query.skip + query.top], select
    return list(islice(rows, query.skip, query.skip + query.top)), select


def _candidates(collection: Collection, bounds: Any) -> Iterable[Record]:
    if bounds is None:
        return collection
    args = (bounds.low, bounds.low_inclusive, bounds.high, bounds.high_inclusive)
    if collection.count_in_range(*args) * 2 > len(collection):
        return collection
    in_range = collection.in_range(*args)
    in_range.sort(key=lambda record: record.seq)
    return in_range


def _sort_key(getter: Callable[[Any], Any]) -> Callable[[Record], Any]:
    # Nulls sort first ascending, as SQL Server sorts them.
    def key(record: Record) -> Any:
        value = getter(record)
        return (0, 0) if value is None else (1, value)

    return key


def _resolve_single(
    text: str, kind: StructuredType, case_insensitive: bool
) -> Callable[[Any], Any]:
    node = parse(text)
    if not isinstance(node, ast.Path):
        raise ODataError(f"{_INVALID} Only properties can be used in $orderby, found '{text}'.")
    current: StructuredType | None = kind
    getters: list[Callable[[Any], Any]] = []
    prop: Property | None = None
    for name in node.segments:
        if current is None or (prop is not None and prop.collection):
            raise ODataError(
                f"Could not find a property named '{name}' on type '{prop.edm if prop else ''}'."
            )
        prop = current.find(name, case_insensitive)
        if prop is None:
            raise ODataError(
                f"Could not find a property named '{name}' on type '{current.clr_name}'."
            )
        getters.append(prop.getter)
        current = prop.complex
    if prop is None or not prop.edm:
        raise ODataError(
            f"{_INVALID} The $orderby expression must evaluate to a single value of primitive type."
        )

    def get(record: Any) -> Any:
        value = record
        for getter in getters:
            if value is None:
                return None
            value = getter(value)
        return value

    return get


def _orderby(
    text: str | None, kind: StructuredType, case_insensitive: bool
) -> list[tuple[Callable[[Any], Any], bool]]:
    if not text:
        return []
    result = []
    for item in text.split(","):
        words = item.split()
        if not words or len(words) > 2 or (len(words) == 2 and words[1] not in ("asc", "desc")):
            raise ODataError(f"{_INVALID} Syntax error in $orderby '{text}'.")
        result.append((_resolve_single(words[0], kind, case_insensitive), words[-1] == "desc"))
    return result


def _select(text: str | None, kind: StructuredType, case_insensitive: bool) -> list[str] | None:
    if not text or text.strip() == "*":
        return None
    keys = []
    for item in text.split(","):
        name = item.strip()
        prop = kind.find(name, case_insensitive)
        if prop is None:
            raise ODataError(f"Could not find a property named '{name}' on type '{kind.clr_name}'.")
        keys.append(prop.json_key)
    return keys


def project(row: dict[str, Any], keys: list[str] | None) -> dict[str, Any]:
    if keys is None:
        return row
    return {key: row[key] for key in keys if key in row}
