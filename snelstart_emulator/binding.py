"""Case-insensitive request-body binding with ASP.NET-like conversions.

Newtonsoft binds JSON keys to C# properties ignoring case (the official .NET client posts
PascalCase), converts numeric strings to numbers ("121.00" → 121.0) and ignores unknown keys. A
value that cannot be converted becomes a model-state error (error shape 3), collected for the
whole body before anything is validated.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

from snelstart_emulator.clock import parse_wall

EMPTY_GUID = "00000000-0000-0000-0000-000000000000"
_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")


def parse_guid(text: str) -> str | None:
    """Lower-case hyphenated form of a GUID, None if `text` is not one."""
    try:
        return str(uuid.UUID(text.strip().strip("{}")))
    except (ValueError, AttributeError):
        return None


class Binder:
    """Reads one JSON object; nested binders share the error map."""

    def __init__(
        self, body: dict[str, Any], path: str = "", errors: dict[str, list[str]] | None = None
    ) -> None:
        self._values = {key.lower(): value for key, value in body.items()}
        self._path = path
        self.errors: dict[str, list[str]] = {} if errors is None else errors

    def _where(self, name: str) -> str:
        return f"{self._path}.{name}" if self._path else name

    def _fail(self, name: str, message: str) -> None:
        where = self._where(name)
        self.errors.setdefault(f"model.{where}", []).append(f"{message} Path '{where}'.")

    def has(self, name: str) -> bool:
        return name.lower() in self._values

    def raw(self, name: str) -> Any:
        return self._values.get(name.lower())

    def string(self, name: str) -> str | None:
        value = self.raw(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return str(value)
        self._fail(name, "Unexpected character encountered while parsing value.")
        return None

    def integer(self, name: str) -> int | None:
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, bool):
            self._fail(name, f"Could not convert boolean to integer: {value}.")
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        self._fail(name, f"Could not convert value to integer: {value}.")
        return None

    def decimal(self, name: str) -> float | None:
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, bool):
            self._fail(name, f"Could not convert boolean to decimal: {value}.")
            return None
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, str) and _NUMBER.match(value):
            return float(value)
        self._fail(name, f"Could not convert string to decimal: {value}.")
        return None

    def boolean(self, name: str) -> bool | None:
        value = self.raw(name)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        self._fail(name, f"Could not convert to boolean: {value}.")
        return None

    def enum(self, name: str, allowed: tuple[str, ...]) -> str | None:
        """Enum by name (any case) or by ordinal number, as Newtonsoft's StringEnumConverter."""
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(allowed):
            return allowed[value]
        if isinstance(value, str):
            for option in allowed:
                if option.lower() == value.strip().lower():
                    return option
        self._fail(name, f"Error converting value {value!r} to an enum.")
        return None

    def datetime(self, name: str) -> datetime | None:
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return parse_wall(value)
            except ValueError:
                pass
        self._fail(name, f"Could not convert string to DateTime: {value}.")
        return None

    def guid(self, name: str) -> str | None:
        """A GUID value; the empty GUID counts as absent (the WADL sample sends it)."""
        value = self.raw(name)
        if value is None:
            return None
        parsed = parse_guid(value) if isinstance(value, str) else None
        if parsed is None:
            self._fail(name, f"Error converting value {value!r} to type 'System.Guid'.")
            return None
        return None if parsed == EMPTY_GUID else parsed

    def object(self, name: str) -> Binder | None:
        value = self.raw(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            self._fail(name, "Cannot deserialize the current JSON value into an object.")
            return None
        return Binder(value, self._where(name), self.errors)

    def reference(self, name: str) -> str | None:
        """The `id` of an `{id, uri}` identifier; `uri` is read-only and ignored."""
        inner = self.object(name)
        return inner.guid("id") if inner is not None else None

    def array(self, name: str) -> list[Any] | None:
        value = self.raw(name)
        if value is None:
            return None
        if not isinstance(value, list):
            self._fail(name, "Cannot deserialize the current JSON object into an array.")
            return None
        return value

    def objects(self, name: str) -> list[Binder]:
        """Binders for an array of objects (non-objects become errors)."""
        items = self.array(name) or []
        binders = []
        for index, item in enumerate(items):
            where = self._where(f"{name}[{index}]")
            if isinstance(item, dict):
                binders.append(Binder(item, where, self.errors))
            else:
                self.errors.setdefault(f"model.{where}", []).append(
                    f"Cannot deserialize the current JSON value into an object. Path '{where}'."
                )
        return binders

    def required(self, name: str) -> None:
        """Record the [Required] error ASP.NET gives for an absent or null member."""
        if self.raw(name) is None:
            where = self._where(name)
            self.errors.setdefault(f"model.{where}", []).append(
                f"The {name[0].upper() + name[1:]} field is required."
            )
