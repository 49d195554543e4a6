"""Schema validation errors (pydantic's, in English) as Dutch messages with the field's name."""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from simon.lib.dates import FIRST_DAY, LAST_DAY

# pydantic error type -> message (translated when used); the first matching prefix wins.
_BY_PREFIX: list[tuple[str, str]] = [
    ("missing", gettext_noop("Dit veld is verplicht.")),
    ("extra_forbidden", gettext_noop("Dit veld bestaat niet.")),
    ("string", gettext_noop("Vul een tekst in.")),
    ("int", gettext_noop("Vul een geheel getal in.")),
    ("float", gettext_noop("Vul een getal in.")),
    ("decimal", gettext_noop("Vul een getal in.")),
    ("bool", gettext_noop("Vul true of false in.")),
    ("datetime", gettext_noop("Vul een datum en tijd in (ISO 8601).")),
    ("date", gettext_noop("Vul een datum in als JJJJ-MM-DD.")),
    ("time", gettext_noop("Vul een tijd in als UU:MM.")),
    ("uuid", gettext_noop("Ongeldige code.")),
    ("dict", gettext_noop("Verwacht een object.")),
    ("model", gettext_noop("Verwacht een object.")),
    ("list", gettext_noop("Verwacht een lijst.")),
]


def _message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than"):
        return _("De waarde moet minstens %(min)s zijn.") % {
            "min": ctx.get("ge", ctx.get("gt", ""))
        }
    if kind in ("less_than_equal", "less_than"):
        return _("De waarde mag hoogstens %(max)s zijn.") % {
            "max": ctx.get("le", ctx.get("lt", ""))
        }
    if kind == "date_out_of_range":
        return _("Kies een datum tussen %(first)s en %(last)s.") % {
            "first": date_format(FIRST_DAY, "SHORT_DATE_FORMAT"),
            "last": date_format(LAST_DAY, "SHORT_DATE_FORMAT"),
        }
    if kind == "surrogate_character":
        return _("Deze tekst bevat een ongeldig teken.")
    if kind == "nul_character":
        return _("Gebruik geen NUL-tekens.")
    if kind == "string_too_long":
        return _("Gebruik maximaal %(max)s tekens.") % {"max": ctx.get("max_length", "")}
    if kind in ("literal_error", "enum"):
        return _("Kies een van: %(options)s.") % {"options": ctx.get("expected", "")}
    for prefix, message in _BY_PREFIX:
        if kind.startswith(prefix):
            return _(message)
    return _("Ongeldige waarde.")


def _field(loc: tuple[Any, ...] | list[Any]) -> str | None:
    """('body', 'payload', 'minutes') -> 'minutes'; ('query', 'limit') -> 'limit'.

    The body's parameter name is an implementation detail of the endpoint, not a field the
    client sent, so it is dropped; a missing or non-object body has no field.
    """
    parts = list(loc)
    source = parts.pop(0) if parts else None
    if source == "body" and parts:
        parts.pop(0)
    return ".".join(str(part) for part in parts) or None


def dutch_message(error: dict[str, Any]) -> dict[str, Any]:
    loc = error.get("loc") or ()
    field = _field(loc)
    if field is None and loc and loc[0] == "body":
        return {"field": None, "message": _("Stuur een JSON-object als inhoud.")}
    return {"field": field, "message": _message(error)}
