"""Syntax tree of a `$filter` expression."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# EDM type names used for literals and properties.
STRING = "Edm.String"
INT32 = "Edm.Int32"
INT64 = "Edm.Int64"
DECIMAL = "Edm.Decimal"
DOUBLE = "Edm.Double"
SINGLE = "Edm.Single"
BOOLEAN = "Edm.Boolean"
DATETIME = "Edm.DateTime"
DATETIMEOFFSET = "Edm.DateTimeOffset"
TIME = "Edm.Time"
GUID = "Edm.Guid"
NULL = "Null"
NUMERIC = (INT32, INT64, DECIMAL, DOUBLE, SINGLE)


@dataclass(frozen=True)
class Literal:
    value: Any
    edm: str
    position: int


@dataclass(frozen=True)
class Path:
    """`A/B/C`; the first segment may be a lambda range variable."""

    segments: tuple[str, ...]
    position: int


@dataclass(frozen=True)
class Binary:
    op: str  # eq ne gt ge lt le and or add sub mul div mod
    left: Node
    right: Node
    position: int


@dataclass(frozen=True)
class Unary:
    op: str  # not, -
    operand: Node
    position: int


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]
    position: int


@dataclass(frozen=True)
class Lambda:
    kind: str  # any, all
    collection: Path
    variable: str | None
    body: Node | None
    position: int


Node = Literal | Path | Binary | Unary | Call | Lambda
