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

from django.utils.translation import gettext as _

from simon.lib.choices import Source
from simon.lib.text import clean_line, fit
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
EMAIL_MAX = 254
PHONE_MAX = 30
CONTACT_MAX = 100
# Article.sales_price is DECIMAL(12, 4): a larger price cannot be stored (PostgreSQL refuses it).
PRICE_LIMIT = Decimal("100000000")
# Customer.relatiecode is a PostgreSQL integer; SnelStart's relatiecode is one too.
RELATIECODE_MAX = 2**31 - 1
# ISO country codes: anything else from /landen is not a country code Simon can show.
_COUNTRY = re.compile(r"[A-Z]{2}")


class Unstorable(ValueError):
    """A record whose values cannot be stored in Simon at all; the message says which, in
    Dutch. The sync sets the record aside and warns about it."""


def _fitted(value: str | None, limit: int, label: str, cut: list[str] | None) -> str:
    text, shortened = fit(value, limit)
    if shortened and cut is not None:
        cut.append(label)
    return text


def split_straat(straat: str | None) -> tuple[str, str, str]:
    """('Dorpsstraat', '12', 'A') for 'Dorpsstraat 12A'; (text, '', '') when not unambiguous."""
    text = clean_line(straat)
    if not text or _AMBIGUOUS.search(text):
        return text, "", ""
    match = _STRAAT.match(text)
    if match is None:
        return text, "", ""
    addition = match["glued"] or match["hyphen"] or match["word"] or ""
    return match["street"].rstrip(" ,"), match["number"], addition


def _postcode(value: str | None, cut: list[str] | None = None) -> str:
    text = clean_line(value).upper()
    compact = text.replace(" ", "")
    if re.fullmatch(r"\d{4}[A-Z]{2}", compact, re.ASCII):
        return f"{compact[:4]} {compact[4:]}"  # Dutch style: '1234 AB'
    return _fitted(text, POSTCODE_MAX, "postcode", cut)


def country_code(value: str | None) -> str:
    """An ISO code from SnelStart's /landen, or 'NL' for anything that is not one."""
    code = clean_line(value)[:2].upper()
    return code if _COUNTRY.fullmatch(code) else "NL"


def _address_of(relatie: Relatie) -> Adres | None:
    """The debtor address: the business address, else the correspondence address."""
    for adres in (relatie.vestigings_adres, relatie.correspondentie_adres):
        if adres is not None and (adres.straat or adres.plaats or adres.postcode):
            return adres
    return None


def address_fields(
    adres: Adres | None, countries: Mapping[UUID, str], cut: list[str] | None = None
) -> dict[str, Any]:
    if adres is None:
        street, number, addition = "", "", ""
        postcode = city = ""
        country = "NL"
    else:
        street, number, addition = split_straat(adres.straat)
        street = _fitted(street, STREET_MAX, "straat", cut)
        postcode = _postcode(adres.postcode, cut)
        city = _fitted(adres.plaats, CITY_MAX, "plaats", cut)
        land_id = adres.land.id if adres.land is not None else None
        country = countries.get(land_id, "NL") if land_id is not None else "NL"
    return {
        "street": street,
        "house_number": number,
        "house_number_addition": addition,
        "postcode": postcode,
        "city": city,
        "country_code": country_code(country),
    }


def is_customer(relatie: Relatie) -> bool:
    return "Klant" in (relatie.relatiesoort or [])


def _relatiecode(relatie: Relatie) -> int | None:
    code = relatie.relatiecode
    if code is None or code <= 0:
        return None  # SnelStart's own relaties (0, -1, -2) have no code a user would type
    if code > RELATIECODE_MAX:
        raise Unstorable(_("relatiecode %(code)s is te groot") % {"code": code})
    return code


def customer_fields(
    relatie: Relatie, countries: Mapping[UUID, str], cut: list[str] | None = None
) -> dict[str, Any]:
    """The Customer row for a SnelStart relatie (S1, S3). Raises Unstorable."""
    email = clean_line(relatie.email).split(";")[0].strip()
    return {
        "name": _fitted(relatie.naam, NAME_MAX, "naam", cut) or f"Relatie {relatie.relatiecode}",
        "relatiecode": _relatiecode(relatie),
        "email": _fitted(email, EMAIL_MAX, "e-mailadres", cut),
        "phone": _fitted(
            relatie.telefoon or relatie.mobiele_telefoon, PHONE_MAX, "telefoonnummer", cut
        ),
        "active": not bool(relatie.nonactief),
        "source": Source.SNELSTART,
        **address_fields(_address_of(relatie), countries, cut),
    }


def work_address_fields(
    relatie: Relatie, countries: Mapping[UUID, str], cut: list[str] | None = None
) -> dict[str, Any]:
    """The customer's first work address, derived from the same debtor address (S3).

    Only the contact person is its own text: the address is the customer's, and a cut in it
    is reported once, by ``customer_fields``."""
    adres = _address_of(relatie)
    return {
        "contact_name": _fitted(
            adres.contactpersoon if adres else "", CONTACT_MAX, "contactpersoon", cut
        ),
        "source": Source.SNELSTART,
        "active": not bool(relatie.nonactief),
        **address_fields(adres, countries),
    }


def group_fields(group: ArtikelOmzetgroep, cut: list[str] | None = None) -> dict[str, Any]:
    return {
        "name": _fitted(group.omschrijving, NAME_MAX, "naam", cut) or f"Groep {group.nummer}",
        "number": group.nummer
        if group.nummer is None or abs(group.nummer) <= RELATIECODE_MAX
        else None,
        "source": Source.SNELSTART,
        "active": True,
    }


def chosen_group_ids(groups: list[ArtikelOmzetgroep], names: list[str]) -> set[UUID] | None:
    """Ids of the groups whose name is chosen, exactly and case-sensitively (S2); None = all."""
    if not names:
        return None
    wanted = set(names)
    return {g.id for g in groups if g.id is not None and group_name(g) in wanted}


def group_name(group: ArtikelOmzetgroep) -> str:
    """The name as Simon stores and compares it (cleaned, not cut)."""
    return clean_line(group.omschrijving)


def article_group_id(artikel: Artikel) -> UUID | None:
    return artikel.artikel_omzetgroep.id if artikel.artikel_omzetgroep is not None else None


def article_visible(artikel: Artikel, chosen: set[UUID] | None) -> bool:
    """Active and in a chosen group: only then is it offered in Simon (S2, S5)."""
    if artikel.is_non_actief:
        return False
    return chosen is None or article_group_id(artikel) in chosen


def _price(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    price = Decimal(value)
    if not price.is_finite() or abs(price) >= PRICE_LIMIT:
        raise Unstorable(_("verkoopprijs %(price)s past niet in Simon") % {"price": value})
    return price.quantize(Decimal("0.0001"))


def article_fields(
    artikel: Artikel, chosen: set[UUID] | None, cut: list[str] | None = None
) -> dict[str, Any]:
    """The Article row for a SnelStart artikel (S2). Raises Unstorable."""
    return {
        "article_code": _fitted(artikel.artikelcode, CODE_MAX, "artikelcode", cut),
        "description": _fitted(artikel.omschrijving, DESCRIPTION_MAX, "omschrijving", cut),
        "unit": _fitted(artikel.eenheid, UNIT_MAX, "eenheid", cut),
        "sales_price": _price(artikel.verkoopprijs),
        "active": article_visible(artikel, chosen),
        "source": Source.SNELSTART,
    }
