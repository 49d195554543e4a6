"""Typed client of the SnelStart B2B API v2 (see CONTRACT.md in the shared notes).

Imports nothing of Django, ``simon`` or ``snelstart_emulator``.

    from snelstart import SnelStartClient, odata

    with SnelStartClient(client_key=..., subscription_key=...) as client:
        for relatie in client.relaties.iter(
            filter=odata.and_(odata.modified_since(cursor), odata.relatiesoort_is("Klant"))
        ):
            ...
"""

from __future__ import annotations

from snelstart import odata
from snelstart.auth import TokenCache
from snelstart.client import DEFAULT_BASE_URL, DEFAULT_TOKEN_URL, SnelStartClient
from snelstart.dates import (
    format_snelstart_datetime,
    is_ambiguous,
    is_nonexistent,
    parse_snelstart_datetime,
    to_aware,
    to_snelstart_local,
)
from snelstart.errors import (
    AuthenticationError,
    ErrorDetail,
    ForbiddenError,
    MalformedResponseError,
    NotFoundError,
    OutcomeUnknownError,
    RequestError,
    SnelStartError,
    TransientError,
    ValidationError,
)
from snelstart.models import (
    Adres,
    Artikel,
    ArtikelOmzetgroep,
    BtwIngave,
    CompanyInfo,
    Document,
    EmailVersturen,
    ExtraVeld,
    ExtraVeldDefinitie,
    ExtraVeldWaarde,
    Identifier,
    Land,
    ProcesStatus,
    Relatie,
    Relatiesoort,
    Subartikel,
    VerkoopOrder,
    VerkoopOrderRegel,
    VerkoopOrderSjabloon,
    VerkoopOrderStatus,
)
from snelstart.odata import and_, contains, eq, modified_since, or_, relatiesoort_is
from snelstart.ratelimit import RateLimiter
from snelstart.resources import Page, PageResponse, Rejected
from snelstart.stats import ClientStats

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TOKEN_URL",
    "Adres",
    "Artikel",
    "ArtikelOmzetgroep",
    "AuthenticationError",
    "BtwIngave",
    "ClientStats",
    "CompanyInfo",
    "Document",
    "EmailVersturen",
    "ErrorDetail",
    "ExtraVeld",
    "ExtraVeldDefinitie",
    "ExtraVeldWaarde",
    "ForbiddenError",
    "Identifier",
    "Land",
    "MalformedResponseError",
    "NotFoundError",
    "OutcomeUnknownError",
    "Page",
    "PageResponse",
    "ProcesStatus",
    "RateLimiter",
    "Rejected",
    "Relatie",
    "Relatiesoort",
    "RequestError",
    "SnelStartClient",
    "SnelStartError",
    "Subartikel",
    "TokenCache",
    "TransientError",
    "ValidationError",
    "VerkoopOrder",
    "VerkoopOrderRegel",
    "VerkoopOrderSjabloon",
    "VerkoopOrderStatus",
    "and_",
    "contains",
    "eq",
    "format_snelstart_datetime",
    "is_ambiguous",
    "is_nonexistent",
    "modified_since",
    "odata",
    "or_",
    "parse_snelstart_datetime",
    "relatiesoort_is",
    "to_aware",
    "to_snelstart_local",
]
