"""CompanyInfoModel (CONTRACT §8c): which administration a koppelsleutel opens, and its settings.

``GET /companyInfo`` is the practical "is the connection OK?" probe, so this model is deliberately
lenient: date-like fields whose format is undocumented stay ``str``.
"""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from snelstart.jsonvalues import SnelStartDecimal
from snelstart.model_base import Identifier, SnelStartModel


class KleineOndernemersregeling(SnelStartModel):
    is_kleine_ondernemers_regeling_actief: bool | None = None
    maximaal_bedrag_volledige_verrekening: SnelStartDecimal | None = None
    maximaal_bedrag_kleine_ondernemers_regeling: SnelStartDecimal | None = None


class PeriodeRange(SnelStartModel):
    """An element of ``factureerBuitenlandsBtwRanges``: ``{"from", "to"}``."""

    from_: int | None = Field(default=None, alias="from")
    to: int | None = None


class CompanyInfo(SnelStartModel):
    administratie_identifier: UUID | None = None
    administratie_naam: str | None = None
    bedrijfsnaam: str | None = None
    contactpersoon: str | None = None
    adres: str | None = None
    postcode: str | None = None
    plaats: str | None = None
    telefoon: str | None = None
    mobiele_telefoon: str | None = None
    fax: str | None = None
    bankrekeningnummer: str | None = None
    iban: str | None = None
    bic: str | None = None
    rechtsvorm: str | None = None
    btw_nummer: str | None = None
    btw_identificatie_nummer: str | None = None
    kvk_nummer: str | None = Field(default=None, alias="kvKNummer")  # sic: capital K twice
    email: str | None = None
    website: str | None = None
    vrije_tekst1: str | None = None
    vrije_tekst2: str | None = None
    vrije_tekst3: str | None = None
    vrije_tekst4: str | None = None
    huidig_boekjaar: int | None = None
    beginmaand_fiscale_boekjaar: int | None = None
    btw_aangifte_periode_soort: str | None = None
    icp_aangifte_periode_soort: str | None = None
    btw_nummer_fiscale_eenheid: str | None = None
    tussentijdse_suppleties_berekenen: bool | None = None
    map_ubl_bestanden: str | None = Field(default=None, alias="mapUBLBestanden")
    btw_percentage_aangifte_kredietbeperking: SnelStartDecimal | None = None
    markeergedrag_inlezen_bankafschriften: str | None = None
    voorkeuren_tijdens_boeken: bool | None = None
    aantal_voorloopnullen_grootboekrekeningen: int | None = None
    kleine_ondernemersregeling: KleineOndernemersregeling | None = None
    volgend_factuurnummer: int | None = None
    volgend_verkoopordernummer: int | None = None
    volgend_contantbonnummer: int | None = None
    volgend_inkoopordernummer: int | None = None
    voorraadcontrole_orderinvoer: bool | None = None
    abonnement_overnemen: bool | None = None
    kolom_geleverd_automatisch_vullen: bool | None = None
    voorraadkolommen_tonen_in_inkoop: bool | None = None
    backorder_gebruiken: bool | None = None
    deellevering_orders_default_aan: bool | None = None
    factuur_als_bijlage_verkoopboeking: bool | None = None
    tekstregels_overnemen_naar_backorder: str | None = None
    regelkorting_verkooporder: str | None = None
    drempelbedrag_verkooporderbeheer: SnelStartDecimal | None = None
    drempelbedrag_verkooporderbeheer_max_dagen_uitstel: int | None = None
    verkoopprijs_artikelbestand_exclusief_btw: bool | None = None
    inkoopprijs_artikelbestand_exclusief_btw: bool | None = None
    artikelcode_soort: str | None = None  # "Numeriek" or "Alfanumeriek"
    artikelcode_max_lengte: int | None = None
    begindatum_voorraadtelling: str | None = None
    voorraad_tonen_in_zoekvenster: bool | None = None
    aantal_decimalen_artikelprijzen: int | None = None
    aantal_decimalen_artikelaantallen: int | None = None
    verkooporder_voorraad_vanaf_niveau: str | None = None
    voorraad_systeem: str | None = None
    moment_voorraad_bijwerken: str | None = None
    rekening_te_ontvangen_inkoopfacturen: Identifier | None = None
    dagboek_voorraadverschillen: Identifier | None = None
    buitenlandse_btw_grootboek: Identifier | None = None
    factureer_buitenlands_btw: bool | None = None
    factureer_buitenlands_btw_ranges: list[PeriodeRange] | None = None
