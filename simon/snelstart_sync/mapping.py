"""Pure mappings from SnelStart records to the fields of Simon's rows (no I/O).

SnelStart keeps street and house number in one field (``straat``, CONTRACT §4). Dutch
addresses put the number last ('Dorpsstraat 12A'); when a text has that shape it is split, and
anything else ('12 Dorpsstraat', 'Dorpsstraat 12 t/m 14', 'Postbus') is kept whole in the street
field with no house number, so nothing is guessed wrongly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from simon.lib.choices import Source
from snelstart import Adres, Artikel, ArtikelOmzetgroep, Relatie

# Street (may itself contain numbers: '2e Hugo de Grootstraat', 'Plein 1944'), then the house
# number, then an optional addition: glued letter(s) ('12A'), a short word or roman numeral after
# a space ('12 bis', '12 hs', '12 II'), or anything short after a hyphen ('12-2', '12-A').
_STRAAT = re.compile(
    r"""^(?P<street>.*\S)\s+
        (?P<number>[1-9]\d{0,4})
        (?:
            (?P<glued>[A-Za-z]{1,3})
          | \s*-\s*(?P<hyphen>[A-Za-z0-9]{1,4})
          | \s+(?P<word>[A-Za-z]{1,4})
        )?
        $""",
    re.VERBOSE,
)
# Words after a number that mean the text is not one address we can split safely.
_AMBIGUOUS = re.compile(r"\b(t/m|tm|en|of)\b|[/&]", re.IGNORECASE)

NAME_MAX = 100
DESCRIPTION_MAX = 250
CODE_MAX = 50
UNIT_MAX = 20
STREET_MAX = 100
POSTCODE_MAX = 10
CITY_MAX = 100


def split_straat(straat: str | None) -> tuple[str, str, str]:
    """('Dorpsstraat', '12', 'A') for 'Dorpsstraat 12A'; (text, '', '') when not unambiguous."""
    text = " ".join((straat or "").split())
    if not text or _AMBIGUOUS.search(text):
        return text, "", ""
    match = _STRAAT.match(text)
    if match is None:
        return text, "", ""
    addition = match["glued"] or match["hyphen"] or match["word"] or ""
    return match["street"].rstrip(" ,"), match["number"], addition


def _postcode(value: str | None) -> str:
    text = " ".join((value or "").split()).upper()
    compact = text.replace(" ", "")
    if re.fullmatch(r"\d{4}[A-Z]{2}", compact):
        return f"{compact[:4]} {compact[4:]}"  # Dutch style: '1234 AB'
    return text[:POSTCODE_MAX]


def _address_of(relatie: Relatie) -> Adres | None:
    """The debtor address: the business address, else the correspondence address."""
    for adres in (relatie.vestigings_adres, relatie.correspondentie_adres):
        if adres is not None and (adres.straat or adres.plaats or adres.postcode):
            return adres
    return None


def address_fields(adres: Adres | None, countries: Mapping[UUID, str]) -> dict[str, Any]:
    if adres is None:
        street, number, addition = "", "", ""
        postcode = city = ""
        country = "NL"
    else:
        street, number, addition = split_straat(adres.straat)
        postcode, city = _postcode(adres.postcode), (adres.plaats or "").strip()
        land_id = adres.land.id if adres.land is not None else None
        country = countries.get(land_id, "NL") if land_id is not None else "NL"
    return {
        "street": street[:STREET_MAX],
        "house_number": number,
        "house_number_addition": addition,
        "postcode": postcode,
        "city": city[:CITY_MAX],
        "country_code": (country or "NL")[:2].upper(),
    }


def is_customer(relatie: Relatie) -> bool:
    return "Klant" in (relatie.relatiesoort or [])


def customer_fields(relatie: Relatie, countries: Mapping[UUID, str]) -> dict[str, Any]:
    """The Customer row for a SnelStart relatie (S1, S3)."""
    return {
        "name": (relatie.naam or "").strip()[:NAME_MAX] or f"Relatie {relatie.relatiecode}",
        "relatiecode": relatie.relatiecode
        if relatie.relatiecode and relatie.relatiecode > 0
        else None,
        "email": (relatie.email or "").split(";")[0].strip()[:254],
        "phone": (relatie.telefoon or relatie.mobiele_telefoon or "").strip()[:30],
        "active": not bool(relatie.nonactief),
        "source": Source.SNELSTART,
        **address_fields(_address_of(relatie), countries),
    }


def work_address_fields(relatie: Relatie, countries: Mapping[UUID, str]) -> dict[str, Any]:
    """The customer's first work address, derived from the same debtor address (S3)."""
    adres = _address_of(relatie)
    return {
        "contact_name": ((adres.contactpersoon if adres else "") or "").strip()[:100],
        "source": Source.SNELSTART,
        "active": not bool(relatie.nonactief),
        **address_fields(adres, countries),
    }


def group_fields(group: ArtikelOmzetgroep) -> dict[str, Any]:
    return {
        "name": (group.omschrijving or "").strip()[:NAME_MAX] or f"Groep {group.nummer}",
        "number": group.nummer,
        "source": Source.SNELSTART,
        "active": True,
    }


def chosen_group_ids(groups: list[ArtikelOmzetgroep], names: list[str]) -> set[UUID] | None:
    """Ids of the groups whose name is chosen, exactly and case-sensitively (S2); None = all."""
    if not names:
        return None
    wanted = set(names)
    return {g.id for g in groups if g.id is not None and (g.omschrijving or "") in wanted}


def article_group_id(artikel: Artikel) -> UUID | None:
    return artikel.artikel_omzetgroep.id if artikel.artikel_omzetgroep is not None else None


def article_visible(artikel: Artikel, chosen: set[UUID] | None) -> bool:
    """Active and in a chosen group: only then is it offered in Simon (S2, S5)."""
    if artikel.is_non_actief:
        return False
    return chosen is None or article_group_id(artikel) in chosen


def article_fields(artikel: Artikel, chosen: set[UUID] | None) -> dict[str, Any]:
    price = artikel.verkoopprijs
    return {
        "article_code": (artikel.artikelcode or "").strip()[:CODE_MAX],
        "description": (artikel.omschrijving or "").strip()[:DESCRIPTION_MAX],
        "unit": (artikel.eenheid or "").strip()[:UNIT_MAX],
        "sales_price": Decimal(price).quantize(Decimal("0.0001")) if price is not None else None,
        "active": article_visible(artikel, chosen),
        "source": Source.SNELSTART,
    }
