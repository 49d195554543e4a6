"""Artikelen: binding, validation (ART-xxxx), create/update/delete, JSON shapes."""

from __future__ import annotations

from typing import Any

from snelstart_emulator.binding import Binder
from snelstart_emulator.collection import Record
from snelstart_emulator.domain.common import (
    check_id_for_create,
    check_id_for_update,
    finish_binding,
    raise_if,
    ref,
    ref_id,
    renderer,
    standard_computed,
)
from snelstart_emulator.errors import error_item, not_found
from snelstart_emulator.state import Administration, Store

# Key order of the WADL samples: GET answers (ArtikelQueryModel) start with two extra fields.
WRITE_KEYS = (
    "artikelcode", "omschrijving", "artikelOmzetgroep", "verkoopprijs", "inkoopprijs", "eenheid",
    "modifiedOn", "relatie", "isNonActief", "voorraadControle", "technischeVoorraad",
    "vrijeVoorraad", "extraVelden", "id", "uri",
)  # fmt: skip
READ_KEYS = ("isHoofdartikel", "subartikelen", *WRITE_KEYS)
render_read = renderer(READ_KEYS, standard_computed("artikelen"))
render_write = renderer(WRITE_KEYS, standard_computed("artikelen"))


def bind(binder: Binder, existing: dict[str, Any] | None) -> dict[str, Any]:
    """The stored form of an ArtikelModel body.

    Stock, extra fields and sub-articles are read-only: kept from `existing` (or defaults)."""
    keep = existing or {}
    return {
        "isHoofdartikel": keep.get("isHoofdartikel", False),
        "subartikelen": keep.get("subartikelen", ()),
        "artikelcode": binder.string("artikelcode"),
        "omschrijving": binder.string("omschrijving"),
        "artikelOmzetgroep": ref("artikelomzetgroepen", binder.reference("artikelOmzetgroep")),
        "verkoopprijs": binder.decimal("verkoopprijs") or 0.0,
        "inkoopprijs": binder.decimal("inkoopprijs") or 0.0,
        "eenheid": binder.string("eenheid"),
        "relatie": ref("relaties", binder.reference("relatie")),
        "isNonActief": bool(binder.boolean("isNonActief")),
        "voorraadControle": bool(binder.boolean("voorraadControle")),
        "technischeVoorraad": keep.get("technischeVoorraad", 0.0),
        "vrijeVoorraad": keep.get("vrijeVoorraad", 0.0),
        "extraVelden": keep.get("extraVelden", ()),
    }


def validate(
    admin: Administration, data: dict[str, Any], record: Record | None
) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    add = errors.append
    code = (data["artikelcode"] or "").strip()
    company = admin.company
    if not code:
        add(error_item("ART-0002"))
    else:
        if company["artikelcodeSoort"] == "Numeriek" and not code.isdigit():
            add(error_item("ART-0003"))
        if len(code) > company["artikelcodeMaxLengte"]:
            add(error_item("ART-0004"))
        owner = admin.artikelcodes.get(code.lower())
        if owner is not None and (record is None or owner != record.id):
            add(error_item("ART-0005"))
    omschrijving = (data["omschrijving"] or "").strip()
    if not omschrijving:
        add(error_item("ART-0006"))
    elif len(omschrijving) > 250:
        add(error_item("ART-0007"))
    group_id = ref_id(data["artikelOmzetgroep"])
    if group_id is None:
        add(error_item("ART-0008"))
    elif admin.groepen.get(group_id) is None:
        add(error_item("ART-0009"))
    errors.extend(_supplier_errors(admin, ref_id(data["relatie"])))
    return errors


def _supplier_errors(admin: Administration, relatie_id: str | None) -> list[dict[str, Any]]:
    if relatie_id is None:
        return []
    relatie = admin.relaties.get(relatie_id)
    if relatie is None:
        return [error_item("ART-0016")]
    soorten = relatie.data["relatiesoort"] or []
    if "Leverancier" not in soorten and "Eigen" not in soorten:
        return [error_item("ART-0017")]
    if relatie.deleted or relatie.data["nonactief"]:
        return [error_item("ART-0018")]
    return []


def find(admin: Administration, record_id: str) -> Record:
    record = admin.artikelen.get(record_id)
    if record is None or record.deleted:
        raise not_found("Artikel", record_id)
    return record


def _index(admin: Administration, data: dict[str, Any], record_id: str) -> None:
    admin.artikelcodes[data["artikelcode"].strip().lower()] = record_id


def create(store: Store, admin: Administration, body: dict[str, Any]) -> Record:
    binder = Binder(body)
    check_id_for_create(binder)
    data = bind(binder, None)
    finish_binding(binder)
    raise_if(validate(admin, data, None))
    record = store.new_record(admin, data)
    admin.artikelen.add(record)
    _index(admin, data, record.id)
    store.changed()
    return record


def update(store: Store, admin: Administration, record_id: str, body: dict[str, Any]) -> Record:
    record = find(admin, record_id)
    binder = Binder(body)
    check_id_for_update(binder, record_id)
    data = bind(binder, record.data)
    finish_binding(binder)
    raise_if(validate(admin, data, record))
    admin.artikelcodes.pop(record.data["artikelcode"].strip().lower(), None)
    _index(admin, data, record.id)
    store.touch(admin.artikelen, record, data)
    store.changed()
    return record


def delete(store: Store, admin: Administration, record_id: str) -> None:
    record = find(admin, record_id)
    raise_if(delete_blockers(admin, record))
    if store.settings.delete_mode_artikelen == "soft":
        record.deleted = True
        store.touch(admin.artikelen, record, {**record.data, "isNonActief": True})
    else:
        admin.artikelen.remove(record_id)
        admin.artikelcodes.pop(record.data["artikelcode"].strip().lower(), None)
    store.changed()


def delete_blockers(admin: Administration, record: Record) -> list[dict[str, Any]]:
    if record.data["technischeVoorraad"]:
        return [error_item("ART-0010")]
    for order in admin.verkooporders:
        if any(ref_id(line.get("artikel")) == record.id for line in order.data["regels"]):
            return [error_item("ART-0011")]
    return []


def set_active(store: Store, admin: Administration, record_id: str, active: bool) -> Record:
    record = find(admin, record_id)
    store.touch(admin.artikelen, record, {**record.data, "isNonActief": not active})
    store.changed()
    return record
