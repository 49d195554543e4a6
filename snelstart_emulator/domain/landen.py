"""Countries. Global (the same ids in every administration), deterministic ids, Nederland first."""

from __future__ import annotations

import uuid
from typing import Any

_NAMESPACE = uuid.UUID("5d0b3c52-8a8e-4c1e-9a57-1b1e6f1f2a10")

# (naam, ISO code, SnelStart's own landcode: the international vehicle code).
_COUNTRIES = [
    ("Nederland", "NL", "NL"),
    ("België", "BE", "B"),
    ("Duitsland", "DE", "D"),
    ("Frankrijk", "FR", "F"),
    ("Luxemburg", "LU", "L"),
    ("Verenigd Koninkrijk", "GB", "GB"),
    ("Spanje", "ES", "E"),
    ("Italië", "IT", "I"),
    ("Oostenrijk", "AT", "A"),
    ("Zwitserland", "CH", "CH"),
    ("Polen", "PL", "PL"),
    ("Denemarken", "DK", "DK"),
    ("Zweden", "SE", "S"),
    ("Noorwegen", "NO", "N"),
    ("Portugal", "PT", "P"),
    ("Ierland", "IE", "IRL"),
    ("Verenigde Staten", "US", "USA"),
    ("Curaçao", "CW", "CW"),
    ("Suriname", "SR", "SME"),
    ("Turkije", "TR", "TR"),
]


def _land_id(iso: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, iso))


LANDEN: list[dict[str, Any]] = [
    {
        "naam": naam,
        "landcodeISO": iso,
        "landcode": code,
        "id": _land_id(iso),
        "uri": f"/landen/{_land_id(iso)}",
    }
    for naam, iso, code in _COUNTRIES
]
LAND_IDS: dict[str, dict[str, Any]] = {land["id"]: land for land in LANDEN}
NEDERLAND_ID: str = LANDEN[0]["id"]
