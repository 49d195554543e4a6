"""The OData v3 canonical functions the filter compiler knows, with their signatures."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from snelstart_emulator.odata import ast

S, INT, B, T = ast.STRING, ast.INT32, ast.BOOLEAN, ast.DATETIME
N = "numeric"

Signature = tuple[tuple[str, ...], str, Callable[..., Any]]


def _substring(text: str, start: int, length: int | None = None) -> str:
    return text[start:] if length is None else text[start : start + length]


FUNCTIONS: dict[str, list[Signature]] = {
    # substringof(needle, haystack): the v3 argument order.
    "substringof": [((S, S), B, lambda needle, haystack: needle in haystack)],
    "startswith": [((S, S), B, lambda text, prefix: text.startswith(prefix))],
    "endswith": [((S, S), B, lambda text, suffix: text.endswith(suffix))],
    "tolower": [((S,), S, lambda text: text.lower())],
    "toupper": [((S,), S, lambda text: text.upper())],
    "trim": [((S,), S, lambda text: text.strip())],
    "length": [((S,), INT, len)],
    "indexof": [((S, S), INT, lambda text, part: text.find(part))],
    "concat": [((S, S), S, lambda a, b: a + b)],
    "substring": [((S, INT), S, _substring), ((S, INT, INT), S, _substring)],
    "year": [((T,), INT, lambda value: value.year)],
    "month": [((T,), INT, lambda value: value.month)],
    "day": [((T,), INT, lambda value: value.day)],
    "hour": [((T,), INT, lambda value: value.hour)],
    "minute": [((T,), INT, lambda value: value.minute)],
    "second": [((T,), INT, lambda value: value.second)],
    "round": [((N,), "same", lambda value: float(round(value)))],
    "floor": [((N,), "same", lambda value: float(math.floor(value)))],
    "ceiling": [((N,), "same", lambda value: float(math.ceil(value)))],
}
