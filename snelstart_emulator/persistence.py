"""`--data FILE`: state as JSON, loaded at start, written (debounced) after changes and at shutdown.

Only data and credentials are kept (administrations, records, koppelsleutels, subscription keys,
the token secret so tokens survive a restart); faults, settings and the clock are run-time knobs.
A snapshot only copies references (records' data dicts are never mutated in place), so it is
taken on the event loop and written to disk in a worker thread.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

from snelstart_emulator.clock import parse_wall
from snelstart_emulator.collection import Collection, Record
from snelstart_emulator.state import Administration, ClientKey, Store

FORMAT = "snelstart-emulator/1"
_COLLECTIONS = (
    "relaties",
    "artikelen",
    "artikelomzetgroepen",
    "verkoopordersjablonen",
    "verkooporders",
)


def snapshot(store: Store) -> dict[str, Any]:
    administrations = []
    for admin in store.administrations.values():
        entry: dict[str, Any] = {
            "id": admin.id,
            "name": admin.name,
            "company": admin.company,
            "next_seq": admin.next_seq,
            "next_order_number": admin.next_order_number,
        }
        for name in _COLLECTIONS:
            entry[name] = [
                [r.id, r.seq, r.modified_text, r.deleted, r.data] for r in admin.collection(name)
            ]
        administrations.append(entry)
    keys = [
        {
            "key": k.key,
            "key_id": k.key_id,
            "administration_id": k.administration_id,
            "scopes": list(k.scopes),
            "app": k.app,
            "revoked": k.revoked,
            "created": k.created,
        }
        for k in store.client_keys.values()
    ]
    return {
        "format": FORMAT,
        "token_secret": store.token_secret.hex(),
        "subscription_keys": dict(store.subscription_keys),
        "client_keys": keys,
        "administrations": administrations,
    }


def restore(store: Store, state: dict[str, Any]) -> None:
    if state.get("format") != FORMAT:
        raise ValueError(f"unknown state format {state.get('format')!r}")
    store.token_secret = bytes.fromhex(state["token_secret"])
    store.subscription_keys.update(state["subscription_keys"])
    for entry in state["administrations"]:
        admin = Administration(entry["id"], entry["name"], entry["company"])
        admin.next_seq = entry["next_seq"]
        admin.next_order_number = entry["next_order_number"]
        for name in _COLLECTIONS:
            _load(admin.collection(name), entry[name])
        admin.relatiecodes = {r.data["relatiecode"]: r.id for r in admin.relaties}
        admin.artikelcodes = {r.data["artikelcode"].strip().lower(): r.id for r in admin.artikelen}
        store.add_administration(admin)
    for item in state["client_keys"]:
        key = ClientKey(
            key=item["key"],
            key_id=item["key_id"],
            administration_id=item["administration_id"],
            scopes=tuple(item["scopes"]),
            app=item["app"],
            revoked=item["revoked"],
            created=item["created"],
        )
        store.client_keys[key.key] = key
        store.keys_by_id[key.key_id] = key


def _load(collection: Collection, rows: list[list[Any]]) -> None:
    collection.bulk_load(
        Record(row[0], row[1], parse_wall(row[2]), row[2], row[4], row[3]) for row in rows
    )


def write_file(path: Path, state: dict[str, Any]) -> None:
    """Write atomically: a crash mid-write leaves the previous file intact."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(state, handle, ensure_ascii=False, separators=(",", ":"))
    os.replace(temporary, path)


class Persistence:
    def __init__(self, store: Store, path: Path, interval: float = 1.0) -> None:
        self.store = store
        self.path = path
        self.interval = interval
        self.dirty = False
        store.on_change(self.mark_dirty)

    def mark_dirty(self) -> None:
        self.dirty = True

    def load(self) -> bool:
        if not self.path.exists():
            return False
        restore(self.store, json.loads(self.path.read_text(encoding="utf-8")))
        return True

    async def save_now(self) -> None:
        self.dirty = False
        await asyncio.to_thread(write_file, self.path, snapshot(self.store))

    def save_blocking(self) -> None:
        self.dirty = False
        write_file(self.path, snapshot(self.store))

    async def run(self) -> None:
        """Background task: save at most once per `interval` while there are changes."""
        while True:
            await asyncio.sleep(self.interval)
            if self.dirty:
                await self.save_now()
