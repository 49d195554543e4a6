"""/artikelen: OData list (+ relatieId, aantal), POST 201, GET/PUT/DELETE by id."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from snelstart_emulator.domain import artikelen
from snelstart_emulator.errors import not_found
from snelstart_emulator.odata.schema import ARTIKEL
from snelstart_emulator.resources.common import (
    auth,
    json_response,
    list_response,
    path_id,
    read_body,
    store_of,
)
from snelstart_emulator.state import Administration

router = APIRouter()


def _check_relatie_param(request: Request, admin: Administration) -> None:
    """`relatieId` must name an existing relatie (404 otherwise).

    Price agreements are not modelled, so it changes no prices."""
    value = request.query_params.get("relatieId")
    if value:
        record = admin.relaties.get(path_id(value))
        if record is None or record.deleted:
            raise not_found("Relatie", value)


@router.get("/artikelen")
async def list_artikelen(request: Request) -> Response:
    context = auth(request, "artikelen:read")
    _check_relatie_param(request, context.administration)
    return list_response(request, context.administration.artikelen, ARTIKEL, artikelen.render_read)


@router.post("/artikelen")
async def create_artikel(request: Request) -> Response:
    context = auth(request, "artikelen:write")
    body = await read_body(request)
    record = artikelen.create(store_of(request), context.administration, body)
    return json_response(artikelen.render_write(record), 201)


@router.get("/artikelen/{ident}")
async def get_artikel(request: Request, ident: str) -> Response:
    context = auth(request, "artikelen:read")
    record = artikelen.find(context.administration, path_id(ident))
    _check_relatie_param(request, context.administration)
    return json_response(artikelen.render_read(record))


@router.put("/artikelen/{ident}")
async def update_artikel(request: Request, ident: str) -> Response:
    context = auth(request, "artikelen:write")
    record_id = path_id(ident)
    body = await read_body(request)
    record = artikelen.update(store_of(request), context.administration, record_id, body)
    return json_response(artikelen.render_write(record))


@router.delete("/artikelen/{ident}")
async def delete_artikel(request: Request, ident: str) -> Response:
    context = auth(request, "artikelen:write")
    artikelen.delete(store_of(request), context.administration, path_id(ident))
    return json_response({})
