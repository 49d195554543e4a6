"""Read-only resources: artikelomzetgroepen, verkoopordersjablonen, companyInfo."""

from __future__ import annotations

import uuid
from typing import Any

from snelstart_emulator.domain.common import ref, renderer
from snelstart_emulator.state import Administration

BTW_SOORTEN = ("Geen", "Laag", "Hoog", "Overig")
# VAT percentage per class, for order totals (Dutch rates since 2019).
BTW_PERCENTAGES = {"Geen": 0.0, "Laag": 9.0, "Hoog": 21.0, "Overig": 0.0}

_GROUP_COMPUTED = {"id": lambda r: r.id, "uri": lambda r: f"/artikelomzetgroepen/{r.id}"}
render_group = renderer(
    (
        "nummer",
        "omschrijving",
        "verkoopGrootboekNederlandIdentifier",
        "verkoopNederlandBtwSoort",
        "id",
        "uri",
    ),
    _GROUP_COMPUTED,
)
_TEMPLATE_COMPUTED = {"id": lambda r: r.id, "uri": lambda r: f"/verkoopordersjablonen/{r.id}"}
render_template = renderer(
    (
        "omschrijving", "nonactief", "prijsIngaveExclusiefBtw", "nieuweOrdersBlokkeren",
        "extraHoofdVelden", "extraRegelVelden", "id", "uri",
    ),
    _TEMPLATE_COMPUTED,
)  # fmt: skip


def group_data(nummer: int, omschrijving: str, btw_soort: str, ledger_id: str) -> dict[str, Any]:
    return {
        "nummer": nummer,
        "omschrijving": omschrijving,
        "verkoopGrootboekNederlandIdentifier": ref("grootboeken", ledger_id),
        "verkoopNederlandBtwSoort": btw_soort,
    }


def template_data(omschrijving: str, exclusief: bool, blokkeren: bool = False) -> dict[str, Any]:
    return {
        "omschrijving": omschrijving,
        "nonactief": False,
        "prijsIngaveExclusiefBtw": exclusief,
        "nieuweOrdersBlokkeren": blokkeren,
        "extraHoofdVelden": [],
        "extraRegelVelden": [],
    }


def company_data(name: str, administration_id: str, seed_text: str) -> dict[str, Any]:
    """CompanyInfoModel fields except the live counters; plausible values for a Dutch firm."""
    ledger = str(uuid.uuid5(uuid.UUID(administration_id), f"grootboek-{seed_text}"))
    return {
        "administratieNaam": name,
        "bedrijfsnaam": name,
        "contactpersoon": "J. de Vries",
        "adres": "Industrieweg 12",
        "postcode": "3542 AD",
        "plaats": "Utrecht",
        "telefoon": "030-1234567",
        "mobieleTelefoon": "06-12345678",
        "fax": None,
        "bankrekeningnummer": None,
        "iban": "NL91ABNA0417164300",
        "bic": "ABNANL2A",
        "rechtsvorm": "Bv",
        "btwNummer": "NL001234567B01",
        "btwIdentificatieNummer": "NL001234567B01",
        "kvKNummer": "12345678",
        "email": "info@example.nl",
        "website": "https://www.example.nl",
        "vrijeTekst1": None,
        "vrijeTekst2": None,
        "vrijeTekst3": None,
        "vrijeTekst4": None,
        "huidigBoekjaar": 2026,
        "beginmaandFiscaleBoekjaar": 1,
        "btwAangiftePeriodeSoort": "Kwartaal",
        "icpAangiftePeriodeSoort": "Kwartaal",
        "btwNummerFiscaleEenheid": None,
        "tussentijdseSuppletiesBerekenen": False,
        "mapUBLBestanden": None,
        "btwPercentageAangifteKredietbeperking": 0.0,
        "markeergedragInlezenBankafschriften": "AlleenBelangrijkste",
        "voorkeurenTijdensBoeken": True,
        "aantalVoorloopnullenGrootboekrekeningen": 0,
        "kleineOndernemersregeling": {
            "isKleineOndernemersRegelingActief": False,
            "maximaalBedragVolledigeVerrekening": 0.0,
            "maximaalBedragKleineOndernemersRegeling": 0.0,
        },
        "volgendFactuurnummer": 1,
        "volgendContantbonnummer": 1,
        "volgendInkoopordernummer": 1,
        "voorraadcontroleOrderinvoer": False,
        "abonnementOvernemen": False,
        "kolomGeleverdAutomatischVullen": True,
        "voorraadkolommenTonenInInkoop": False,
        "backorderGebruiken": False,
        "deelleveringOrdersDefaultAan": False,
        "factuurAlsBijlageVerkoopboeking": True,
        "tekstregelsOvernemenNaarBackorder": "Geen",
        "regelkortingVerkooporder": "BerekenenOverRegelBedrag",
        "drempelbedragVerkooporderbeheer": 0.0,
        "drempelbedragVerkooporderbeheerMaxDagenUitstel": 0,
        "verkoopprijsArtikelbestandExclusiefBtw": True,
        "inkoopprijsArtikelbestandExclusiefBtw": True,
        "artikelcodeSoort": "Alfanumeriek",
        "artikelcodeMaxLengte": 20,
        "begindatumVoorraadtelling": "2026-01-01T00:00:00",
        "voorraadTonenInZoekvenster": True,
        "aantalDecimalenArtikelprijzen": 2,
        "aantalDecimalenArtikelaantallen": 2,
        "verkooporderVoorraadVanafNiveau": "Alle",
        "voorraadSysteem": "Fifo",
        "momentVoorraadBijwerken": "BijBoekenOntvangst",
        "rekeningTeOntvangenInkoopfacturen": ref("grootboeken", ledger),
        "dagboekVoorraadverschillen": None,
        "buitenlandseBtwGrootboek": None,
        "factureerBuitenlandsBtw": False,
        "factureerBuitenlandsBtwRanges": [],
    }


def render_company(admin: Administration) -> dict[str, Any]:
    """CompanyInfoModel in WADL key order; the order-number counter is live."""
    company = admin.company
    out: dict[str, Any] = {"administratieIdentifier": admin.id}
    for key, value in company.items():
        if key == "volgendContantbonnummer":
            out["volgendVerkoopordernummer"] = admin.next_order_number
        out[key] = value
    return out


def default_template(admin: Administration) -> Any:
    for record in admin.sjablonen:
        if not record.data["nonactief"]:
            return record
    return None
