"""/relaties: OData list, POST 201, GET/PUT/DELETE by id."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from snelstart_emulator.domain import relaties
from snelstart_emulator.odata.schema import RELATIE
from snelstart_emulator.resources.common import (
    auth,
    json_response,
    list_response,
    path_id,
    read_body,
    store_of,
)

router = APIRouter()


@router.get("/relaties")
async def list_relaties(request: Request) -> Response:
    context = auth(request, "relaties:read")
    return list_response(request, context.administration.relaties, RELATIE, relaties.render_read)


@router.post("/relaties")
async def create_relatie(request: Request) -> Response:
    context = auth(request, "relaties:write")
    body = await read_body(request, "REL-0066")
    record = relaties.create(store_of(request), context.administration, body)
    return json_response(relaties.render_write(record), 201)


@router.get("/relaties/{ident}")
async def get_relatie(request: Request, ident: str) -> Response:
    context = auth(request, "relaties:read")
    inactive_ok = store_of(request).settings.get_inactive_by_id
    record = relaties.find(context.administration, path_id(ident), inactive_ok=inactive_ok)
    return json_response(relaties.render_read(record))


@router.put("/relaties/{ident}")
async def update_relatie(request: Request, ident: str) -> Response:
    context = auth(request, "relaties:write")
    record_id = path_id(ident)
    body = await read_body(request, "REL-0066")
    record = relaties.update(store_of(request), context.administration, record_id, body)
    return json_response(relaties.render_write(record))


@router.delete("/relaties/{ident}")
async def delete_relatie(request: Request, ident: str) -> Response:
    context = auth(request, "relaties:write")
    relaties.delete(store_of(request), context.administration, path_id(ident))
    return json_response({})
