"""Base classes shared by all SnelStart models (see :mod:`snelstart.models` for conventions)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    PlainSerializer,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
)
from pydantic.alias_generators import to_camel

from snelstart.dates import format_snelstart_datetime
from snelstart.jsonvalues import dumps

#: A GUID as SnelStart writes it (``"d691991a-9c3c-45d0-b6d0-aae11727e981"``), as a UUID.
#: pydantic's own UUID validation (in Rust, ~0.2 µs a value) is used: a page of 500 articles
#: carries over a thousand ids, and a Python validator cost ~6 ms of CPU per page.
SnelStartId = Annotated[UUID, PlainSerializer(str, when_used="json")]

#: ``model_dump`` context of a request body: references are written as ``{"id"}`` only.
WRITE_CONTEXT = {"write": True}


class SnelStartModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")

    def to_payload(self) -> dict[str, Any]:
        """The request body: SnelStart's names, unset (None) fields left out."""
        return self.model_dump(by_alias=True, exclude_none=True)

    def to_write_payload(self) -> dict[str, Any]:
        """The body of a create or update: :meth:`to_payload`, except that every nested reference
        carries only its ``id`` (``uri`` is read-only, CONTRACT §1), also when the model was read
        from SnelStart and is written back."""
        return self.model_dump(by_alias=True, exclude_none=True, context=WRITE_CONTEXT)

    def to_json(self) -> bytes:
        """:meth:`to_payload` as JSON bytes, Decimals as exact JSON numbers."""
        return dumps(self.to_payload())


class Identifier(SnelStartModel):
    """A reference ``{"id", "uri"}``; only ``id`` matters when writing (``uri`` is read-only)."""

    id: SnelStartId | None = None
    uri: str | None = None

    @model_serializer(mode="wrap")
    def _only_id_when_writing(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        data = handler(self)
        if info.context == WRITE_CONTEXT and isinstance(data, dict):
            return {key: value for key, value in data.items() if key == "id"}
        return data


class Record(SnelStartModel):
    """A top-level object with ``id``, ``uri`` and, for most, ``modifiedOn``."""

    id: SnelStartId | None = None
    uri: str | None = None

    @property
    def modified_on_text(self) -> str | None:
        """``modifiedOn`` exactly as SnelStart wrote it (for cursors), or None.

        The parsed value keeps the server's text (:class:`~snelstart.dates.WallClockDateTime`):
        it may carry a 7th fraction digit that ``datetime`` drops, and a sync cursor must be the
        server's own text. A value set in Python is formatted as SnelStart writes it.
        """
        value = getattr(self, "modified_on", None)
        if value is None:
            return None
        text = getattr(value, "text", None)
        return text if isinstance(text, str) else format_snelstart_datetime(value)
