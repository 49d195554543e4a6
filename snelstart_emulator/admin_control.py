"""Admin API, second half: faults, settings, clock, call counters, reset, save."""

from __future__ import annotations

from datetime import datetime
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
from snelstart_emulator.clock import parse_wall
from snelstart_emulator.faults import FaultConfig
from snelstart_emulator.state import RequestCounter

router = APIRouter(prefix="/admin", dependencies=[Depends(guard)])


def _fault_config(values: dict[str, Any], base: FaultConfig | None = None) -> FaultConfig:
    try:
        return base.merged(values) if base is not None else FaultConfig.from_dict(values)
    except (TypeError, ValueError) as error:
        raise problem(400, str(error)) from None


# -- faults ---------------------------------------------------------------------------------------
@router.get("/faults")
async def get_faults(request: Request) -> Response:
    return json_out(store_of(request).faults.as_dict())


@router.put("/faults")
async def put_faults(request: Request) -> Response:
    """Replace the global fault config: fields not given return to their defaults (all off)."""
    store = store_of(request)
    store.faults = _fault_config(await read_json(request))
    return json_out(store.faults.as_dict())


@router.patch("/faults")
async def patch_faults(request: Request) -> Response:
    """Change only the given fields of the global fault config."""
    store = store_of(request)
    store.faults = _fault_config(await read_json(request), store.faults)
    return json_out(store.faults.as_dict())


@router.get("/administrations/{administration_id}/faults")
async def get_admin_faults(request: Request, administration_id: str) -> Response:
    store = store_of(request)
    admin = find_admin(store, administration_id)
    return json_out(store.faults_for(admin).as_dict())


@router.put("/administrations/{administration_id}/faults")
async def put_admin_faults(request: Request, administration_id: str) -> Response:
    """Give this administration its own fault config (it then ignores the global one)."""
    admin = find_admin(store_of(request), administration_id)
    admin.faults = _fault_config(await read_json(request))
    return json_out(admin.faults.as_dict())


@router.patch("/administrations/{administration_id}/faults")
async def patch_admin_faults(request: Request, administration_id: str) -> Response:
    store = store_of(request)
    admin = find_admin(store, administration_id)
    admin.faults = _fault_config(await read_json(request), store.faults_for(admin))
    return json_out(admin.faults.as_dict())


@router.delete("/administrations/{administration_id}/faults")
async def delete_admin_faults(request: Request, administration_id: str) -> Response:
    admin = find_admin(store_of(request), administration_id)
    admin.faults = None
    return json_out({"deleted": True})


# -- settings -------------------------------------------------------------------------------------
@router.get("/settings")
async def get_settings(request: Request) -> Response:
    return json_out(store_of(request).settings.as_dict())


@router.patch("/settings")
async def patch_settings(request: Request) -> Response:
    """Change behaviour switches (see config.Settings), e.g. {"strict_top": true}."""
    store = store_of(request)
    body = await read_json(request)
    previous = store.settings.as_dict()
    try:
        store.settings.update(body)
    except ValueError as error:
        store.settings.update(previous)
        raise problem(400, str(error)) from None
    return json_out(store.settings.as_dict())


# -- clock ----------------------------------------------------------------------------------------
@router.get("/clock")
async def get_clock(request: Request) -> Response:
    return json_out(store_of(request).clock.describe())


@router.put("/clock")
async def put_clock(request: Request) -> Response:
    """{"mode": "real"} | {"mode": "fixed", "local": "2026-10-25T02:30:00", "fold": 1} |
    {"mode": "fixed", "utc": "2026-10-25T01:30:00Z"} | {"mode": "offset", "offset_seconds": 60}."""
    clock = store_of(request).clock
    body = await read_json(request)
    mode = body.get("mode", "real")
    try:
        if mode == "real":
            clock.set_real()
        elif mode == "fixed" and "local" in body:
            fold = int(body.get("fold", 0))
            if fold not in (0, 1):
                raise ValueError("fold must be 0 or 1")
            clock.set_fixed_local(parse_wall(str(body["local"])), fold)
        elif mode == "fixed" and "utc" in body:
            instant = datetime.fromisoformat(str(body["utc"]).replace("Z", "+00:00"))
            clock.set_fixed_utc(instant)
        elif mode == "offset":
            clock.set_offset(float(body.get("offset_seconds", 0)))
        else:
            raise ValueError("mode must be real, fixed (with local or utc) or offset")
    except (TypeError, ValueError) as error:
        raise problem(400, str(error)) from None
    return json_out(clock.describe())


@router.post("/clock/advance")
async def advance_clock(request: Request) -> Response:
    clock = store_of(request).clock
    body = await read_json(request)
    try:
        clock.advance(float(body.get("seconds", 0)))
    except (TypeError, ValueError) as error:
        raise problem(400, str(error)) from None
    return json_out(clock.describe())


# -- counters -------------------------------------------------------------------------------------
@router.get("/administrations/{administration_id}/requests")
async def get_requests(request: Request, administration_id: str) -> Response:
    """{"total": API calls, "token": token calls, "by_endpoint": {"GET /relaties": n, …}}."""
    admin = find_admin(store_of(request), administration_id)
    return json_out(admin.counter.as_dict())


@router.delete("/administrations/{administration_id}/requests")
async def reset_requests(request: Request, administration_id: str) -> Response:
    admin = find_admin(store_of(request), administration_id)
    admin.counter = RequestCounter()
    return json_out(admin.counter.as_dict())


# -- reset and save -------------------------------------------------------------------------------
@router.post("/reset")
async def reset(request: Request) -> Response:
    """Back to the start state: administrations, keys, faults, settings and clock as at start."""
    request.app.state.reset()
    return json_out({"reset": True})


@router.post("/save")
async def save(request: Request) -> Response:
    persistence = request.app.state.persistence
    if persistence is None:
        raise problem(409, "no --data file configured")
    await persistence.save_now()
    return json_out({"saved": str(persistence.path)})
