"""What a SnelStart sales order becomes in Simon: pure functions (S23–S26, manual 5.13).

Decided here (and in the user guide):
- The filter word (S24) is matched anywhere in the order's description, upper or lower case
  alike, the same rule as the sending filter word (S18). Empty: every order.
- Article lines (S25) become materials with the same article and quantity when Simon holds
  that article (it came from SnelStart, in a chosen article group, and is active). Other lines
  are not dropped silently: text lines (no article) are added to the work description under
  'Tekstregels uit de verkooporder', and lines with an article Simon does not hold (or a
  quantity that is not positive) under 'Niet als materiaal overgenomen', so the monteur sees
  them and can book a replacement.
- The delivery address picks the customer's work address whose street, postcode and city match
  (spaces and case ignored); otherwise the work order gets no work address.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.utils.translation import gettext as _

from simon.lib.text import clean_line, clean_text
from snelstart import VerkoopOrder

DESCRIPTION_MAX = 10_000


@dataclass(frozen=True)
class OrderLine:
    article_id: UUID | None
    text: str
    quantity: Decimal | None


@dataclass(frozen=True)
class OrderFacts:
    id: UUID
    number: int | None
    relatie_id: UUID | None
    description: str
    memo: str
    orderreferentie: str
    modified_on: datetime | None  # SnelStart's wall-clock time, naive
    lines: tuple[OrderLine, ...] = ()
    delivery: tuple[str, str, str] = ("", "", "")  # street, postcode, city


@dataclass(frozen=True)
class ArticleRef:
    pk: int
    code: str
    description: str


@dataclass(frozen=True)
class Plan:
    """The work order to make: its description and materials (article pk, quantity)."""

    description: str
    materials: tuple[tuple[int, Decimal], ...] = ()
    not_taken: tuple[str, ...] = field(default=())


def order_facts(order: VerkoopOrder) -> OrderFacts:
    lines = tuple(
        OrderLine(
            article_id=line.artikel.id if line.artikel else None,
            text=clean_line(line.omschrijving),
            quantity=line.aantal,
        )
        for line in order.regels or []
    )
    address = order.afleveradres
    delivery = (
        (clean_line(address.straat), clean_line(address.postcode), clean_line(address.plaats))
        if address is not None
        else ("", "", "")
    )
    assert order.id is not None
    return OrderFacts(
        id=order.id,
        number=order.nummer,
        relatie_id=order.relatie.id if order.relatie else None,
        description=clean_line(order.omschrijving),
        memo=clean_text((order.memo or "").replace("\r\n", "\n").replace("\r", "\n")).strip(),
        orderreferentie=clean_line(order.orderreferentie),
        modified_on=order.modified_on,
        lines=lines,
        delivery=delivery,
    )


def matches_filter(description: str, filter_word: str) -> bool:
    """S24: the filter word anywhere in the description, case ignored; empty: every order."""
    word = filter_word.strip()
    return not word or word.casefold() in description.casefold()


def skip_reason(
    order: OrderFacts,
    *,
    filter_word: str,
    since: datetime | None,
    own_ids: Iterable[UUID] = (),
    own_markers: Iterable[str] = (),
) -> str | None:
    """Why this order does not become a work order, or None when it does.

    ``since`` is the switch-on moment as SnelStart's wall-clock time: older orders are history.
    """
    if order.id in set(own_ids) or (
        order.orderreferentie and order.orderreferentie in set(own_markers)
    ):
        return "own"  # sent by Simon itself (part 2): never pulled back
    if since is not None and (order.modified_on is None or order.modified_on < since):
        return "history"
    if not matches_filter(order.description, filter_word):
        return "filter"
    return None


def work_description(order: OrderFacts, choice: str) -> str:
    """S26: the order's description, its memo, or both."""
    parts = {
        "omschrijving": [order.description],
        "memo": [order.memo],
        "beide": [order.description, order.memo],
    }.get(choice, [order.description])
    return "\n\n".join(part for part in parts if part)


def _quantity_text(quantity: Decimal | None) -> str:
    if quantity is None:
        return ""
    return f"{quantity.normalize():f}".replace(".", ",") + " × "


def plan(
    order: OrderFacts,
    *,
    description_choice: str,
    with_lines: bool,
    articles: Mapping[UUID, ArticleRef],
) -> Plan:
    """The work order for this order: description (S26) and materials (S25)."""
    materials: list[tuple[int, Decimal]] = []
    texts: list[str] = []
    not_taken: list[str] = []
    for line in order.lines if with_lines else ():
        article = articles.get(line.article_id) if line.article_id else None
        if line.article_id is None:
            if line.text:
                texts.append(line.text)
        elif article is not None and line.quantity is not None and line.quantity > 0:
            materials.append((article.pk, line.quantity))
        else:
            label = line.text or (article.description if article else "") or str(line.article_id)
            not_taken.append(_quantity_text(line.quantity) + label)
    blocks = [work_description(order, description_choice)]
    if texts:
        blocks.append(_("Tekstregels uit de verkooporder:") + "\n" + "\n".join(texts))
    if not_taken:
        blocks.append(
            _("Niet als materiaal overgenomen (artikel niet in Simon):")
            + "\n"
            + "\n".join(f"- {item}" for item in not_taken)
        )
    text = "\n\n".join(block for block in blocks if block)[:DESCRIPTION_MAX]
    return Plan(description=text, materials=tuple(materials), not_taken=tuple(not_taken))


def _address_key(street: str, postcode: str, city: str) -> tuple[str, str, str]:
    def norm(value: str) -> str:
        return "".join(value.split()).casefold()

    return norm(street), norm(postcode), norm(city)


def matching_address(order: OrderFacts, addresses: Iterable[Any]) -> Any | None:
    """The work address whose street (with number), postcode and city are the order's
    delivery address; None when none matches or the order has none."""
    if not any(order.delivery):
        return None
    wanted = _address_key(*order.delivery)
    for address in addresses:
        number = " ".join(p for p in (address.house_number, address.house_number_addition) if p)
        street = f"{address.street} {number}".strip()
        if _address_key(street, address.postcode, address.city) == wanted:
            return address
    return None
