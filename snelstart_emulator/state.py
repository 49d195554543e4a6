"""All emulator state: administrations with their data, koppelsleutels, subscription keys.

One `Store` per running server. Handlers are `async` and never await between reading and writing
state, so the event loop serialises every change without locks.
"""

from __future__ import annotations

import base64
import secrets
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from snelstart_emulator.clock import Clock, format_wall, truncate
from snelstart_emulator.collection import Collection, Record
from snelstart_emulator.config import DEFAULT_SCOPES, DEFAULT_SUBSCRIPTION_KEY, Settings
from snelstart_emulator.faults import FaultConfig


def new_client_key() -> str:
    """A koppelsleutel shaped like SnelStart's: base64 of `username:password`.

    That shape makes the older `grant_type=password` flow (CONTRACT §2.2) work as well.
    """
    username = uuid.uuid4().hex
    password = secrets.token_urlsafe(24)
    return base64.b64encode(f"{username}:{password}".encode()).decode()


@dataclass
class ClientKey:
    key: str
    key_id: str
    administration_id: str
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    app: str = "Simon"
    revoked: bool = False
    created: float = field(default_factory=time.time)


@dataclass
class RequestCounter:
    """Calls per administration, for tests and benchmarks that count round trips.

    ``throttled`` counts the calls the rate limit or the concurrency limit refused with a 429
    (a client that keeps to its quota sees none); ``faults`` counts the faults injected on
    purpose, by kind: ``"error 503"``, ``"fail_next 503"``, ``"timeout"``, ``"lost"`` (a
    response lost after its change was stored; only counted when it was actually lost).
    """

    total: int = 0
    token: int = 0
    by_endpoint: Counter[str] = field(default_factory=Counter)
    throttled: int = 0
    faults: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "token": self.token,
            "by_endpoint": dict(self.by_endpoint),
            "throttled": self.throttled,
            "faults": dict(self.faults),
        }


@dataclass
class Administration:
    id: str
    name: str
    company: dict[str, Any]
    relaties: Collection = field(default_factory=lambda: Collection("relaties"))
    artikelen: Collection = field(default_factory=lambda: Collection("artikelen"))
    groepen: Collection = field(default_factory=lambda: Collection("artikelomzetgroepen"))
    sjablonen: Collection = field(default_factory=lambda: Collection("verkoopordersjablonen"))
    verkooporders: Collection = field(default_factory=lambda: Collection("verkooporders"))
    next_seq: int = 1
    next_order_number: int = 1
    # Unique-key indexes: relatiecode → id, lower-case artikelcode → id.
    relatiecodes: dict[int, str] = field(default_factory=dict)
    artikelcodes: dict[str, str] = field(default_factory=dict)
    counter: RequestCounter = field(default_factory=RequestCounter)
    faults: FaultConfig | None = None
    # Sliding-window rate limiting: monotonic times of accepted calls, and calls in flight.
    calls: deque[float] = field(default_factory=deque)
    in_flight: int = 0

    def collection(self, name: str) -> Collection:
        return {
            "relaties": self.relaties,
            "artikelen": self.artikelen,
            "artikelomzetgroepen": self.groepen,
            "verkoopordersjablonen": self.sjablonen,
            "verkooporders": self.verkooporders,
        }[name]

    def take_seq(self) -> int:
        seq = self.next_seq
        self.next_seq += 1
        return seq


class Store:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.clock = Clock()
        self.faults = FaultConfig()
        self.administrations: dict[str, Administration] = {}
        self.client_keys: dict[str, ClientKey] = {}
        self.keys_by_id: dict[str, ClientKey] = {}
        self.subscription_keys: dict[str, bool] = {DEFAULT_SUBSCRIPTION_KEY: True}
        self.token_secret = secrets.token_bytes(32)
        self.token_requests = 0
        self._listeners: list[Callable[[], None]] = []

    # -- change notification (persistence) ----------------------------------------------------
    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def changed(self) -> None:
        for listener in self._listeners:
            listener()

    # -- time ------------------------------------------------------------------------------------
    def stamp(self) -> tuple[datetime, str]:
        """Now as stored in `modifiedOn`: wall-clock time cut to the configured precision."""
        now = truncate(self.clock.now_local(), self.settings.modified_on_fraction_digits)
        return now, format_wall(now)

    # -- records ---------------------------------------------------------------------------------
    def new_record(
        self, admin: Administration, data: dict[str, Any], record_id: str | None = None
    ) -> Record:
        modified, text = self.stamp()
        return Record(record_id or str(uuid.uuid4()), admin.take_seq(), modified, text, data)

    def touch(self, collection: Collection, record: Record, data: dict[str, Any]) -> None:
        """Replace a record's data and bump its modifiedOn."""
        record.data = data
        collection.touch(record, *self.stamp())

    # -- administrations and keys ---------------------------------------------------------------
    def add_administration(self, admin: Administration) -> None:
        self.administrations[admin.id] = admin

    def add_client_key(
        self,
        administration_id: str,
        scopes: tuple[str, ...] | None = None,
        key: str | None = None,
        app: str = "Simon",
    ) -> ClientKey:
        if administration_id not in self.administrations:
            raise KeyError(administration_id)
        entry = ClientKey(
            key=key or new_client_key(),
            key_id=uuid.uuid4().hex,
            administration_id=administration_id,
            scopes=tuple(scopes) if scopes is not None else DEFAULT_SCOPES,
            app=app,
        )
        if entry.key in self.client_keys:
            raise ValueError("client key already registered")
        self.client_keys[entry.key] = entry
        self.keys_by_id[entry.key_id] = entry
        return entry

    def revoke_key(self, key: str) -> bool:
        entry = self.client_keys.get(key)
        if entry is None:
            return False
        entry.revoked = True
        return True

    def keys_of(self, administration_id: str) -> list[ClientKey]:
        return [k for k in self.client_keys.values() if k.administration_id == administration_id]

    def remove_administration(self, administration_id: str) -> bool:
        admin = self.administrations.pop(administration_id, None)
        if admin is None:
            return False
        for entry in self.keys_of(administration_id):
            del self.client_keys[entry.key]
            del self.keys_by_id[entry.key_id]
        return True

    def faults_for(self, admin: Administration | None) -> FaultConfig:
        if admin is not None and admin.faults is not None:
            return admin.faults
        return self.faults
