"""UI pages for sales orders (verkooporders): list, new-order form, detail page with 'Wijzigen'.

An order made here goes through `domain.verkooporders.create` with a body like an API client's
POST, so it gets its nummer, modifiedOn, server defaults and totals exactly as an API-created
order; 'Wijzigen' sends the stored order back through `update` (PUT semantics) with only
omschrijving and memo changed. Errors come back on the form in Dutch with what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from snelstart_emulator.collection import Record
from snelstart_emulator.domain import verkooporders
from snelstart_emulator.domain.common import ref_id
from snelstart_emulator.errors import ApiError
from snelstart_emulator.state import Administration
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

#: Empty article rows on a new form, rows the 'Meer regels' button adds, and a ceiling.
START_ROWS = 5
MORE_ROWS = 5
MAX_ROWS = 100
TEXT_LINE = "Tekstregel"
_DUTCH_DATE = re.compile(r"^\s*(\d{1,2})-(\d{1,2})-(\d{4})\s*$")
_LINE_PATH = re.compile(r"^regels\[(\d+)\]\.?(.*)$")
_FIELD_LABELS = {
    "relatie": "Klant",
    "relatie.id": "Klant",
    "datum": "Datum",
    "omschrijving": "Omschrijving",
    "memo": "Memo",
    "orderreferentie": "Orderreferentie",
    "artikel": "Artikel",
    "artikel.id": "Artikel",
    "aantal": "Aantal",
}
_REQUIRED = {"relatie": "Kies een klant.", "datum": "Vul een datum in."}


# -- choices ---------------------------------------------------------------------------------------
def _customers(admin: Administration) -> list[tuple[str, str]]:
    """(id, label) of the active customers, sorted by name."""
    rows = [
        r
        for r in admin.relaties
        if not r.deleted and not r.data["nonactief"] and "Klant" in (r.data["relatiesoort"] or [])
    ]
    rows.sort(key=lambda r: ((r.data["naam"] or "").casefold(), r.data["relatiecode"] or 0))
    return [(r.id, _customer_label(r)) for r in rows]


def _customer_label(record: Record) -> str:
    plaats = (record.data["vestigingsAdres"] or {}).get("plaats")
    label = f"{record.data['naam']} ({record.data['relatiecode']})"
    return f"{label} – {plaats}" if plaats else label


def _articles(admin: Administration) -> list[tuple[str, str]]:
    """(id, label) of the active articles, sorted by code; the label starts with the code so a
    closed select jumps to an article when its code is typed."""
    rows = [a for a in admin.artikelen if not a.deleted and not a.data["isNonActief"]]
    rows.sort(key=lambda a: str(a.data["artikelcode"]).casefold())
    return [
        (
            a.id,
            f"{a.data['artikelcode']} – {a.data['omschrijving']} (€ {a.data['verkoopprijs']:.2f})",
        )
        for a in rows
    ]


# -- the new-order form ----------------------------------------------------------------------------
def _text(form: Mapping[str, Any], name: str) -> str:
    return str(form.get(name) or "").strip()


def _row_count(form: Mapping[str, Any]) -> int:
    return min(max(as_int(_text(form, "regels"), START_ROWS), START_ROWS), MAX_ROWS)


def _datum(text: str) -> str | None:
    """The date as the API takes it: ISO from a date input; dd-mm-jjjj typed by hand is accepted."""
    match = _DUTCH_DATE.match(text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text or None


def _number(text: str) -> str | None:
    return text.replace(",", ".") if text else None


def order_body(form: Mapping[str, Any]) -> tuple[dict[str, Any], list[str], list[str]]:
    """The POST /verkooporders body a form describes, the name of the form row behind each body
    line (for messages) and the form's own errors (a row with a quantity but nothing to order).

    A row without an article but with a description becomes a text line, like the free text
    line that comes last. Empty fields are sent as null so the server defaults apply (the
    article's price and description, 1 piece).
    """
    lines: list[dict[str, Any]] = []
    names: list[str] = []
    errors: list[str] = []
    for row in range(1, _row_count(form) + 1):
        artikel = _text(form, f"regel-{row}-artikel")
        aantal = _text(form, f"regel-{row}-aantal")
        omschrijving = _text(form, f"regel-{row}-omschrijving")
        if not artikel and not omschrijving:
            if aantal:
                errors.append(f"Regel {row}: kies een artikel of vul een omschrijving in.")
            continue
        line: dict[str, Any] = {"aantal": _number(aantal), "omschrijving": omschrijving or None}
        if artikel:
            line["artikel"] = {"id": artikel}
        lines.append(line)
        names.append(f"Regel {row}")
    tekstregel = _text(form, "tekstregel")
    if tekstregel:
        lines.append({"omschrijving": tekstregel})
        names.append(TEXT_LINE)
    relatie = _text(form, "relatie")
    body = {
        "relatie": {"id": relatie} if relatie else None,
        "datum": _datum(_text(form, "datum")),
        "omschrijving": _text(form, "omschrijving") or None,
        "memo": str(form.get("memo") or "").strip() or None,
        "orderreferentie": _text(form, "orderreferentie") or None,
        "regels": lines,
    }
    return body, names, errors


def dutch_messages(error: ApiError, line_names: list[str]) -> list[str]:
    """The error as Dutch lines: validation codes keep their (Dutch) text, the English model-state
    texts of ASP.NET (missing or unreadable values) are translated and say which form row."""
    body = error.body
    if not (isinstance(body, dict) and "modelState" in body):
        return messages(error)
    out = []
    for key, texts in body["modelState"].items():
        path = key.removeprefix("model.")
        where = ""
        match = _LINE_PATH.match(path)
        if match:
            index, path = int(match.group(1)), match.group(2)
            where = f"{line_names[index] if index < len(line_names) else 'Regel'}: "
        label = _FIELD_LABELS.get(path, path or "Waarde")
        for text in texts:
            if "required" in text:
                out.append(where + _REQUIRED.get(path, f"{label} is verplicht."))
            elif "Guid" in text:
                out.append(f"{where}{label}: deze keuze bestaat niet (meer).")
            elif "decimal" in text or "integer" in text:
                out.append(f"{where}{label} is geen geldig getal.")
            elif "DateTime" in text:
                out.append(f"{where}{label} is geen geldige datum.")
            else:
                out.append(f"{where}{label} is ongeldig.")
    return out


def _form_page(
    request: Request,
    admin: Administration,
    values: Mapping[str, Any],
    errors: list[str],
    rows: int,
    status: int = 200,
) -> Response:
    return render(
        request,
        "verkooporder_form.html",
        status,
        admin=admin,
        values=values,
        errors=errors,
        rows=rows,
        customers=_customers(admin),
        articles=_articles(admin),
    )


@router.get("/a/{administration_id}/verkooporders/nieuw")
async def order_new(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    today = store_of(request).clock.now_local().date().isoformat()
    return _form_page(request, admin, {"datum": today}, [], START_ROWS)


@router.post("/a/{administration_id}/verkooporders/nieuw")
async def order_create(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    form = await request.form()
    values = {key: str(value) for key, value in form.items()}
    rows = _row_count(values)
    if values.get("actie") == "meer-regels":
        return _form_page(request, admin, values, [], min(rows + MORE_ROWS, MAX_ROWS))
    body, line_names, errors = order_body(values)
    if errors:
        return _form_page(request, admin, values, errors, rows, 400)
    try:
        record = verkooporders.create(store_of(request), admin, body)
    except ApiError as error:
        return _form_page(request, admin, values, dutch_messages(error, line_names), rows, 400)
    return redirect(f"/a/{admin.id}/verkooporders/{record.id}?aangemaakt=1")


# -- list ------------------------------------------------------------------------------------------
def _date_text(datum: str | None) -> str:
    """dd-mm-jjjj of the order date."""
    if not datum or len(datum) < 10:
        return datum or ""
    return f"{datum[8:10]}-{datum[5:7]}-{datum[0:4]}"


def _summary(record: Record, names: Mapping[str, str]) -> dict[str, Any]:
    data = record.data
    return {
        "id": record.id,
        "nummer": data["nummer"],
        "datum": _date_text(data["datum"]),
        "klant": names.get(ref_id(data["relatie"]) or "", "?"),
        "omschrijving": data["omschrijving"] or "",
        "orderreferentie": data["orderreferentie"] or "",
        "procesStatus": data["procesStatus"],
        "totaal": data["totaalExclusiefBtw"] or 0.0,
    }


@router.get("/a/{administration_id}/verkooporders")
async def orders(request: Request, administration_id: str) -> Response:
    admin = administration(request, administration_id)
    query = request.query_params.get("q", "").strip()
    names = {r.id: r.data["naam"] for r in admin.relaties}
    rows = [_summary(record, names) for record in reversed(list(admin.verkooporders))]
    if query:
        needle = query.casefold()
        fields = ("nummer", "klant", "omschrijving", "orderreferentie")
        rows = [r for r in rows if any(needle in str(r[f]).casefold() for f in fields)]
    shown, number, pages = page(rows, as_int(request.query_params.get("pagina")))
    return render(
        request,
        "verkooporders.html",
        admin=admin,
        rows=shown,
        q=query,
        pagina=number,
        paginas=pages,
        total=len(rows),
    )


# -- detail and 'Wijzigen' -------------------------------------------------------------------------
def _detail_page(
    request: Request,
    admin: Administration,
    record: Record,
    values: Mapping[str, Any],
    errors: list[str],
    status: int = 200,
) -> Response:
    data = record.data
    relatie = admin.relaties.get(ref_id(data["relatie"]) or "")
    lines = [_line(admin, line) for line in data["regels"]]
    notice = ""
    if request.query_params.get("aangemaakt"):
        notice = f"Verkooporder {data['nummer']} is aangemaakt."
    elif request.query_params.get("gewijzigd"):
        notice = "De wijzigingen zijn opgeslagen."
    return render(
        request,
        "verkooporder.html",
        status,
        admin=admin,
        order=record,
        relatie=relatie,
        datum=_date_text(data["datum"]),
        lines=lines,
        values=values,
        errors=errors,
        notice=notice,
    )


def _quantity(value: float | None) -> str:
    """2.0 → '2', 2.5 → '2.5'."""
    return f"{value or 0:f}".rstrip("0").rstrip(".")


def _line(admin: Administration, line: Mapping[str, Any]) -> dict[str, Any]:
    article_id = ref_id(line["artikel"])
    article = admin.artikelen.get(article_id) if article_id else None
    korting = line["kortingsPercentage"] or 0
    return {
        "code": article.data["artikelcode"] if article else ("?" if article_id else ""),
        "omschrijving": line["omschrijving"] or "",
        "aantal": _quantity(line["aantal"]),
        "stuksprijs": line["stuksprijs"] or 0.0,
        "korting": f"{_quantity(korting)} %" if korting else "",
        "totaal": line["totaal"] or 0.0,
    }


def _edit_values(data: Mapping[str, Any]) -> dict[str, str]:
    return {"omschrijving": data["omschrijving"] or "", "memo": data["memo"] or ""}


@router.get("/a/{administration_id}/verkooporders/{record_id}")
async def order_detail(request: Request, administration_id: str, record_id: str) -> Response:
    admin = administration(request, administration_id)
    record = verkooporders.find(admin, record_id)
    return _detail_page(request, admin, record, _edit_values(record.data), [])


@router.post("/a/{administration_id}/verkooporders/{record_id}")
async def order_update(request: Request, administration_id: str, record_id: str) -> Response:
    """'Wijzigen': the stored order as a PUT body with the new omschrijving and memo."""
    admin = administration(request, administration_id)
    record = verkooporders.find(admin, record_id)
    form = await request.form()
    values = {"omschrijving": _text(form, "omschrijving"), "memo": str(form.get("memo") or "")}
    body = verkooporders.render(record)
    body.update(omschrijving=values["omschrijving"] or None, memo=values["memo"].strip() or None)
    try:
        verkooporders.update(store_of(request), admin, record_id, body)
    except ApiError as error:
        return _detail_page(request, admin, record, values, dutch_messages(error, []), 400)
    return redirect(f"/a/{admin.id}/verkooporders/{record_id}?gewijzigd=1")
