"""UI pages for customers (relaties) and articles (sales orders: `ui.orders`).

Changes go through the same domain functions as the API, so validation, `modifiedOn` and
delete rules are identical; a form only changes the fields it shows.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from snelstart_emulator.domain import artikelen, relaties
from snelstart_emulator.domain.common import ref_id
from snelstart_emulator.domain.landen import LANDEN, NEDERLAND_ID
from snelstart_emulator.errors import ApiError
from snelstart_emulator.ui.common import (
    administration,
    as_int,
    messages,
    page,
    redirect,
    render,
    store_of,
)

router = APIRouter()


def _search(rows: list[Any], query: str, fields: tuple[str, ...]) -> list[Any]:
    if not query:
        return rows
    needle = query.lower()
    found = []
    for row in rows:
        values = [row.data.get(name) for name in fields]
        address = row.data.get("vestigingsAdres") or {}
        values.append(address.get("plaats"))
        if any(needle in str(value).lower() for value in values if value is not None):
            found.append(row)
    return found


# -- relaties --------------------------------------------------------------------------------------
@router.get("/a/{administration_id}/relaties")
async def relaties_list(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    query = request.query_params.get("q", "").strip()
    rows = _search(
        [r for r in admin.relaties if not r.deleted], query, ("naam", "relatiecode", "email")
    )
    shown, number, pages = page(rows, as_int(request.query_params.get("pagina")))
    return render(
        request,
        "relaties.html",
        admin=admin,
        rows=shown,
        q=query,
        pagina=number,
        paginas=pages,
        total=len(rows),
    )


def _relatie_body(form: Any, base: dict[str, Any]) -> dict[str, Any]:
    body = dict(base)
    code = str(form.get("relatiecode") or "").strip()
    body.update(
        naam=form.get("naam"),
        relatiecode=int(code) if code.lstrip("-").isdigit() else None,
        email=form.get("email") or None,
        telefoon=form.get("telefoon") or None,
        nonactief=form.get("nonactief") == "on",
        vestigingsAdres={
            "contactpersoon": form.get("contactpersoon") or None,
            "straat": form.get("straat") or None,
            "postcode": form.get("postcode") or None,
            "plaats": form.get("plaats") or None,
            "land": {"id": form.get("land") or NEDERLAND_ID},
        },
    )
    if "relatiesoort" in form:
        body["relatiesoort"] = [form.get("relatiesoort")]
    return body


@router.get("/a/{administration_id}/relaties/nieuw")
async def relatie_new(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    return render(
        request, "relatie_form.html", admin=admin, relatie=None, values={}, errors=[], landen=LANDEN
    )


@router.post("/a/{administration_id}/relaties/nieuw")
async def relatie_create(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    form = await request.form()
    body = _relatie_body(form, {})
    try:
        relaties.create(store_of(request), admin, body)
    except ApiError as error:
        return render(
            request,
            "relatie_form.html",
            400,
            admin=admin,
            relatie=None,
            values=form,
            errors=messages(error),
            landen=LANDEN,
        )
    return redirect(f"/a/{admin.id}/relaties")


@router.get("/a/{administration_id}/relaties/{record_id}")
async def relatie_edit(request: Request, administration_id: str, record_id: str) -> Response:
    admin = administration(request, administration_id)
    record = relaties.find(admin, record_id)
    values = _relatie_values(record.data)
    return render(
        request,
        "relatie_form.html",
        admin=admin,
        relatie=record,
        values=values,
        errors=[],
        landen=LANDEN,
    )


def _relatie_values(data: dict[str, Any]) -> dict[str, Any]:
    address = data["vestigingsAdres"] or {}
    return {
        "naam": data["naam"],
        "relatiecode": data["relatiecode"],
        "email": data["email"] or "",
        "telefoon": data["telefoon"] or "",
        "nonactief": "on" if data["nonactief"] else "",
        "contactpersoon": address.get("contactpersoon") or "",
        "straat": address.get("straat") or "",
        "postcode": address.get("postcode") or "",
        "plaats": address.get("plaats") or "",
        "land": ref_id(address.get("land")) or NEDERLAND_ID,
    }


@router.post("/a/{administration_id}/relaties/{record_id}")
async def relatie_update(request: Request, administration_id: str, record_id: str) -> Response:
    admin = administration(request, administration_id)
    record = relaties.find(admin, record_id)
    form = await request.form()
    body = _relatie_body(form, relaties.render_write(record))
    try:
        relaties.update(store_of(request), admin, record_id, body)
    except ApiError as error:
        return render(
            request,
            "relatie_form.html",
            400,
            admin=admin,
            relatie=record,
            values=form,
            errors=messages(error),
            landen=LANDEN,
        )
    return redirect(f"/a/{admin.id}/relaties")


@router.post("/a/{administration_id}/relaties/{record_id}/deactiveren")
async def relatie_toggle(request: Request, administration_id: str, record_id: str) -> Response:
    admin = administration(request, administration_id)
    record = relaties.find(admin, record_id)
    relaties.set_active(store_of(request), admin, record_id, active=record.data["nonactief"])
    return redirect(f"/a/{admin.id}/relaties")


@router.post("/a/{administration_id}/relaties/{record_id}/verwijderen")
async def relatie_delete(request: Request, administration_id: str, record_id: str) -> Response:
    admin = administration(request, administration_id)
    try:
        relaties.delete(store_of(request), admin, record_id)
    except ApiError as error:
        record = relaties.find(admin, record_id)
        return render(
            request,
            "relatie_form.html",
            400,
            admin=admin,
            relatie=record,
            values=_relatie_values(record.data),
            errors=messages(error),
            landen=LANDEN,
        )
    return redirect(f"/a/{admin.id}/relaties")


# -- artikelen -------------------------------------------------------------------------------------
@router.get("/a/{administration_id}/artikelen")
async def artikelen_list(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    query = request.query_params.get("q", "").strip()
    rows = _search(
        [r for r in admin.artikelen if not r.deleted], query, ("artikelcode", "omschrijving")
    )
    shown, number, pages = page(rows, as_int(request.query_params.get("pagina")))
    groups = {g.id: g.data["omschrijving"] for g in admin.groepen}
    return render(
        request,
        "artikelen.html",
        admin=admin,
        rows=shown,
        q=query,
        pagina=number,
        paginas=pages,
        total=len(rows),
        groups=groups,
    )


def _artikel_body(form: Any, base: dict[str, Any]) -> dict[str, Any]:
    body = dict(base)
    body.update(
        artikelcode=form.get("artikelcode"),
        omschrijving=form.get("omschrijving"),
        artikelOmzetgroep={"id": form.get("groep")} if form.get("groep") else None,
        verkoopprijs=(form.get("verkoopprijs") or "0").replace(",", "."),
        inkoopprijs=(form.get("inkoopprijs") or "0").replace(",", "."),
        eenheid=form.get("eenheid") or None,
        isNonActief=form.get("isNonActief") == "on",
    )
    return body


def _artikel_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "artikelcode": data["artikelcode"],
        "omschrijving": data["omschrijving"],
        "groep": ref_id(data["artikelOmzetgroep"]) or "",
        "verkoopprijs": f"{data['verkoopprijs']:.2f}",
        "inkoopprijs": f"{data['inkoopprijs']:.2f}",
        "eenheid": data["eenheid"] or "",
        "isNonActief": "on" if data["isNonActief"] else "",
    }


def _artikel_form(
    request: Request, admin: Any, record: Any, values: Any, errors: list[str], status: int = 200
) -> Response:
    groups = list(admin.groepen)
    return render(
        request,
        "artikel_form.html",
        status,
        admin=admin,
        artikel=record,
        values=values,
        errors=errors,
        groups=groups,
    )


@router.get("/a/{administration_id}/artikelen/nieuw")
async def artikel_new(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    return _artikel_form(request, admin, None, {}, [])


@router.post("/a/{administration_id}/artikelen/nieuw")
async def artikel_create(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    form = await request.form()
    try:
        artikelen.create(store_of(request), admin, _artikel_body(form, {}))
    except ApiError as error:
        return _artikel_form(request, admin, None, form, messages(error), 400)
    return redirect(f"/a/{admin.id}/artikelen")


@router.get("/a/{administration_id}/artikelen/{record_id}")
async def artikel_edit(request: Request, administration_id: str, record_id: str) -> Response:
    admin = administration(request, administration_id)
    record = artikelen.find(admin, record_id)
    return _artikel_form(request, admin, record, _artikel_values(record.data), [])


@router.post("/a/{administration_id}/artikelen/{record_id}")
async def artikel_update(request: Request, administration_id: str, record_id: str) -> Response:
    admin = administration(request, administration_id)
    record = artikelen.find(admin, record_id)
    form = await request.form()
    try:
        artikelen.update(
            store_of(request), admin, record_id, _artikel_body(form, artikelen.render_write(record))
        )
    except ApiError as error:
        return _artikel_form(request, admin, record, form, messages(error), 400)
    return redirect(f"/a/{admin.id}/artikelen")


@router.post("/a/{administration_id}/artikelen/{record_id}/deactiveren")
async def artikel_toggle(request: Request, administration_id: str, record_id: str) -> Response:
    admin = administration(request, administration_id)
    record = artikelen.find(admin, record_id)
    artikelen.set_active(store_of(request), admin, record_id, active=record.data["isNonActief"])
    return redirect(f"/a/{admin.id}/artikelen")


@router.post("/a/{administration_id}/artikelen/{record_id}/verwijderen")
async def artikel_delete(request: Request, administration_id: str, record_id: str) -> Response:
    admin = administration(request, administration_id)
    try:
        artikelen.delete(store_of(request), admin, record_id)
    except ApiError as error:
        record = artikelen.find(admin, record_id)
        return _artikel_form(
            request, admin, record, _artikel_values(record.data), messages(error), 400
        )
    return redirect(f"/a/{admin.id}/artikelen")
