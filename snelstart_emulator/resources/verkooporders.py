"""/verkooporders: OData list, POST 201, GET/PUT/DELETE by id, PUT /{id}/ProcesStatus."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from snelstart_emulator.domain import verkooporders
from snelstart_emulator.odata.schema import VERKOOPORDER
from snelstart_emulator.resources.common import (
    auth,
    json_response,
    list_response,
    path_id,
    read_body,
    store_of,
)

router = APIRouter()


@router.get("/verkooporders")
async def list_orders(request: Request) -> Response:
    context = auth(request, "orders:read")
    filterable = store_of(request).settings.verkooporder_filter_orderreferentie
    return list_response(
        request,
        context.administration.verkooporders,
        VERKOOPORDER,
        verkooporders.render,
        frozenset() if filterable else frozenset({"Orderreferentie"}),
    )


@router.post("/verkooporders")
async def create_order(request: Request) -> Response:
    context = auth(request, "orders:write")
    body = await read_body(request)
    record = verkooporders.create(store_of(request), context.administration, body)
    return json_response(verkooporders.render(record), 201)


@router.get("/verkooporders/{ident}")
async def get_order(request: Request, ident: str) -> Response:
    context = auth(request, "orders:read")
    record = verkooporders.find(context.administration, path_id(ident))
    return json_response(verkooporders.render(record))


@router.put("/verkooporders/{ident}")
async def update_order(request: Request, ident: str) -> Response:
    context = auth(request, "orders:write")
    record_id = path_id(ident)
    body = await read_body(request)
    record = verkooporders.update(store_of(request), context.administration, record_id, body)
    return json_response(verkooporders.render(record))


@router.put("/verkooporders/{ident}/ProcesStatus")
async def set_proces_status(request: Request, ident: str) -> Response:
    context = auth(request, "orders:write")
    record_id = path_id(ident)
    body = await read_body(request)
    verkooporders.set_proces_status(store_of(request), context.administration, record_id, body)
    return json_response({})


@router.delete("/verkooporders/{ident}")
async def delete_order(request: Request, ident: str) -> Response:
    context = auth(request, "orders:write")
    store = store_of(request)
    verkooporders.delete(store, context.administration, path_id(ident))
    return json_response({}, store.settings.verkooporder_delete_status)
