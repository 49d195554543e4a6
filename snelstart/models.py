"""Pydantic models of the SnelStart resources in scope (CONTRACT §4–§8c, WADL samples).

Conventions:

* Python attributes are snake_case; the JSON names (aliases) are exactly SnelStart's
  lowerCamelCase names, including its oddities (``verkooporderBtwIngaveModel``, ``kvKNummer``,
  ``isNonActief`` vs ``nonactief``). Both names are accepted on input (``populate_by_name``).
* Every field is optional: SnelStart returns ``null`` for empty values and a create payload
  leaves server-assigned fields out. ``exclude_none`` dumps therefore contain only what was set.
* Unknown fields never fail validation (SnelStart adds fields without notice). They are *kept*
  (``extra="allow"``) rather than dropped, because PUT is a full replacement: a record read,
  changed and written back must not blank a field this client does not know yet.
* Money and quantities are :class:`~decimal.Decimal` and are written as JSON numbers.
* Enum-like fields are plain ``str`` so a new server value does not break parsing; the
  ``StrEnum`` classes below name the known values for writing.
"""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from pydantic import Field

from snelstart.company_info import CompanyInfo, KleineOndernemersregeling, PeriodeRange
from snelstart.jsonvalues import SnelStartDateTime, SnelStartDecimal
from snelstart.model_base import Identifier, Record, SnelStartModel


class Relatiesoort(StrEnum):
    KLANT = "Klant"
    LEVERANCIER = "Leverancier"
    EIGEN = "Eigen"


class ProcesStatus(StrEnum):
    ORDER = "Order"
    OFFERTE = "Offerte"
    BEVESTIGING = "Bevestiging"
    WERKBON = "Werkbon"
    PAKBON = "Pakbon"
    AFHAALBON = "Afhaalbon"
    CONTANTBON = "Contantbon"  # cannot be set through the API
    FACTUUR = "Factuur"  # cannot be set through the API


class VerkoopOrderStatus(StrEnum):
    IN_BEHANDELING = "InBehandeling"
    UITGEVOERD = "Uitgevoerd"
    SERVICE = "Service"


class BtwIngave(StrEnum):
    """Values of ``verkooporderBtwIngaveModel``: are line prices including or excluding VAT."""

    INCLUSIEF = "Inclusief"
    EXCLUSIEF = "Exclusief"


class Adres(SnelStartModel):
    contactpersoon: str | None = None
    straat: str | None = None  # street including house number
    postcode: str | None = None
    plaats: str | None = None
    land: Identifier | None = None


class EmailVersturen(SnelStartModel):
    should_send: bool | None = None
    email: str | None = None
    cc_email: str | None = None


class ExtraVeld(SnelStartModel):
    """Read-only extra field: ``extraVeldenKlant`` on relaties, ``extraVelden`` on artikelen."""

    naam: str | None = None
    waarde: str | None = None


class Document(Record):
    parent_identifier: UUID | None = None
    file_name: str | None = None
    read_only: bool | None = None


class Relatie(Record):
    relatiesoort: list[str] | None = None
    modified_on: SnelStartDateTime | None = None
    relatiecode: int | None = None
    naam: str | None = None
    vestigings_adres: Adres | None = None
    correspondentie_adres: Adres | None = None
    telefoon: str | None = None
    mobiele_telefoon: str | None = None
    fax: str | None = None  # read-only: absent from the write model
    email: str | None = None
    btw_nummer: str | None = None
    factuurkorting: SnelStartDecimal | None = None
    krediettermijn: int | None = None
    bankieren: bool | None = None
    nonactief: bool | None = None
    krediet_limiet: SnelStartDecimal | None = None
    memo: str | None = None
    kvk_nummer: str | None = None
    oin: str | None = None
    website_url: str | None = None
    aanmaningsoort: str | None = None
    offerte_email_versturen: EmailVersturen | None = None
    bevestigings_email_versturen: EmailVersturen | None = None
    factuur_email_versturen: EmailVersturen | None = None
    aanmaning_email_versturen: EmailVersturen | None = None
    offerte_aanvraag_email_versturen: EmailVersturen | None = None
    bestelling_email_versturen: EmailVersturen | None = None
    ubl_bestand_als_bijlage: bool | None = None
    iban: str | None = None
    bic: str | None = None
    incasso_soort: str | None = None
    factuur_relatie: Identifier | None = None
    inkoop_boekingen_uri: str | None = None
    verkoop_boekingen_uri: str | None = None
    documents: list[Document] | None = None
    extra_velden_klant: list[ExtraVeld] | None = None


class Subartikel(Record):
    artikelcode: str | None = None
    aantal: SnelStartDecimal | None = None


class Artikel(Record):
    """ArtikelModel plus the GET-only ``isHoofdartikel`` and ``subartikelen``."""

    artikelcode: str | None = None
    omschrijving: str | None = None
    artikel_omzetgroep: Identifier | None = None
    verkoopprijs: SnelStartDecimal | None = None
    inkoopprijs: SnelStartDecimal | None = None
    eenheid: str | None = None
    modified_on: SnelStartDateTime | None = None
    relatie: Identifier | None = None
    is_non_actief: bool | None = None
    voorraad_controle: bool | None = None
    technische_voorraad: SnelStartDecimal | None = None
    vrije_voorraad: SnelStartDecimal | None = None
    extra_velden: list[ExtraVeld] | None = None
    is_hoofdartikel: bool | None = None
    subartikelen: list[Subartikel] | None = None


class ArtikelOmzetgroep(Record):
    nummer: int | None = None
    omschrijving: str | None = None  # the group's name; there is no ``naam``
    verkoop_grootboek_nederland_identifier: Identifier | None = None
    verkoop_nederland_btw_soort: str | None = None


class ExtraVeldWaarde(SnelStartModel):
    """A value of a template-defined extra field on an order (header or line)."""

    veld_nummer: int | None = None
    omschrijving: str | None = None  # read-only
    waarde: str | None = None


class VerkoopOrderRegel(SnelStartModel):
    artikel: Identifier | None = None
    omschrijving: str | None = None  # empty: the article's description is used
    stuksprijs: SnelStartDecimal | None = None
    aantal: SnelStartDecimal | None = None
    kortings_percentage: SnelStartDecimal | None = None
    totaal: SnelStartDecimal | None = None
    extra_regel_velden: list[ExtraVeldWaarde] | None = None


class VerkoopOrder(Record):
    """VerkoopOrderModel – the same shape for POST and PUT bodies and for responses.

    On create leave ``id``, ``uri``, ``nummer`` and ``modifiedOn`` unset; ``relatie`` and
    ``datum`` are required by the server.
    """

    relatie: Identifier | None = None
    proces_status: str | None = None
    nummer: int | None = None
    modified_on: SnelStartDateTime | None = None
    datum: SnelStartDateTime | None = None
    krediettermijn: int | None = None
    geblokkeerd: bool | None = None
    omschrijving: str | None = None
    betalingskenmerk: str | None = None
    incassomachtiging: Identifier | None = None
    afleveradres: Adres | None = None
    factuuradres: Adres | None = None
    verkooporder_btw_ingave_model: str | None = None
    kostenplaats: Identifier | None = None
    regels: list[VerkoopOrderRegel] | None = None
    memo: str | None = None
    orderreferentie: str | None = None
    factuurkorting: SnelStartDecimal | None = None
    verkoopfactuur: Identifier | None = None
    verkoopordersjabloon: Identifier | None = None
    verkoop_order_status: str | None = None
    totaal_exclusief_btw: SnelStartDecimal | None = None
    totaal_inclusief_btw: SnelStartDecimal | None = None
    extra_hoofd_velden: list[ExtraVeldWaarde] | None = None


class ExtraVeldDefinitie(SnelStartModel):
    veld_nummer: int | None = None
    omschrijving: str | None = None
    ingave_masker: str | None = None
    soort_veld: str | None = None
    maximum_tekst_lengte: int | None = None


class Land(Record):
    naam: str | None = None
    landcode_iso: str | None = Field(default=None, alias="landcodeISO")
    landcode: str | None = None


class VerkoopOrderSjabloon(Record):
    omschrijving: str | None = None
    nonactief: bool | None = None
    prijs_ingave_exclusief_btw: bool | None = None
    nieuwe_orders_blokkeren: bool | None = None
    extra_hoofd_velden: list[ExtraVeldDefinitie] | None = None
    extra_regel_velden: list[ExtraVeldDefinitie] | None = None


__all__ = [
    "Adres",
    "Artikel",
    "ArtikelOmzetgroep",
    "BtwIngave",
    "CompanyInfo",
    "Document",
    "EmailVersturen",
    "ExtraVeld",
    "ExtraVeldDefinitie",
    "ExtraVeldWaarde",
    "Identifier",
    "KleineOndernemersregeling",
    "Land",
    "PeriodeRange",
    "ProcesStatus",
    "Record",
    "Relatie",
    "Relatiesoort",
    "SnelStartModel",
    "Subartikel",
    "VerkoopOrder",
    "VerkoopOrderRegel",
    "VerkoopOrderSjabloon",
    "VerkoopOrderStatus",
]
