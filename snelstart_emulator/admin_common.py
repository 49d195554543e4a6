"""Helpers of the admin API: its guard and small JSON utilities."""

from __future__ import annotations

import hmac
import json
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from snelstart_emulator.errors import ApiError
from snelstart_emulator.state import Administration, Store

LOOPBACK = ("127.0.0.1", "::1", "localhost", "testclient")


def store_of(request: Request) -> Store:
    return request.app.state.store


def problem(status: int, message: str) -> ApiError:
    return ApiError(status, {"error": message})


async def guard(request: Request) -> None:
    expected: str | None = request.app.state.admin_token
    if expected is None:
        host = request.client.host if request.client else ""
        if host not in LOOPBACK:
            raise problem(403, "the admin API only answers on localhost when no admin token is set")
        return
    given = request.headers.get("x-admin-token") or ""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        given = given or token.strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise problem(401, "admin token missing or wrong")


def json_out(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status, media_type="application/json")


async def read_json(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise problem(400, "body is not JSON") from None
    if not isinstance(body, dict):
        raise problem(400, "body must be a JSON object")
    return body


def find_admin(store: Store, administration_id: str) -> Administration:
    admin = store.administrations.get(administration_id)
    if admin is None:
        raise problem(404, f"unknown administration {administration_id}")
    return admin
