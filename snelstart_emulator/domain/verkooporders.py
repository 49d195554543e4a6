"""Verkooporders: binding, defaults, totals, validation (VOR-xxxx), CRUD, ProcesStatus."""

from __future__ import annotations

from typing import Any

from snelstart_emulator.binding import Binder
from snelstart_emulator.clock import format_wall
from snelstart_emulator.collection import Record
from snelstart_emulator.domain.common import (
    address_errors,
    bind_address,
    check_id_for_create,
    check_id_for_update,
    empty_address,
    finish_binding,
    money,
    raise_if,
    ref,
    ref_id,
    renderer,
    standard_computed,
)
from snelstart_emulator.domain.reference_data import BTW_PERCENTAGES, default_template
from snelstart_emulator.errors import codes_error, error_item, message_error
from snelstart_emulator.state import Administration, Store

PROCES_STATUSSEN = (
    "Order", "Offerte", "Bevestiging", "Werkbon", "Pakbon", "Afhaalbon", "Contantbon", "Factuur",
)  # fmt: skip
# CONTRACT §8a.2: these two stages cannot be set through the API. No code is documented for it;
# the emulator answers ALG-0102 with an explicit message.
NOT_SETTABLE = ("Contantbon", "Factuur")
BTW_INGAVE = ("Inclusief", "Exclusief")
ORDER_STATUSSEN = ("InBehandeling", "Uitgevoerd", "Service")

KEYS = (
    "relatie", "procesStatus", "nummer", "modifiedOn", "datum", "krediettermijn", "geblokkeerd",
    "omschrijving", "betalingskenmerk", "incassomachtiging", "afleveradres", "factuuradres",
    "verkooporderBtwIngaveModel", "kostenplaats", "regels", "memo", "orderreferentie",
    "factuurkorting", "verkoopfactuur", "verkoopordersjabloon", "verkoopOrderStatus",
    "totaalExclusiefBtw", "totaalInclusiefBtw", "extraHoofdVelden", "id", "uri",
)  # fmt: skip
render = renderer(KEYS, standard_computed("verkooporders"))


def _extra_fields(binder: Binder, name: str) -> list[dict[str, Any]]:
    return [
        {
            "veldNummer": item.integer("veldNummer") or 0,
            "omschrijving": None,
            "waarde": item.string("waarde"),
        }
        for item in binder.objects(name)
    ]


def _bind_line(line: Binder) -> dict[str, Any]:
    return {
        "artikel": ref("artikelen", line.reference("artikel")),
        "omschrijving": line.string("omschrijving"),
        "stuksprijs": line.decimal("stuksprijs"),
        "aantal": line.decimal("aantal"),
        "kortingsPercentage": line.decimal("kortingsPercentage") or 0.0,
        "totaal": line.decimal("totaal"),
        "extraRegelVelden": _extra_fields(line, "extraRegelVelden"),
    }


def bind(binder: Binder) -> dict[str, Any]:
    """The VerkoopOrderModel body as given; defaults are filled in by `complete`."""
    binder.required("relatie")
    binder.required("datum")
    datum = binder.datetime("datum")
    return {
        "relatie": ref("relaties", binder.reference("relatie")),
        "procesStatus": binder.enum("procesStatus", PROCES_STATUSSEN),
        "nummer": binder.integer("nummer"),
        "datum": format_wall(datum) if datum else None,
        "krediettermijn": binder.integer("krediettermijn"),
        "geblokkeerd": binder.boolean("geblokkeerd"),
        "omschrijving": binder.string("omschrijving"),
        "betalingskenmerk": binder.string("betalingskenmerk"),
        "incassomachtiging": ref("incassomachtigingen", binder.reference("incassomachtiging")),
        "afleveradres": bind_address(binder, "afleveradres", default_land=True)
        if binder.raw("afleveradres")
        else None,
        "factuuradres": bind_address(binder, "factuuradres", default_land=True)
        if binder.raw("factuuradres")
        else None,
        "verkooporderBtwIngaveModel": binder.enum("verkooporderBtwIngaveModel", BTW_INGAVE),
        "kostenplaats": ref("kostenplaatsen", binder.reference("kostenplaats")),
        "regels": [_bind_line(line) for line in binder.objects("regels")],
        "memo": binder.string("memo"),
        "orderreferentie": binder.string("orderreferentie"),
        "factuurkorting": binder.decimal("factuurkorting") or 0.0,
        "verkoopfactuur": None,  # filled by SnelStart when invoiced; read-only here
        "verkoopordersjabloon": ref(
            "verkoopordersjablonen", binder.reference("verkoopordersjabloon")
        ),
        "verkoopOrderStatus": binder.enum("verkoopOrderStatus", ORDER_STATUSSEN) or "InBehandeling",
        "totaalExclusiefBtw": binder.decimal("totaalExclusiefBtw"),
        "totaalInclusiefBtw": binder.decimal("totaalInclusiefBtw"),
        "extraHoofdVelden": _extra_fields(binder, "extraHoofdVelden"),
    }


def validate(admin: Administration, data: dict[str, Any], creating: bool) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    add = errors.append
    relatie = admin.relaties.get(ref_id(data["relatie"]) or "")
    if relatie is None or relatie.deleted:
        add(error_item("REL-0005"))
    elif "Klant" not in (relatie.data["relatiesoort"] or []):
        add(error_item("VOR-0002"))
    elif relatie.data["nonactief"]:
        add(error_item("ALG-0105"))
    if creating and data["nummer"]:
        add(error_item("VOR-0005"))
    if data["procesStatus"] in NOT_SETTABLE:
        add(
            error_item(
                "ALG-0102",
                f"De processtatus {data['procesStatus']} kan niet via de API worden gezet.",
            )
        )
    for key in ("afleveradres", "factuuradres"):
        if data[key]:
            errors.extend(
                address_errors(
                    data[key], ("VOR-0006", "VOR-0007", "VOR-0008", "VOR-0009"), "VOR-0010"
                )
            )
    if len(data["orderreferentie"] or "") > 50:
        add(error_item("VOR-0011"))
    if data["incassomachtiging"] is not None:
        add(error_item("VOR-0013"))  # the emulator keeps no direct-debit mandates
    template_id = ref_id(data["verkoopordersjabloon"])
    if template_id is not None and admin.sjablonen.get(template_id) is None:
        add(error_item("ALG-0103", "Het verkoopordersjabloon bestaat niet."))
    for line in data["regels"]:
        article_id = ref_id(line["artikel"])
        if article_id is None:
            continue
        article = admin.artikelen.get(article_id)
        if article is None or article.deleted:
            add(error_item("ART-0001"))
        elif article.data["isNonActief"]:
            add(error_item("ALG-0105", "Het artikel op de orderregel is nonactief."))
    return errors


def complete(admin: Administration, data: dict[str, Any]) -> dict[str, Any]:
    """Fill the server-side defaults and totals (CONTRACT §8a.2; UNCONFIRMED details)."""
    customer = admin.relaties.get(ref_id(data["relatie"]) or "")
    template = admin.sjablonen.get(ref_id(data["verkoopordersjabloon"]) or "") or default_template(
        admin
    )
    out = dict(data)
    out["procesStatus"] = data["procesStatus"] or "Order"
    if template is not None:
        out["verkoopordersjabloon"] = ref("verkoopordersjablonen", template.id)
    if out["krediettermijn"] is None:
        out["krediettermijn"] = customer.data["krediettermijn"] if customer else 0
    if out["geblokkeerd"] is None:
        out["geblokkeerd"] = bool(template and template.data["nieuweOrdersBlokkeren"])
    if out["verkooporderBtwIngaveModel"] is None:
        exclusive = template is None or template.data["prijsIngaveExclusiefBtw"]
        out["verkooporderBtwIngaveModel"] = "Exclusief" if exclusive else "Inclusief"
    vestiging = customer.data["vestigingsAdres"] if customer else empty_address()
    correspondentie = customer.data["correspondentieAdres"] if customer else empty_address()
    out["afleveradres"] = data["afleveradres"] or vestiging
    out["factuuradres"] = data["factuuradres"] or (
        correspondentie if correspondentie["straat"] else vestiging
    )
    out["regels"] = [_complete_line(admin, line) for line in data["regels"]]
    exclusive = out["verkooporderBtwIngaveModel"] == "Exclusief"
    excl, incl = _totals(admin, out["regels"], exclusive)
    if out["totaalExclusiefBtw"] is None:
        out["totaalExclusiefBtw"] = excl
    if out["totaalInclusiefBtw"] is None:
        out["totaalInclusiefBtw"] = incl
    return out


def _complete_line(admin: Administration, line: dict[str, Any]) -> dict[str, Any]:
    article = admin.artikelen.get(ref_id(line["artikel"]) or "")
    out = dict(line)
    if article is not None:
        out["omschrijving"] = line["omschrijving"] or article.data["omschrijving"]
        if line["stuksprijs"] is None:
            out["stuksprijs"] = article.data["verkoopprijs"]
        if line["aantal"] is None:
            out["aantal"] = 1.0
    out["stuksprijs"] = float(out["stuksprijs"] or 0.0)
    out["aantal"] = float(out["aantal"] or 0.0)
    if out["totaal"] is None:
        out["totaal"] = money(
            out["stuksprijs"] * out["aantal"] * (1 - out["kortingsPercentage"] / 100)
        )
    return out


def _totals(
    admin: Administration, lines: list[dict[str, Any]], exclusive: bool
) -> tuple[float, float]:
    excl = incl = 0.0
    for line in lines:
        rate = _vat_rate(admin, ref_id(line["artikel"])) / 100
        amount = line["totaal"] or 0.0
        if exclusive:
            excl += amount
            incl += amount * (1 + rate)
        else:
            incl += amount
            excl += amount / (1 + rate)
    return money(excl), money(incl)


def _vat_rate(admin: Administration, article_id: str | None) -> float:
    article = admin.artikelen.get(article_id or "")
    if article is None:
        return 0.0
    group = admin.groepen.get(ref_id(article.data["artikelOmzetgroep"]) or "")
    return BTW_PERCENTAGES.get(group.data["verkoopNederlandBtwSoort"], 0.0) if group else 0.0


# -- operations ------------------------------------------------------------------------------------
def find(admin: Administration, record_id: str) -> Record:
    record = admin.verkooporders.get(record_id)
    if record is None:
        raise message_error(404, f"Verkooporder met id '{record_id}' is niet gevonden.")
    return record


def create(store: Store, admin: Administration, body: dict[str, Any]) -> Record:
    binder = Binder(body)
    check_id_for_create(binder)
    data = bind(binder)
    finish_binding(binder)
    raise_if(validate(admin, data, creating=True))
    data = complete(admin, data)
    data["nummer"] = admin.next_order_number
    admin.next_order_number += 1
    record = store.new_record(admin, data)
    admin.verkooporders.add(record)
    store.changed()
    return record


def update(store: Store, admin: Administration, record_id: str, body: dict[str, Any]) -> Record:
    record = find(admin, record_id)
    binder = Binder(body)
    check_id_for_update(binder, record_id)
    data = bind(binder)
    finish_binding(binder)
    if store.settings.order_put_requires_offerte and record.data["procesStatus"] != "Offerte":
        raise codes_error("VOR-0015")
    raise_if(validate(admin, data, creating=False))
    data = complete(admin, data)
    data["nummer"] = record.data["nummer"]  # the number never changes
    data["verkoopfactuur"] = record.data["verkoopfactuur"]
    store.touch(admin.verkooporders, record, data)
    store.changed()
    return record


def set_proces_status(
    store: Store, admin: Administration, record_id: str, body: dict[str, Any]
) -> None:
    record = find(admin, record_id)
    binder = Binder(body)
    check_id_for_update(binder, record_id)
    binder.required("procesStatus")
    status = binder.enum("procesStatus", PROCES_STATUSSEN)
    finish_binding(binder)
    if status in NOT_SETTABLE:
        raise_if(
            [error_item("ALG-0102", f"De processtatus {status} kan niet via de API worden gezet.")]
        )
    store.touch(admin.verkooporders, record, {**record.data, "procesStatus": status})
    store.changed()


def delete(store: Store, admin: Administration, record_id: str) -> None:
    record = admin.verkooporders.get(record_id)
    if record is None:
        if store.settings.verkooporder_delete_unknown == "VOR-0001":
            raise codes_error("VOR-0001")
        raise message_error(404, f"Verkooporder met id '{record_id}' is niet gevonden.")
    admin.verkooporders.remove(record_id)
    store.changed()
