"""Writing test data into the emulator through SnelStart's own API (as a SnelStart user would)."""

from __future__ import annotations

from typing import Any

import httpx


def nederland(api: httpx.Client) -> str:
    landen = api.get("/landen").json()
    return next(land["id"] for land in landen if land.get("landcodeISO") == "NL")


def create_customer(
    api: httpx.Client, naam: str, straat: str = "Dorpsstraat 1", **extra: Any
) -> dict:
    body = {
        "relatiesoort": ["Klant"],
        "naam": naam,
        "vestigingsAdres": {
            "straat": straat,
            "postcode": "1234 AB",
            "plaats": "Utrecht",
            "land": {"id": nederland(api)},
        },
        **extra,
    }
    response = api.post("/relaties", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def update_relatie(api: httpx.Client, relatie: dict, **changes: Any) -> dict:
    current = api.get(f"/relaties/{relatie['id']}").json()
    current.update(changes)
    response = api.put(f"/relaties/{relatie['id']}", json=current)
    assert response.status_code == 200, response.text
    return response.json()


def groups(api: httpx.Client) -> list[dict]:
    return api.get("/artikelomzetgroepen").json()


def create_article(api: httpx.Client, code: str, group: dict, **extra: Any) -> dict:
    body = {
        "artikelcode": code,
        "omschrijving": f"Artikel {code}",
        "artikelOmzetgroep": {"id": group["id"]},
        "verkoopprijs": 10.5,
        **extra,
    }
    response = api.post("/artikelen", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def update_article(api: httpx.Client, artikel: dict, **changes: Any) -> dict:
    current = api.get(f"/artikelen/{artikel['id']}").json()
    current.update(changes)
    response = api.put(f"/artikelen/{artikel['id']}", json=current)
    assert response.status_code == 200, response.text
    return response.json()


def all_pages(api: httpx.Client, path: str) -> list[dict]:
    rows: list[dict] = []
    while True:
        page = api.get(path, params={"$skip": len(rows), "$top": 500}).json()
        rows.extend(page)
        if len(page) < 500:
            return rows
