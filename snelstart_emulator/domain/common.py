"""Helpers shared by the resources: identifiers, addresses, e-mail settings, rendering, bodies."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from snelstart_emulator.binding import Binder
from snelstart_emulator.collection import Record
from snelstart_emulator.domain.landen import LAND_IDS, NEDERLAND_ID
from snelstart_emulator.errors import ApiError, codes_error, error_item, model_state_error

ADDRESS_KEYS = ("contactpersoon", "straat", "postcode", "plaats", "land")
EMAIL_SETTING_KEYS = ("shouldSend", "email", "ccEmail")
EMPTY_EMAIL_SETTING: dict[str, Any] = {"shouldSend": False, "email": None, "ccEmail": None}
_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")


def ref(kind: str, ident: str | None) -> dict[str, str] | None:
    """An `{id, uri}` identifier; the uri is relative and has no /v2 prefix (CONTRACT §1)."""
    if ident is None:
        return None
    return {"id": ident, "uri": f"/{kind}/{ident}"}


def ref_id(value: dict[str, Any] | None) -> str | None:
    return value.get("id") if value else None


def money(value: float) -> float:
    """Round half away from zero to cents, as accounting software does."""
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# -- request bodies --------------------------------------------------------------------------------
def parse_body(raw: bytes, invalid_code: str = "ALG-0106") -> dict[str, Any]:
    """A JSON object from the request body, or the 400 SnelStart gives for empty/unusable bodies."""
    if not raw.strip():
        raise codes_error("ALG-0106")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise codes_error(invalid_code) from None
    if body is None:
        raise codes_error("ALG-0106")
    if not isinstance(body, dict):
        raise codes_error(invalid_code)
    return body


def finish_binding(binder: Binder) -> None:
    if binder.errors:
        raise model_state_error(binder.errors)


def check_id_for_create(binder: Binder) -> None:
    if binder.guid("id") is not None:
        raise codes_error("ALG-0100")


def check_id_for_update(binder: Binder, url_id: str) -> None:
    body_id = binder.guid("id")
    if body_id is not None and body_id != url_id:
        raise codes_error("ALG-0101")


def raise_if(errors: list[dict[str, Any]]) -> None:
    if errors:
        raise ApiError(400, errors)


# -- addresses -------------------------------------------------------------------------------------
def empty_address() -> dict[str, Any]:
    return dict.fromkeys(ADDRESS_KEYS)


def bind_address(binder: Binder, name: str, default_land: bool) -> dict[str, Any]:
    inner = binder.object(name)
    if inner is None:
        return empty_address()
    address: dict[str, Any] = {key: inner.string(key) for key in ADDRESS_KEYS[:4]}
    land = inner.reference("land")
    if (
        land is None
        and default_land
        and any(address[key] for key in ("straat", "postcode", "plaats"))
    ):
        land = NEDERLAND_ID  # an address without a country is Dutch (SnelStart's default land)
    address["land"] = ref("landen", land)
    return address


def address_errors(
    address: dict[str, Any], codes: tuple[str, str, str, str], land_code: str
) -> list[dict[str, Any]]:
    """Length limits 50/25/50/50 for straat/postcode/plaats/contactpersoon, and a known land."""
    errors = []
    limits = (("straat", 50), ("postcode", 25), ("plaats", 50), ("contactpersoon", 50))
    for (key, limit), code in zip(limits, codes, strict=True):
        if len(address.get(key) or "") > limit:
            errors.append(error_item(code))
    land = ref_id(address.get("land"))
    if land is not None and land not in LAND_IDS:
        errors.append(error_item(land_code))
    return errors


# -- e-mail settings -------------------------------------------------------------------------------
def bind_email_setting(binder: Binder, name: str) -> dict[str, Any]:
    inner = binder.object(name)
    if inner is None:
        return dict(EMPTY_EMAIL_SETTING)
    return {
        "shouldSend": bool(inner.boolean("shouldSend")),
        "email": inner.string("email"),
        "ccEmail": inner.string("ccEmail"),
    }


def valid_email_list(text: str) -> bool:
    parts = [part.strip() for part in text.split(";") if part.strip()]
    return bool(parts) and len(text) <= 250 and all(_EMAIL.match(part) for part in parts)


# -- rendering -------------------------------------------------------------------------------------
Computed = dict[str, Callable[[Record], Any]]


class Renderer:
    """Writes a record's JSON object with the keys in WADL order.

    Calling it gives the object; :meth:`json` gives its JSON text, kept on the record until the
    record changes (its `data` is replaced, never mutated in place, and `modifiedOn` moves on
    every change), so a list page of unchanged records is joined from stored text instead of
    being serialised again on every read. Everything written is a function of the record alone.
    """

    def __init__(self, keys: tuple[str, ...], computed: Computed) -> None:
        self._plan = [(key, computed.get(key)) for key in keys]

    def __call__(self, record: Record) -> dict[str, Any]:
        data = record.data
        return {key: (fn(record) if fn else data.get(key)) for key, fn in self._plan}

    def json(self, record: Record) -> bytes:
        cached = record.json_cache
        if (
            cached is not None
            and cached[0] is self
            and cached[1] is record.data
            and cached[2] == record.modified_text
        ):
            return cached[3]
        text = json_bytes(self(record))
        record.json_cache = (self, record.data, record.modified_text, text)
        return text


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON. A text holding a lone surrogate (which SnelStart, a .NET service,
    stores as it was given) is written with ``\\u`` escapes, as .NET's serializer does, since
    UTF-8 cannot carry it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode()
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":")).encode()


def renderer(keys: tuple[str, ...], computed: Computed) -> Renderer:
    """A function writing a record's JSON with the keys in WADL order."""
    return Renderer(keys, computed)


def standard_computed(kind: str) -> Computed:
    return {
        "id": lambda record: record.id,
        "uri": lambda record: f"/{kind}/{record.id}",
        "modifiedOn": lambda record: record.modified_text,
    }
