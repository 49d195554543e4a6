"""Request bodies and assertions shared by the emulator tests."""

from __future__ import annotations

import httpx


def klant(naam: str = "Installatiebedrijf Test B.V.", **extra: object) -> dict[str, object]:
    body: dict[str, object] = {
        "relatiesoort": ["Klant"],
        "naam": naam,
        "vestigingsAdres": {
            "straat": "Dorpsstraat 12a",
            "postcode": "1234 AB",
            "plaats": "Utrecht",
        },
    }
    body.update(extra)
    return body


def group_id(client: httpx.Client) -> str:
    return client.get("/artikelomzetgroepen").json()[0]["id"]


def artikel(client: httpx.Client, code: str = "T-100", **extra: object) -> dict[str, object]:
    body: dict[str, object] = {
        "artikelcode": code,
        "omschrijving": "Testartikel",
        "artikelOmzetgroep": {"id": group_id(client)},
        "verkoopprijs": 12.5,
    }
    body.update(extra)
    return body


def codes(response: httpx.Response) -> list[str]:
    """The error codes of a shape-1 error body."""
    body = response.json()
    assert isinstance(body, list), body
    return [item["errorCode"] for item in body]
