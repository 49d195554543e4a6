"""companyInfo, echo, landen, artikelomzetgroepen, verkoopordersjablonen."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from snelstart_emulator.binding import Binder
from snelstart_emulator.domain.common import finish_binding
from snelstart_emulator.domain.landen import LAND_IDS, LANDEN
from snelstart_emulator.domain.reference_data import render_company, render_group, render_template
from snelstart_emulator.errors import not_found
from snelstart_emulator.resources.common import (
    auth,
    json_response,
    path_id,
    plain_list,
    read_body,
    store_of,
)

router = APIRouter()


@router.get("/companyInfo")
async def company_info(request: Request) -> Response:
    context = auth(request, "settings:read")
    return json_response(render_company(context.administration))


@router.put("/companyInfo")
async def update_company_info(request: Request) -> Response:
    """Only `factureerBuitenlandsBtw` can be changed through the API (CONTRACT §8c)."""
    context = auth(request, "settings:write")
    binder = Binder(await read_body(request))
    value = binder.boolean("factureerBuitenlandsBtw")
    finish_binding(binder)
    admin = context.administration
    if value is not None and value != admin.company["factureerBuitenlandsBtw"]:
        admin.company = {**admin.company, "factureerBuitenlandsBtw": value}
        store_of(request).changed()
    return json_response(render_company(admin))


@router.get("/echo/")
@router.get("/echo")
async def echo_empty(request: Request) -> Response:
    return Response(status_code=204)


@router.get("/echo/{text:path}")
async def echo(request: Request, text: str) -> Response:
    # No scope is listed for echo; the input comes back as a JSON string.
    if not text:
        return Response(status_code=204)
    return json_response(text)


@router.get("/landen")
async def landen(request: Request) -> Response:
    auth(request, "settings:read")
    return json_response(LANDEN)


@router.get("/landen/{ident}")
async def land(request: Request, ident: str) -> Response:
    auth(request, "settings:read")
    found = LAND_IDS.get(path_id(ident))
    if found is None:
        raise not_found("Land", ident)
    return json_response(found)


@router.get("/artikelomzetgroepen")
async def groepen(request: Request) -> Response:
    context = auth(request, "artikelen:read")
    return plain_list(context.administration.groepen, render_group)


@router.get("/artikelomzetgroepen/{ident}")
async def groep(request: Request, ident: str) -> Response:
    context = auth(request, "artikelen:read")
    record = context.administration.groepen.get(path_id(ident))
    if record is None:
        raise not_found("Artikelomzetgroep", ident)
    return json_response(render_group(record))


@router.get("/verkoopordersjablonen")
async def sjablonen(request: Request) -> Response:
    context = auth(request, "orders:read")
    return plain_list(context.administration.sjablonen, render_template)


@router.get("/verkoopordersjablonen/{ident}")
async def sjabloon(request: Request, ident: str) -> Response:
    context = auth(request, "orders:read")
    record = context.administration.sjablonen.get(path_id(ident))
    if record is None:
        raise not_found("Verkoopordersjabloon", ident)
    return json_response(render_template(record))
