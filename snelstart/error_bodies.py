"""Turn a failed SnelStart answer into the matching error of :mod:`snelstart.errors`.

SnelStart answers errors in four shapes (CONTRACT §9.2), plus OAuth's for the token endpoint:

1. ``[{"errorCode": "REL-0007", "message": "…", "details": null}, …]`` – business rules;
2. ``{"Message": "…"}`` – ASP.NET / OData framework errors (e.g. unknown ``$filter`` property);
3. ``{"message": "…", "modelState": {"model.Naam": ["…"]}}`` – ASP.NET model binding;
4. ``{"statusCode": 401, "message": "…"}`` – Azure API Management (gateway);
5. ``{"error": "…", "error_description": "…"}`` – the token endpoint.

Keys are matched case-insensitively because the casing differs between layers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from snelstart.errors import (
    AuthenticationError,
    Credential,
    ErrorDetail,
    ForbiddenError,
    NotFoundError,
    RequestError,
    SnelStartError,
    ValidationError,
)

_CODE_RE = re.compile(r"\b[A-Z]{3}-\d{4}\b")

#: Per resource (first path segment) the code SnelStart uses for "the object does not exist";
#: the catalogue lists these with HTTP 400 even when the object is the one in the URL.
NOT_FOUND_CODE_BY_RESOURCE = {
    "verkooporders": "VOR-0001",
    "relaties": "REL-0005",
    "artikelen": "ART-0001",
}

_ADDRESS_PARTS = ("straat", "postcode", "plaats", "contactpersoon")

#: Error code → the field it is about, from the catalogue in CONTRACT §9.3. Codes that do not
#: name one field unambiguously (e.g. VOR-0006, which may be either order address) are absent.
FIELD_BY_CODE: dict[str, str] = {
    "ALG-0100": "id",
    "ALG-0101": "id",
    **{f"ART-000{n}": "artikelcode" for n in (2, 3, 4, 5)},
    "ART-0006": "omschrijving",
    "ART-0007": "omschrijving",
    "ART-0008": "artikelOmzetgroep",
    "ART-0009": "artikelOmzetgroep",
    **{f"ART-00{n}": "relatie" for n in (16, 17, 18)},
    "REL-0001": "relatiesoort",
    "REL-0002": "aanmaningsoort",
    "REL-0003": "krediettermijn",
    "REL-0004": "factuurkorting",
    "REL-0006": "kvkNummer",
    "REL-0007": "naam",
    "REL-0008": "relatiecode",
    "REL-0009": "iban",
    "REL-0010": "bic",
    "REL-0011": "iban",
    "REL-0012": "mobieleTelefoon",
    "REL-0013": "telefoon",
    "REL-0014": "bankieren",
    "REL-0015": "websiteUrl",
    "REL-0016": "incassoSoort",
    "REL-0017": "factuurRelatie",
    "REL-0018": "factuurRelatie",
    **{
        f"REL-002{n}": f"vestigingsAdres.{p}"
        for n, p in zip((0, 1, 2, 3), _ADDRESS_PARTS, strict=True)
    },
    **{
        f"REL-002{n}": f"correspondentieAdres.{p}"
        for n, p in zip((5, 6, 7, 8), _ADDRESS_PARTS, strict=True)
    },
    "REL-0047": "id",
    "REL-0048": "relatiesoort",
    "REL-0055": "correspondentieAdres.land",
    "REL-0056": "vestigingsAdres.land",
    **{f"REL-00{n}": "btwNummer" for n in (57, 58, 59, 87, 88)},
    "REL-0060": "vestigingsAdres",
    "REL-0061": "email",
    "REL-0062": "kredietLimiet",
    "REL-0063": "id",
    "REL-0064": "relatiesoort",
    "REL-0065": "relatiesoort",
    "REL-0086": "oin",
    "VOR-0002": "relatie",
    "VOR-0004": "incassomachtiging",
    "VOR-0005": "nummer",
    "VOR-0011": "orderreferentie",
    "VOR-0013": "incassomachtiging",
}


@dataclass
class ParsedError:
    """What could be read from an error body, whatever its shape."""

    message: str
    errors: list[ErrorDetail] = field(default_factory=list)
    codes: tuple[str, ...] = ()


def _get(mapping: dict[str, Any], *names: str) -> Any:
    lowered = {str(k).lower(): v for k, v in mapping.items()}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def _field_from_model_state_key(key: str) -> str | None:
    # ASP.NET prefixes the action parameter name ("model.Naam", "relatie.VestigingsAdres.Straat").
    parts = [p for p in key.split(".") if p]
    if len(parts) > 1:
        parts = parts[1:]
    if not parts:
        return None
    return ".".join(p[:1].lower() + p[1:] for p in parts)


def parse_error_body(text: str) -> ParsedError:
    """Read any of the known error shapes; fall back to the raw text."""
    try:
        body = json.loads(text) if text.strip() else None
    except ValueError:
        body = None
    codes_in_text = tuple(dict.fromkeys(_CODE_RE.findall(text or "")))
    if isinstance(body, list):
        errors = []
        for item in body:
            if isinstance(item, dict):
                code = _get(item, "errorCode", "code")
                message = str(_get(item, "message") or "")
                details = _get(item, "details")
                errors.append(ErrorDetail(code, message, details, FIELD_BY_CODE.get(code or "")))
            else:
                errors.append(ErrorDetail(None, str(item)))
        summary = "; ".join(f"{e.code} {e.message}".strip() for e in errors)
        codes = tuple(dict.fromkeys(e.code for e in errors if e.code)) or codes_in_text
        return ParsedError(summary or text, errors, codes)
    if isinstance(body, dict):
        message = _get(body, "message", "error_description", "error", "title")
        if _get(body, "error_description") and _get(body, "error"):
            message = f"{_get(body, 'error')}: {_get(body, 'error_description')}"
        message = str(message) if message is not None else text
        errors = []
        model_state = _get(body, "modelState")
        if isinstance(model_state, dict):
            for key, messages in model_state.items():
                items = messages if isinstance(messages, list) else [messages]
                for item in items:
                    errors.append(
                        ErrorDetail(None, str(item), None, _field_from_model_state_key(key))
                    )
        code = _get(body, "errorCode", "code")
        codes = (code,) if isinstance(code, str) and _CODE_RE.fullmatch(code) else codes_in_text
        return ParsedError(message, errors, codes)
    if isinstance(body, str):
        return ParsedError(body, [], codes_in_text)
    return ParsedError(text.strip(), [], codes_in_text)


def mentions_subscription_key(text: str) -> bool:
    """True for API Management's answers about the subscription key (missing or invalid)."""
    lowered = text.lower()
    return "subscription key" in lowered or "subscription-key" in lowered


def error_for_status(
    status: int, *, method: str, endpoint: str, path: str, text: str
) -> SnelStartError:
    """Map a final 4xx answer of the API (not the token endpoint, not 401/429) to an error."""
    parsed = parse_error_body(text)
    common: dict[str, Any] = {
        "status": status,
        "method": method,
        "endpoint": endpoint,
        "body": text,
        "codes": parsed.codes,
    }
    where = f"{method} {endpoint}"
    if status == 403:
        return ForbiddenError(
            f"SnelStart refused {where} (403): the koppeling lacks the scope this call needs. "
            f"{parsed.message}".strip(),
            **common,
        )
    if status == 404:
        return NotFoundError(f"{where}: not found (404). {parsed.message}".strip(), **common)
    segments = [s for s in path.split("/") if s]
    not_found_code = NOT_FOUND_CODE_BY_RESOURCE.get(segments[0] if segments else "")
    if status == 400 and len(segments) >= 2 and not_found_code in parsed.codes:
        return NotFoundError(f"{where}: not found ({not_found_code}). {parsed.message}", **common)
    if status == 400 and parsed.errors:
        return ValidationError(
            f"SnelStart rejected {where} (400): {parsed.message}", errors=parsed.errors, **common
        )
    return RequestError(f"SnelStart rejected {where} ({status}): {parsed.message}", **common)


def unauthorized_error(
    credential: Credential, method: str, endpoint: str, text: str
) -> AuthenticationError:
    """The error for a 401 of the API, blaming the subscription key or the bearer token."""
    if credential == "subscription_key":
        message = (
            "SnelStart refused the subscription key (Ocp-Apim-Subscription-Key): it is wrong, "
            "missing or expired (development keys expire after 90 days). "
            f"{parse_error_body(text).message}"
        ).strip()
    else:
        message = "SnelStart refused the bearer token even after renewing it once."
    return AuthenticationError(
        message, credential=credential, status=401, method=method, endpoint=endpoint, body=text
    )
