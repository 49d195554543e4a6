"""JSON value conventions of SnelStart (CONTRACT §1): zone-less date-times and exact decimals.

* :data:`SnelStartDateTime` – a naive wall-clock :class:`datetime`, parsed leniently and written
  as ``yyyy-MM-ddTHH:mm:ss[.f]`` (never an offset).
* :data:`SnelStartDecimal` – a :class:`Decimal` that is written as a JSON *number*.
* :func:`loads` / :func:`dumps` – JSON with every non-integer number as a :class:`Decimal`, and
  Decimals written digit for digit (``12.50`` stays ``12.50``; no float rounding on the way out).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any
from uuid import UUID

from pydantic import PlainSerializer, ValidatorFunctionWrapHandler, WrapValidator

from snelstart.dates import format_snelstart_datetime, to_snelstart_local, wall_clock_datetime


def _parse_datetime(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    # One Python call per value (this runs for every record of every page): SnelStart's text is
    # parsed here; anything else goes through pydantic's datetime validation, then to wall time.
    if isinstance(value, str):
        return wall_clock_datetime(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return to_snelstart_local(handler(value))


def _decimal_as_number(value: Decimal) -> int | float:
    # For pydantic's own JSON output only; dumps() below writes the exact digits instead.
    return int(value) if value == value.to_integral_value() else float(value)


SnelStartDateTime = Annotated[
    datetime,
    WrapValidator(_parse_datetime),
    PlainSerializer(format_snelstart_datetime, return_type=str, when_used="json"),
]

SnelStartDecimal = Annotated[
    Decimal,
    PlainSerializer(_decimal_as_number, return_type=int | float, when_used="json"),
]


def loads(text: str | bytes) -> Any:
    """Parse JSON keeping fractions exact (``parse_float=Decimal``)."""
    return json.loads(text, parse_float=Decimal)


def _encode(value: Any, out: list[str]) -> None:
    if isinstance(value, Enum):  # before str/int: StrEnum and IntEnum are subclasses of those
        _encode(value.value, out)
    elif value is None or isinstance(value, bool | int | str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot send {value} as a JSON number")
        out.append(format(value, "f"))
    elif isinstance(value, float):
        out.append(json.dumps(value, allow_nan=False))
    elif isinstance(value, datetime):
        out.append(json.dumps(format_snelstart_datetime(value)))
    elif isinstance(value, date):
        out.append(
            json.dumps(format_snelstart_datetime(datetime(value.year, value.month, value.day)))
        )
    elif isinstance(value, UUID):
        out.append(f'"{value}"')
    elif isinstance(value, dict):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(",")
            out.append(json.dumps(str(key), ensure_ascii=False))
            out.append(":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def dumps(value: Any) -> bytes:
    """Encode a request body; Decimals become JSON numbers with exactly their digits."""
    out: list[str] = []
    _encode(value, out)
    return "".join(out).encode("utf-8")
