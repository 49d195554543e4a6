"""The sales order a work order becomes: a pure function of the work order and the settings.

``build_sales_order(facts, settings)`` takes plain values (``WorkOrderFacts``, ``ExportSettings``;
see ``facts.py`` for how they are read from the database) and returns a ``SalesOrderDraft``:
what the preview shows and what ``to_verkooporder`` sends. No I/O, so every setting of S10–S20
and their combinations are tested table-driven (``tests/test_push_payload.py``).

Rules that the manual leaves open, decided here:
- Hours are total minutes / 60, rounded once on the total, half-up to 4 decimals where the
  division does not terminate: 120 min → 2, 15 min → 0.25, 20 min → 0.3333 (S10, S11;
  ``simon.workorders.services.minutes_to_hours``).
- Line order: the text line with the work description (S14), the fixed article (S13), work
  time (S10), travel time (S11), then the materials in the order of the work order (S12).
- Article lines carry no description and no price: SnelStart fills in its own article text and
  price (S21); the office can still change both in SnelStart.
- Texts that are too long are cut with '…' and the draft says which (``cuts``); a description
  never makes the order fail. Limits are SnelStart's where the contract documents one
  (orderreferentie 50, line text 250) and otherwise a conservative choice of ours.
- An empty order description (e.g. 'Klantreferentie' chosen, none filled in) falls back to
  'Werkbon <number>' so the order is never nameless in SnelStart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.utils.translation import gettext as _

from simon.lib.text import clean_line, clean_text
from simon.workorders.services.queries import minutes_to_hours
from snelstart import Identifier, VerkoopOrder, VerkoopOrderRegel

# Documented by SnelStart (CONTRACT §8a.2): orderreferentie (VOR-0011) and the line text.
ORDER_REFERENCE_MAX = 50
LINE_TEXT_MAX = 250
# Not documented; our choice, generous enough for a sentence and safe for SnelStart's screens.
DESCRIPTION_MAX = 200
PAYMENT_REFERENCE_MAX = 50
MEMO_MAX = 2000

ELLIPSIS = "…"


@dataclass(frozen=True)
class MaterialItem:
    article_id: UUID | None  # SnelStart's id; None for an article made in Simon
    article_code: str
    description: str
    quantity: Decimal
    active: bool = True


@dataclass(frozen=True)
class WorkOrderFacts:
    """What of a work order ends up on its sales order, as plain values."""

    number: str
    code: UUID
    description: str
    customer_reference: str
    archived_on: date
    customer_present: bool = False
    customer_id: UUID | None = None  # SnelStart's relatie id
    customer_name: str = ""
    customer_active: bool = True
    work_address: str = ""  # one line: 'Dorpsstraat 12, 1234 AB Utrecht'
    work_address_block: str = ""  # label, address and contact, one per line
    work_minutes: int = 0
    travel_minutes: int = 0
    materials: tuple[MaterialItem, ...] = ()


@dataclass(frozen=True)
class SettingsArticle:
    article_id: UUID | None
    code: str
    description: str = ""
    known: bool = True  # still an active article of SnelStart as far as Simon knows


@dataclass(frozen=True)
class ExportSettings:
    """One version of the integration settings, as far as sending is concerned (S10–S20)."""

    version: int = 0
    work_article: SettingsArticle | None = None
    travel_article: SettingsArticle | None = None
    fixed_article: SettingsArticle | None = None
    order_description: str = "werkomschrijving"
    payment_reference: str = "werkbonnummer"
    memo: str = "werkadres"
    first_line_description: bool = False
    filter_word: str = ""
    template_id: UUID | None = None
    template_name: str = ""
    order_type: str = "standaard"
    suffix: str = ""


@dataclass(frozen=True)
class Line:
    kind: str  # "text", "fixed", "work", "travel", "material"
    article_id: UUID | None
    article_code: str
    description: str  # shown in the preview; sent only for a text line
    quantity: Decimal | None

    @property
    def is_text(self) -> bool:
        return self.kind == "text"


@dataclass(frozen=True)
class Cut:
    field: str
    length: int
    limit: int


@dataclass(frozen=True)
class SalesOrderDraft:
    relatie_id: UUID | None
    datum: date
    omschrijving: str
    betalingskenmerk: str
    memo: str
    orderreferentie: str
    template_id: UUID | None
    proces_status: str
    lines: tuple[Line, ...]
    cuts: tuple[Cut, ...] = field(default=())


# --- text helpers ---------------------------------------------------------------------------


def clean(text: str, *, single_line: bool) -> str:
    """Control characters out (``simon.lib.text``); a single-line field gets its whitespace
    collapsed, a multi-line one keeps its lines."""
    if single_line:
        return clean_line(text)
    lines = clean_text((text or "").replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def fit(text: str, limit: int) -> tuple[str, bool]:
    """The text cut to ``limit`` characters with '…' at the end, and whether it was cut."""
    if len(text) <= limit:
        return text, False
    return text[: limit - 1].rstrip() + ELLIPSIS, True


def is_filtered(description: str, filter_word: str) -> bool:
    """S18: the filter word anywhere in the work description, upper or lower case alike."""
    word = filter_word.strip()
    return bool(word) and word.casefold() in (description or "").casefold()


def marker_for(number: str, code: UUID) -> str:
    """The order's ``orderreferentie``: readable, and unique thanks to the code's random tail
    (docs/decisions/0003-sales-order-marker.md)."""
    return f"Werkbon {number} ({code.hex[-6:]})"[:ORDER_REFERENCE_MAX]


# --- the parts ------------------------------------------------------------------------------


def _description(facts: WorkOrderFacts, settings: ExportSettings) -> str:
    chosen = {
        "werkomschrijving": facts.description,
        "werkadres": facts.work_address,
        "klantreferentie": facts.customer_reference,
    }.get(settings.order_description, facts.description)
    return clean(chosen, single_line=True) or _("Werkbon %(number)s") % {"number": facts.number}


def _with_suffix(text: str, suffix: str) -> tuple[str, bool]:
    suffix = clean(suffix, single_line=True)
    if not suffix:
        return fit(text, DESCRIPTION_MAX)
    body, cut = fit(text, DESCRIPTION_MAX - len(suffix) - 1)
    return f"{body} {suffix}", cut


def _payment_reference(facts: WorkOrderFacts, settings: ExportSettings) -> str:
    reference = clean(facts.customer_reference, single_line=True)
    choice = settings.payment_reference
    if choice == "werkbonnummer":
        return facts.number
    if choice == "klantreferentie":
        return reference
    if choice == "beide":
        return f"{facts.number} / {reference}" if reference else facts.number
    return ""


def _memo(facts: WorkOrderFacts, settings: ExportSettings) -> str:
    address = clean(facts.work_address_block, single_line=False)
    description = clean(facts.description, single_line=False)
    parts = {
        "werkadres": [address],
        "werkomschrijving": [description],
        "beide": [address, description],
    }.get(settings.memo, [])
    return "\n\n".join(part for part in parts if part)


def _article_line(kind: str, article: SettingsArticle | None, quantity: Decimal) -> list[Line]:
    if article is None or not article.code or quantity <= 0:
        return []
    return [Line(kind, article.article_id, article.code, article.description, quantity)]


def _lines(facts: WorkOrderFacts, settings: ExportSettings) -> tuple[list[Line], list[Cut]]:
    lines: list[Line] = []
    cuts: list[Cut] = []
    first = clean(facts.description, single_line=True)
    if settings.first_line_description and first:
        text, was_cut = fit(first, LINE_TEXT_MAX)
        if was_cut:
            cuts.append(Cut("regel", len(first), LINE_TEXT_MAX))
        lines.append(Line("text", None, "", text, None))
    lines += _article_line("fixed", settings.fixed_article, Decimal(1))
    lines += _article_line("work", settings.work_article, minutes_to_hours(facts.work_minutes))
    lines += _article_line(
        "travel", settings.travel_article, minutes_to_hours(facts.travel_minutes)
    )
    for item in facts.materials:
        lines.append(
            Line("material", item.article_id, item.article_code, item.description, item.quantity)
        )
    return lines, cuts


def build_sales_order(facts: WorkOrderFacts, settings: ExportSettings) -> SalesOrderDraft:
    """The sales order this work order becomes under these settings (S10–S21)."""
    cuts: list[Cut] = []
    description = _description(facts, settings)
    omschrijving, was_cut = _with_suffix(description, settings.suffix)
    if was_cut:
        cuts.append(Cut("omschrijving", len(description), DESCRIPTION_MAX))
    reference = _payment_reference(facts, settings)
    betalingskenmerk, was_cut = fit(reference, PAYMENT_REFERENCE_MAX)
    if was_cut:
        cuts.append(Cut("betalingskenmerk", len(reference), PAYMENT_REFERENCE_MAX))
    full_memo = _memo(facts, settings)
    memo, was_cut = fit(full_memo, MEMO_MAX)
    if was_cut:
        cuts.append(Cut("memo", len(full_memo), MEMO_MAX))
    lines, line_cuts = _lines(facts, settings)
    return SalesOrderDraft(
        relatie_id=facts.customer_id,
        datum=facts.archived_on,
        omschrijving=omschrijving,
        betalingskenmerk=betalingskenmerk,
        memo=memo,
        orderreferentie=marker_for(facts.number, facts.code),
        template_id=settings.template_id,
        proces_status="Werkbon" if settings.order_type == "werkbon" else "Order",
        lines=tuple(lines),
        cuts=tuple(cuts + line_cuts),
    )


def to_verkooporder(draft: SalesOrderDraft) -> VerkoopOrder:
    """The request body of ``POST /verkooporders``: no prices, no line texts for articles."""
    regels = [
        VerkoopOrderRegel(omschrijving=line.description)
        if line.is_text
        else VerkoopOrderRegel(artikel=Identifier(id=line.article_id), aantal=line.quantity)
        for line in draft.lines
    ]
    return VerkoopOrder(
        relatie=Identifier(id=draft.relatie_id),
        datum=datetime(draft.datum.year, draft.datum.month, draft.datum.day),
        proces_status=draft.proces_status,
        omschrijving=draft.omschrijving or None,
        betalingskenmerk=draft.betalingskenmerk or None,
        memo=draft.memo or None,
        orderreferentie=draft.orderreferentie,
        verkoopordersjabloon=Identifier(id=draft.template_id) if draft.template_id else None,
        regels=regels,
    )
