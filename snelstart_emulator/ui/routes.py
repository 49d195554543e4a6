"""UI pages: administrations and 'Koppelingen' (how a customer hands out a koppelsleutel)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from snelstart_emulator.demo_data import DemoSpec, create_administration
from snelstart_emulator.ui import orders, records
from snelstart_emulator.ui.common import administration, as_int, redirect, render, store_of

router = APIRouter(include_in_schema=False)
router.include_router(records.router)
router.include_router(orders.router)

# Apps in the 'Koppelingen' catalogue; only Simon matters for this project.
APPS = {
    "simon": ("Simon", "Werkbonnen, planning en urenregistratie voor installatiebedrijven."),
    "webwinkel": ("Webwinkelkoppeling", "Bestellingen uit de webwinkel als verkooporder."),
    "bankkoppeling": ("Bankkoppeling", "Bankafschriften automatisch inlezen."),
}


def _app(app_id: str) -> tuple[str, str]:
    if app_id not in APPS:
        raise HTTPException(404, "Onbekende app")
    return APPS[app_id]


@router.get("/")
async def index(request: Request) -> Response:
    admins = list(store_of(request).administrations.values())
    return render(request, "index.html", administrations=admins)


@router.post("/administraties")
async def create(request: Request) -> Response:
    form = await request.form()
    spec = DemoSpec(
        name=str(form.get("naam") or "") or None,
        seed=as_int(str(form.get("seed") or ""), 1),
        customers=as_int(str(form.get("klanten") or ""), 25),
        articles=as_int(str(form.get("artikelen") or ""), 50),
    )
    admin, _ = create_administration(store_of(request), spec)
    return redirect(f"/a/{admin.id}/")


@router.get("/a/{administration_id}/")
async def dashboard(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    return render(request, "dashboard.html", admin=admin)


@router.get("/a/{administration_id}/koppelingen")
async def couplings(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    keys = store_of(request).keys_of(admin.id)
    return render(request, "koppelingen.html", admin=admin, apps=APPS, keys=keys)


@router.get("/a/{administration_id}/koppelingen/{app_id}")
async def app_page(request: Request, administration_id: str, app_id: str) -> Response:
    admin = administration(request, administration_id)
    name, description = _app(app_id)
    return render(
        request,
        "koppeling_app.html",
        admin=admin,
        app_id=app_id,
        name=name,
        description=description,
    )


@router.get("/a/{administration_id}/koppelingen/{app_id}/voorwaarden")
async def terms(request: Request, administration_id: str, app_id: str) -> Response:
    admin = administration(request, administration_id)
    name, _ = _app(app_id)
    return render(request, "koppeling_voorwaarden.html", admin=admin, app_id=app_id, name=name)


@router.post("/a/{administration_id}/koppelingen/{app_id}/voorwaarden")
async def accept_terms(request: Request, administration_id: str, app_id: str) -> Response:
    admin = administration(request, administration_id)
    name, _ = _app(app_id)
    store = store_of(request)
    entry = store.add_client_key(admin.id, app=name)
    store.changed()
    return redirect(f"/a/{admin.id}/koppelingen/{app_id}/sleutel/{entry.key_id}")


@router.get("/a/{administration_id}/koppelingen/{app_id}/sleutel/{key_id}")
async def show_key(request: Request, administration_id: str, app_id: str, key_id: str) -> Response:
    admin = administration(request, administration_id)
    name, _ = _app(app_id)
    entry = store_of(request).keys_by_id.get(key_id)
    if entry is None or entry.administration_id != admin.id:
        raise HTTPException(404, "Onbekende koppeling")
    return render(
        request, "koppeling_sleutel.html", admin=admin, app_id=app_id, name=name, entry=entry
    )


@router.post("/a/{administration_id}/koppelingen/{key_id}/intrekken")
async def revoke(request: Request, administration_id: str, key_id: str) -> Response:
    admin = administration(request, administration_id)
    store = store_of(request)
    entry = store.keys_by_id.get(key_id)
    if entry is None or entry.administration_id != admin.id:
        raise HTTPException(404, "Onbekende koppeling")
    store.revoke_key(entry.key)
    store.changed()
    return redirect(f"/a/{admin.id}/koppelingen")
