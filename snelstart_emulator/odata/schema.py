"""Entity types as the OData layer sees them: UpperCamelCase C# property names over our records.

Property names are derived from the JSON keys (`modifiedOn` → `ModifiedOn`), which is how the C#
models name them. `Uri` fields are left out because SnelStart cannot filter on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from snelstart_emulator.clock import parse_wall
from snelstart_emulator.odata import ast

NS = "SnelStart.B2B.Api.V2.Models"


@dataclass(frozen=True)
class Property:
    name: str
    json_key: str
    edm: str  # primitive type; "" for complex values and collections
    getter: Callable[[Any], Any]
    complex: StructuredType | None = None  # complex value type, or element type of a collection
    collection: bool = False
    element_edm: str = ""  # element type of a collection of primitives


@dataclass
class StructuredType:
    clr_name: str
    properties: dict[str, Property] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def find(self, name: str, case_insensitive: bool = False) -> Property | None:
        found = self.properties.get(name) or self.properties.get(self.aliases.get(name, ""))
        if found is None and case_insensitive:
            lowered = name.lower()
            for prop in self.properties.values():
                if prop.name.lower() == lowered:
                    return prop
        return found


@lru_cache(maxsize=65536)
def _wall(text: str) -> datetime:
    return parse_wall(text)


def _item(key: str) -> Callable[[Any], Any]:
    return lambda value: value.get(key)


def _data(key: str) -> Callable[[Any], Any]:
    return lambda record: record.data.get(key)


def _data_datetime(key: str) -> Callable[[Any], Any]:
    def get(record: Any) -> datetime | None:
        text = record.data.get(key)
        return _wall(text) if text else None

    return get


def _name(json_key: str) -> str:
    return json_key[0].upper() + json_key[1:]


Spec = str | tuple[str, Any]


def _complex(clr_name: str, specs: list[tuple[str, Any]]) -> StructuredType:
    kind = StructuredType(clr_name)
    for key, edm in specs:
        _add(kind, key, edm, _item(key))
    return kind


def _add(kind: StructuredType, key: str, edm: Any, getter: Callable[[Any], Any]) -> None:
    name = _name(key)
    if isinstance(edm, StructuredType):
        kind.properties[name] = Property(name, key, "", getter, complex=edm)
    elif isinstance(edm, tuple):  # ("collection", element)
        element = edm[1]
        if isinstance(element, StructuredType):
            prop = Property(name, key, "", getter, complex=element, collection=True)
        else:
            prop = Property(name, key, "", getter, collection=True, element_edm=element)
        kind.properties[name] = prop
    else:
        kind.properties[name] = Property(name, key, edm, getter)


def _root(
    clr_name: str, specs: list[tuple[str, Any]], datetimes: tuple[str, ...] = ()
) -> StructuredType:
    kind = StructuredType(clr_name)
    for key, edm in specs:
        if key == "id":
            getter: Callable[[Any], Any] = lambda record: record.id  # noqa: E731
        elif key == "modifiedOn":
            getter = lambda record: record.modified  # noqa: E731
        elif key in datetimes:
            getter = _data_datetime(key)
        else:
            getter = _data(key)
        _add(kind, key, edm, getter)
    return kind


S, INT, D, F, B, T, G = (
    ast.STRING,
    ast.INT32,
    ast.DECIMAL,
    ast.DOUBLE,
    ast.BOOLEAN,
    ast.DATETIME,
    ast.GUID,
)

IDENTIFIER = _complex(f"{NS}.IdentifierModel", [("id", G)])
ADRES = _complex(
    f"{NS}.AdresModel",
    [("contactpersoon", S), ("straat", S), ("postcode", S), ("plaats", S), ("land", IDENTIFIER)],
)
EMAIL = _complex(f"{NS}.EmailVersturenModel", [("shouldSend", B), ("email", S), ("ccEmail", S)])
EXTRA_VELD = _complex(f"{NS}.ExtraVeldModel", [("naam", S), ("waarde", S)])
DOCUMENT = _complex(
    f"{NS}.DocumentModel", [("parentIdentifier", G), ("fileName", S), ("readOnly", B), ("id", G)]
)

RELATIE = _root(
    f"{NS}.Relaties.RelatieModel",
    [
        ("relatiesoort", ("collection", S)),
        ("modifiedOn", T),
        ("relatiecode", INT),
        ("naam", S),
        ("vestigingsAdres", ADRES),
        ("correspondentieAdres", ADRES),
        ("telefoon", S),
        ("mobieleTelefoon", S),
        ("fax", S),
        ("email", S),
        ("btwNummer", S),
        ("factuurkorting", F),
        ("krediettermijn", INT),
        ("bankieren", B),
        ("nonactief", B),
        ("kredietLimiet", F),
        ("memo", S),
        ("kvkNummer", S),
        ("oin", S),
        ("websiteUrl", S),
        ("aanmaningsoort", S),
        ("offerteEmailVersturen", EMAIL),
        ("bevestigingsEmailVersturen", EMAIL),
        ("factuurEmailVersturen", EMAIL),
        ("aanmaningEmailVersturen", EMAIL),
        ("offerteAanvraagEmailVersturen", EMAIL),
        ("bestellingEmailVersturen", EMAIL),
        ("ublBestandAlsBijlage", B),
        ("iban", S),
        ("bic", S),
        ("incassoSoort", S),
        ("factuurRelatie", IDENTIFIER),
        ("documents", ("collection", DOCUMENT)),
        ("id", G),
        ("extraVeldenKlant", ("collection", EXTRA_VELD)),
    ],
)

SUBARTIKEL = _complex(
    f"{NS}.Artikelen.SubArtikelModel", [("artikelcode", S), ("aantal", D), ("id", G)]
)

ARTIKEL = _root(
    f"{NS}.Artikelen.ArtikelModel",
    [
        ("isHoofdartikel", B),
        ("subartikelen", ("collection", SUBARTIKEL)),
        ("artikelcode", S),
        ("omschrijving", S),
        ("artikelOmzetgroep", IDENTIFIER),
        ("verkoopprijs", D),
        ("inkoopprijs", F),
        ("eenheid", S),
        ("modifiedOn", T),
        ("relatie", IDENTIFIER),
        ("isNonActief", B),
        ("voorraadControle", B),
        ("technischeVoorraad", D),
        ("vrijeVoorraad", D),
        ("extraVelden", ("collection", EXTRA_VELD)),
        ("id", G),
    ],
)
# CONTRACT §3.4: `Artikelcode` (INV, PHP) and `artikelCode` (JITSO) are both reported to work; the
# portal spells `Voorraadcontrole`.
ARTIKEL.aliases.update({"artikelCode": "Artikelcode", "Voorraadcontrole": "VoorraadControle"})

REGEL = _complex(
    f"{NS}.Verkooporders.VerkooporderRegelModel",
    [
        ("artikel", IDENTIFIER),
        ("omschrijving", S),
        ("stuksprijs", F),
        ("aantal", D),
        ("kortingsPercentage", D),
        ("totaal", D),
    ],
)

VERKOOPORDER = _root(
    f"{NS}.Verkooporders.VerkoopOrderModel",
    [
        ("relatie", IDENTIFIER),
        ("procesStatus", S),
        ("nummer", INT),
        ("modifiedOn", T),
        ("datum", T),
        ("krediettermijn", INT),
        ("geblokkeerd", B),
        ("omschrijving", S),
        ("betalingskenmerk", S),
        ("incassomachtiging", IDENTIFIER),
        ("afleveradres", ADRES),
        ("factuuradres", ADRES),
        ("verkooporderBtwIngaveModel", S),
        ("kostenplaats", IDENTIFIER),
        ("regels", ("collection", REGEL)),
        ("memo", S),
        ("orderreferentie", S),
        ("factuurkorting", F),
        ("verkoopfactuur", IDENTIFIER),
        ("verkoopordersjabloon", IDENTIFIER),
        ("verkoopOrderStatus", S),
        ("totaalExclusiefBtw", D),
        ("totaalInclusiefBtw", D),
        ("id", G),
    ],
    datetimes=("datum",),
)
