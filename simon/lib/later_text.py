"""Text stored now and read later, in the reader's language (issue 14).

A log line is written by a worker in Dutch; an English reader must see it in English. ``later``
translates right away and is a ``str``, so it goes wherever text goes (``%``, joins, tests),
but it remembers its msgid and parameters. ``to_json`` keeps those in a JSON column and
``render`` translates them again when the row is shown, in the language active then.

Call sites mark the msgid with ``gettext_noop`` so `make messages` finds it::

    later(gettext_noop("Werkbon %(number)s is verstuurd."), number=work_order.number)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext

JSONValue = None | bool | int | float | str | list[Any] | dict[str, Any]


class Later(str):
    """A translated text that can be translated again later; see the module docstring."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, /, **params: Any) -> Later:
        text = super().__new__(cls, _format(gettext(msgid), params))
        text.msgid = msgid
        text.params = params
        return text

    def __reduce__(self) -> tuple[Any, ...]:  # pickled into Huey jobs and caches
        return (_rebuild, (self.msgid, self.params))


def _rebuild(msgid: str, params: dict[str, Any]) -> Later:
    return Later(msgid, **params)


later = Later


def _format(template: str, params: dict[str, Any]) -> str:
    if not params:
        return template
    # A list parameter is several sentences (one per problem), shown one after the other.
    flat = {k: " ".join(map(str, v)) if isinstance(v, list) else v for k, v in params.items()}
    return template % flat


def _same(text: str) -> str:
    return text


def to_json(
    text: str | list[str], clean: Callable[[str], str] = _same
) -> dict[str, Any] | list[Any] | None:
    """What ``render`` needs to translate ``text`` again; None for a text that is not ``later``.
    A list is several texts shown one after the other. ``clean`` is applied to every text
    parameter (they may quote SnelStart or a user)."""
    if isinstance(text, list):
        if not text or not all(isinstance(t, Later) for t in text):
            return None
        return [_json(t, clean) for t in text if isinstance(t, Later)]
    if not isinstance(text, Later):
        return None
    return _json(text, clean)


def _json(text: Later, clean: Callable[[str], str]) -> dict[str, Any]:
    return {"id": text.msgid, "p": {k: _param_json(v, clean) for k, v in text.params.items()}}


def _param_json(value: Any, clean: Callable[[str], str]) -> JSONValue:
    if isinstance(value, Later):
        return _json(value, clean)
    if isinstance(value, list | tuple):
        return [_param_json(v, clean) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return clean(str(value))  # a plain str, a Decimal, a date: shown as they were written


def render(stored: dict[str, Any] | list[Any] | None, fallback: str) -> str:
    """``stored`` (from ``to_json``) in the active language; ``fallback`` (the text as written)
    for rows from before, or when the stored form no longer fits its msgid."""
    if not stored:
        return fallback
    try:
        if isinstance(stored, list):
            return " ".join(_render(one) for one in stored)
        return _render(stored)
    except (KeyError, TypeError, ValueError):
        return fallback


def _render(stored: dict[str, Any]) -> str:
    return _format(gettext(stored["id"]), {k: _param(v) for k, v in stored["p"].items()})


def _param(value: JSONValue) -> Any:
    if isinstance(value, dict):
        return _render(value)
    if isinstance(value, list):
        return [_param(v) for v in value]
    return value
