"""The admin API under `/admin/` (not part of SnelStart): set up administrations and keys, steer
faults, settings and the clock, count calls, reset.

Protection: with an admin token configured (`--admin-token`), every call needs
`Authorization: Bearer <token>` (or `X-Admin-Token`). Without one, the admin API only answers
calls from the loopback interface.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from snelstart_emulator.admin_common import (
    find_admin,
    guard,
    json_out,
    problem,
    read_json,
    store_of,
)
from snelstart_emulator.clock import format_wall, parse_wall
from snelstart_emulator.demo_data import DemoSpec, create_administration
from snelstart_emulator.domain import artikelen, relaties
from snelstart_emulator.state import Administration, Store

router = APIRouter(prefix="/admin", dependencies=[Depends(guard)])


def _scopes(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise problem(400, "scopes must be a list of strings or a space-separated string")


def _describe(store: Store, admin: Administration) -> dict[str, Any]:
    return {
        "administration_id": admin.id,
        "name": admin.name,
        "counts": {
            "relaties": len(admin.relaties),
            "artikelen": len(admin.artikelen),
            "artikelomzetgroepen": len(admin.groepen),
            "verkoopordersjablonen": len(admin.sjablonen),
            "verkooporders": len(admin.verkooporders),
        },
        "keys": [
            {"client_key": k.key, "scopes": list(k.scopes), "app": k.app, "revoked": k.revoked}
            for k in store.keys_of(admin.id)
        ],
        "faults": admin.faults.as_dict() if admin.faults else None,
    }


@router.get("/health")
async def health() -> Response:
    return json_out({"status": "ok"})


# -- administrations and keys ----------------------------------------------------------------------
@router.post("/administrations")
async def create(request: Request) -> Response:
    """Body: DemoSpec fields (name, demo, seed, customers, suppliers, articles, groups,
    templates, orders, artikelcode_soort, artikelcode_max_lengte) plus client_key, scopes."""
    store = store_of(request)
    body = await read_json(request)
    key, scopes = body.pop("client_key", None), _scopes(body.pop("scopes", None))
    known = {f.name for f in fields(DemoSpec)}
    unknown = sorted(set(body) - known)
    if unknown:
        raise problem(400, f"unknown fields: {', '.join(unknown)}")
    if key is not None and key in store.client_keys:
        raise problem(409, "client key already registered")
    admin, entry = create_administration(store, DemoSpec(**body), key, scopes)
    return json_out(
        {"administration_id": admin.id, "client_key": entry.key, "name": admin.name}, 201
    )


@router.get("/administrations")
async def list_administrations(request: Request) -> Response:
    store = store_of(request)
    return json_out([_describe(store, admin) for admin in store.administrations.values()])


@router.get("/administrations/{administration_id}")
async def get_administration(request: Request, administration_id: str) -> Response:
    store = store_of(request)
    return json_out(_describe(store, find_admin(store, administration_id)))


@router.delete("/administrations/{administration_id}")
async def delete_administration(request: Request, administration_id: str) -> Response:
    store = store_of(request)
    if not store.remove_administration(administration_id):
        raise problem(404, f"unknown administration {administration_id}")
    store.changed()
    return json_out({"deleted": True})


@router.post("/administrations/{administration_id}/keys")
async def add_key(request: Request, administration_id: str) -> Response:
    store = store_of(request)
    find_admin(store, administration_id)
    body = await read_json(request)
    key = body.get("client_key")
    if key is not None and key in store.client_keys:
        raise problem(409, "client key already registered")
    entry = store.add_client_key(
        administration_id, _scopes(body.get("scopes")), key, body.get("app", "Simon")
    )
    store.changed()
    return json_out(
        {
            "administration_id": administration_id,
            "client_key": entry.key,
            "scopes": list(entry.scopes),
        },
        201,
    )


@router.post("/keys/revoke")
async def revoke_key(request: Request) -> Response:
    """Body: {"client_key": …}. The token endpoint refuses it and its tokens stop working."""
    store = store_of(request)
    body = await read_json(request)
    if not store.revoke_key(str(body.get("client_key", ""))):
        raise problem(404, "unknown client key")
    store.changed()
    return json_out({"revoked": True})


@router.post("/subscription-keys")
async def add_subscription_key(request: Request) -> Response:
    store = store_of(request)
    key = str((await read_json(request)).get("key", ""))
    if not key:
        raise problem(400, "key is required")
    store.subscription_keys[key] = True
    store.changed()
    return json_out({"key": key, "active": True}, 201)


@router.post("/subscription-keys/revoke")
async def revoke_subscription_key(request: Request) -> Response:
    """An expired or withdrawn partner key: API calls with it get the APIM 401."""
    store = store_of(request)
    key = str((await read_json(request)).get("key", ""))
    if key not in store.subscription_keys:
        raise problem(404, "unknown subscription key")
    store.subscription_keys[key] = False
    store.changed()
    return json_out({"key": key, "active": False})


# -- records with explicit modifiedOn (test and benchmark seeding) ---------------------------------
@router.post("/administrations/{administration_id}/relaties")
@router.post("/administrations/{administration_id}/artikelen")
async def import_records(request: Request, administration_id: str) -> Response:
    """Body: {"records": [write model, …]}. Each record goes through the API's validation; an
    optional `modifiedOn` per record sets its timestamp (otherwise the clock's)."""
    store = store_of(request)
    admin = find_admin(store, administration_id)
    module = relaties if request.url.path.endswith("/relaties") else artikelen
    collection = admin.relaties if module is relaties else admin.artikelen
    created = []
    for body in (await read_json(request)).get("records", []):
        stamp = body.pop("modifiedOn", None)
        record = module.create(store, admin, body)
        if stamp:
            moment = parse_wall(stamp)
            collection.touch(record, moment, format_wall(moment))
        created.append(module.render_read(record))
    return json_out(created, 201)


@router.get("/administrations/{administration_id}/verkooporders")
async def list_orders(request: Request, administration_id: str) -> Response:
    """The stored sales orders in brief, in creation order; `?orderreferentie=…` keeps only
    those carrying it. For tests and benchmarks that wait for an order: unlike the API, this
    spends nothing of the administration's rate limit and shows in none of its counters."""
    admin = find_admin(store_of(request), administration_id)
    wanted = request.query_params.get("orderreferentie")
    return json_out(
        [
            {
                "id": record.id,
                "nummer": record.data.get("nummer"),
                "orderreferentie": record.data.get("orderreferentie"),
                "modifiedOn": record.modified_text,
            }
            for record in admin.verkooporders
            if not record.deleted
            and (wanted is None or record.data.get("orderreferentie") == wanted)
        ]
    )
