"""Relaties: binding, validation (REL-xxxx), create/update/delete, JSON shapes."""

from __future__ import annotations

import re
from typing import Any

from snelstart_emulator.binding import Binder
from snelstart_emulator.collection import Record
from snelstart_emulator.domain.common import (
    address_errors,
    bind_address,
    bind_email_setting,
    check_id_for_create,
    check_id_for_update,
    finish_binding,
    raise_if,
    ref,
    ref_id,
    renderer,
    standard_computed,
    valid_email_list,
)
from snelstart_emulator.errors import codes_error, error_item, not_found
from snelstart_emulator.state import Administration, Store

RELATIESOORTEN = ("Klant", "Leverancier", "Eigen", "Geen")
AANMANINGSOORTEN = ("Nee", "Onderneming", "Consument")
INCASSOSOORTEN = ("Geen", "Core", "B2B")
EMAIL_SETTINGS = (
    "offerteEmailVersturen",
    "bevestigingsEmailVersturen",
    "factuurEmailVersturen",
    "aanmaningEmailVersturen",
    "offerteAanvraagEmailVersturen",
    "bestellingEmailVersturen",
)
_STRINGS = ("naam", "telefoon", "mobieleTelefoon", "email", "btwNummer", "memo", "kvkNummer")
_MORE_STRINGS = ("oin", "websiteUrl", "iban", "bic")

# Key order of the WADL samples. The write model (POST/PUT answers) has no `fax`.
_HEAD = ("relatiesoort", "modifiedOn", "relatiecode", "naam", "vestigingsAdres")
_MIDDLE = ("correspondentieAdres", "telefoon", "mobieleTelefoon")
_TAIL = (
    "email", "btwNummer", "factuurkorting", "krediettermijn", "bankieren", "nonactief",
    "kredietLimiet", "memo", "kvkNummer", "oin", "websiteUrl", "aanmaningsoort", *EMAIL_SETTINGS,
    "ublBestandAlsBijlage", "iban", "bic", "incassoSoort", "factuurRelatie", "inkoopBoekingenUri",
    "verkoopBoekingenUri", "documents", "id", "uri", "extraVeldenKlant",
)  # fmt: skip
READ_KEYS = (*_HEAD, *_MIDDLE, "fax", *_TAIL)
WRITE_KEYS = (*_HEAD, *_MIDDLE, *_TAIL)

_COMPUTED = {
    **standard_computed("relaties"),
    "inkoopBoekingenUri": lambda r: f"/relaties/{r.id}/inkoopboekingen",
    "verkoopBoekingenUri": lambda r: f"/relaties/{r.id}/verkoopboekingen",
}
render_read = renderer(READ_KEYS, _COMPUTED)
render_write = renderer(WRITE_KEYS, _COMPUTED)


def bind(binder: Binder, existing: dict[str, Any] | None) -> dict[str, Any]:
    """The stored form of a RelatieWriteModel body (full replacement, CONTRACT §5.2)."""
    soorten = binder.array("relatiesoort")
    data: dict[str, Any] = {
        "relatiesoort": None,
        "relatiecode": binder.integer("relatiecode"),
        **{key: binder.string(key) for key in _STRINGS[:1]},
        "vestigingsAdres": bind_address(binder, "vestigingsAdres", default_land=True),
        "correspondentieAdres": bind_address(binder, "correspondentieAdres", default_land=True),
        **{key: binder.string(key) for key in _STRINGS[1:]},
        "fax": existing.get("fax") if existing else None,  # read-only: not in the write model
        "factuurkorting": binder.decimal("factuurkorting") or 0.0,
        "krediettermijn": binder.integer("krediettermijn") or 0,
        "bankieren": bool(binder.boolean("bankieren")),
        "nonactief": bool(binder.boolean("nonactief")),
        "kredietLimiet": binder.decimal("kredietLimiet") or 0.0,
        **{key: binder.string(key) for key in _MORE_STRINGS},
        "aanmaningsoort": binder.enum("aanmaningsoort", AANMANINGSOORTEN) or "Nee",
        **{key: bind_email_setting(binder, key) for key in EMAIL_SETTINGS},
        "ublBestandAlsBijlage": bool(binder.boolean("ublBestandAlsBijlage")),
        "incassoSoort": binder.enum("incassoSoort", INCASSOSOORTEN) or "Geen",
        "factuurRelatie": ref("relaties", binder.reference("factuurRelatie")),
        "documents": existing.get("documents", []) if existing else [],
        "extraVeldenKlant": existing.get("extraVeldenKlant", []) if existing else [],
    }
    if soorten is not None:
        data["relatiesoort"] = [
            Binder({"relatiesoort": item}, errors=binder.errors).enum(
                "relatiesoort", RELATIESOORTEN
            )
            for item in soorten
        ]
    return data


def validate(
    admin: Administration, data: dict[str, Any], record: Record | None
) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    soorten = data["relatiesoort"] or []
    klant = "Klant" in soorten
    add = errors.append
    if record is None:
        if not soorten or "Geen" in soorten:
            add(error_item("REL-0001"))
        if "Eigen" in soorten:
            add(error_item("REL-0048"))
        if "Klant" in soorten and "Leverancier" in soorten:
            add(error_item("REL-0065"))
    if data["aanmaningsoort"] != "Nee" and not klant:
        add(error_item("REL-0002"))
    if not -365 <= data["krediettermijn"] <= 1000:
        add(error_item("REL-0003"))
    if data["factuurkorting"] and not klant:
        add(error_item("REL-0004"))
    if not (data["naam"] or "").strip():
        add(error_item("REL-0007"))
    code = data["relatiecode"]
    owner = admin.relatiecodes.get(code) if code else None
    if owner is not None and (record is None or owner != record.id):
        add(error_item("REL-0008"))
    direct_debit = data["incassoSoort"] in ("Core", "B2B")
    if (data["bankieren"] or direct_debit) and not data["iban"]:
        add(error_item("REL-0009"))
    if data["iban"] and not valid_iban(data["iban"]):
        add(error_item("REL-0011"))
    if len(data["mobieleTelefoon"] or "") > 25:
        add(error_item("REL-0012"))
    if len(data["telefoon"] or "") > 25:
        add(error_item("REL-0013"))
    if data["bankieren"] and "Leverancier" not in soorten:
        add(error_item("REL-0014"))
    if data["incassoSoort"] != "Geen" and not klant:
        add(error_item("REL-0016"))
    errors.extend(_factuur_relatie_errors(admin, data))
    vestiging, correspondentie = data["vestigingsAdres"], data["correspondentieAdres"]
    errors.extend(
        address_errors(vestiging, ("REL-0020", "REL-0021", "REL-0022", "REL-0023"), "REL-0056")
    )
    errors.extend(
        address_errors(
            correspondentie, ("REL-0025", "REL-0026", "REL-0027", "REL-0028"), "REL-0055"
        )
    )
    errors.extend(_btw_errors(data["btwNummer"]))
    filled = [bool(vestiging[key]) for key in ("straat", "postcode", "plaats")]
    if any(filled) and not all(filled):
        add(error_item("REL-0060"))
    if data["email"] and not valid_email_list(data["email"]):
        add(error_item("REL-0061"))
    if data["kredietLimiet"] and not klant:
        add(error_item("REL-0062"))
    if data["oin"] and not re.fullmatch(r"\d{20}", data["oin"]):
        add(error_item("REL-0086"))
    return sorted(errors, key=lambda item: item["errorCode"])


def _factuur_relatie_errors(admin: Administration, data: dict[str, Any]) -> list[dict[str, Any]]:
    target_id = ref_id(data["factuurRelatie"])
    if target_id is None:
        return []
    target = admin.relaties.get(target_id)
    if target is None or target.deleted:
        return [error_item("REL-0017")]
    if "Klant" not in (target.data["relatiesoort"] or []):
        return [error_item("REL-0018")]
    return []


def _btw_errors(number: str | None) -> list[dict[str, Any]]:
    if not number:
        return []
    if len(number) > 50:
        return [error_item("REL-0057")]
    if len(number) < 2:
        return [error_item("REL-0058")]
    if not number.isalnum():
        return [error_item("REL-0059")]
    return []


def valid_iban(text: str) -> bool:
    iban = text.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


# -- operations ------------------------------------------------------------------------------------
def find(admin: Administration, record_id: str, *, inactive_ok: bool = True) -> Record:
    record = admin.relaties.get(record_id)
    if record is None or record.deleted or (record.data["nonactief"] and not inactive_ok):
        raise not_found("Relatie", record_id)
    return record


def next_relatiecode(admin: Administration) -> int:
    return max((code for code in admin.relatiecodes if code > 0), default=0) + 1


def create(store: Store, admin: Administration, body: dict[str, Any]) -> Record:
    binder = Binder(body)
    check_id_for_create(binder)
    data = bind(binder, None)
    finish_binding(binder)
    raise_if(validate(admin, data, None))
    if not data["relatiecode"]:
        data["relatiecode"] = next_relatiecode(admin)
    record = store.new_record(admin, data)
    admin.relaties.add(record)
    admin.relatiecodes[data["relatiecode"]] = record.id
    store.changed()
    return record


def update(store: Store, admin: Administration, record_id: str, body: dict[str, Any]) -> Record:
    record = find(admin, record_id)
    binder = Binder(body)
    check_id_for_update(binder, record_id)
    data = bind(binder, record.data)
    finish_binding(binder)
    current = record.data["relatiesoort"]
    if data["relatiesoort"] is None:
        data["relatiesoort"] = current
    elif sorted(s or "" for s in data["relatiesoort"]) != sorted(current):
        raise codes_error("REL-0064")
    raise_if(validate(admin, data, record))
    if not data["relatiecode"]:
        data["relatiecode"] = record.data["relatiecode"]
    admin.relatiecodes.pop(record.data["relatiecode"], None)
    admin.relatiecodes[data["relatiecode"]] = record.id
    store.touch(admin.relaties, record, data)
    store.changed()
    return record


def delete(store: Store, admin: Administration, record_id: str) -> None:
    record = find(admin, record_id)
    raise_if(delete_blockers(admin, record))
    if store.settings.delete_mode_relaties == "soft":
        record.deleted = True
        store.touch(admin.relaties, record, {**record.data, "nonactief": True})
    else:
        admin.relaties.remove(record_id)
        admin.relatiecodes.pop(record.data["relatiecode"], None)
    store.changed()


def delete_blockers(admin: Administration, record: Record) -> list[dict[str, Any]]:
    soorten = record.data["relatiesoort"] or []
    code = record.data["relatiecode"]
    if code == -1:
        return [error_item("REL-0067")]
    if "Eigen" in soorten or code == -2:
        return [error_item("REL-0103")]
    if any(ref_id(o.data["relatie"]) == record.id for o in admin.verkooporders):
        return [error_item("REL-0050")]
    if any(
        ref_id(other.data["factuurRelatie"]) == record.id and other.id != record.id
        for other in admin.relaties
        if not other.deleted
    ):
        return [error_item("REL-0051")]
    return []


def set_active(store: Store, admin: Administration, record_id: str, active: bool) -> Record:
    """What the UI's 'Deactiveren'/'Activeren' does: flip `nonactief` and bump modifiedOn."""
    record = find(admin, record_id)
    store.touch(admin.relaties, record, {**record.data, "nonactief": not active})
    store.changed()
    return record
