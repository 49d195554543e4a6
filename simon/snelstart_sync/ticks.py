"""Which setting values passed 'Controleer', remembered in the user's session.

A tick is keyed on the connection, the setting and a hash of the exact value that passed, so
a changed value has no tick and 'Opslaan' refuses it (S29: every setting is checked again).
The SnelStart ids a check found travel with the tick, so 'Opslaan' stores what was checked.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from simon.snelstart_sync.models import Connection

SESSION_KEY = "snelstart_checks"


def value_hash(name: str, value: Any) -> str:
    raw = json.dumps([name, value], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def _ticks(session: SessionBase, connection: Connection) -> dict[str, dict[str, Any]]:
    return session.get(SESSION_KEY, {}).get(str(connection.code), {})


def record(
    session: SessionBase,
    connection: Connection,
    name: str,
    value: Any,
    resolved: dict[str, str],
) -> None:
    everything = session.get(SESSION_KEY, {})
    mine = everything.setdefault(str(connection.code), {})
    mine[name] = {"hash": value_hash(name, value), "resolved": resolved}
    session[SESSION_KEY] = everything  # reassigned: nested changes alone are not saved


def forget(session: SessionBase, connection: Connection, name: str) -> None:
    everything = session.get(SESSION_KEY, {})
    if everything.get(str(connection.code), {}).pop(name, None) is not None:
        session[SESSION_KEY] = everything


def passed(session: SessionBase, connection: Connection, name: str, value: Any) -> bool:
    tick = _ticks(session, connection).get(name)
    return tick is not None and tick["hash"] == value_hash(name, value)


def resolved(session: SessionBase, connection: Connection) -> dict[str, str]:
    """The SnelStart ids found by every tick of this connection."""
    found: dict[str, str] = {}
    for tick in _ticks(session, connection).values():
        found.update(tick.get("resolved", {}))
    return found


def clear(session: SessionBase, connection: Connection) -> None:
    """After 'Opslaan': a later 'Wijzig' must check everything again."""
    everything = session.get(SESSION_KEY, {})
    if everything.pop(str(connection.code), None) is not None:
        session[SESSION_KEY] = everything
