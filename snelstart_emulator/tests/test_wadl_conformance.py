"""Every JSON body has exactly the field names and JSON types of the WADL's sample representations.

The samples come from `tests/data/wadl_samples.json`, extracted from the reference WADL (the test
below re-extracts them when the WADL is at hand). `null` stands in for an empty string or
reference (CONTRACT §1: empty values are null, not omitted); numbers keep their kind: a sample
`0.0` needs a JSON number with a fraction, a sample `0` an integer.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import httpx
import pytest

from snelstart_emulator.testing import EmulatorServer
from snelstart_emulator.tests.helpers import artikel, klant

DATA = Path(__file__).parent / "data" / "wadl_samples.json"
SAMPLES: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))["samples"]
WADL_CANDIDATES = [
    Path(os.environ.get("SNELSTART_WADL", "/nonexistent")),
    Path(__file__).resolve().parents[2] / "snelstart" / "b2b-api-v2.wadl.xml",
    Path(__file__).resolve().parents[2] / "docs" / "snelstart" / "b2b-api-v2.wadl.xml",
    Path("/work/shared/snelstart/b2b-api-v2.wadl.xml"),
]


def mismatches(sample: Any, actual: Any, where: str = "$") -> list[str]:
    if isinstance(sample, dict):
        if actual is None:
            return []
        if not isinstance(actual, dict):
            return [f"{where}: object expected, got {actual!r}"]
        problems = []
        if set(sample) != set(actual):
            missing, extra = sorted(set(sample) - set(actual)), sorted(set(actual) - set(sample))
            problems.append(f"{where}: missing {missing}, unexpected {extra}")
        for key in set(sample) & set(actual):
            problems += mismatches(sample[key], actual[key], f"{where}.{key}")
        return problems
    if isinstance(sample, list):
        if not isinstance(actual, list):
            return [f"{where}: array expected, got {actual!r}"]
        problems = []
        for index, item in enumerate(actual):
            problems += mismatches(sample[0], item, f"{where}[{index}]") if sample else []
        return problems
    if isinstance(sample, bool):
        return [] if isinstance(actual, bool) else [f"{where}: boolean expected, got {actual!r}"]
    if isinstance(sample, int):
        ok = isinstance(actual, int) and not isinstance(actual, bool)
        return [] if ok else [f"{where}: integer expected, got {actual!r}"]
    if isinstance(sample, float):
        return (
            []
            if isinstance(actual, float)
            else [f"{where}: number with fraction expected, got {actual!r}"]
        )
    if isinstance(sample, str):
        return (
            []
            if actual is None or isinstance(actual, str)
            else [f"{where}: string expected, got {actual!r}"]
        )
    return []


def responses(server: EmulatorServer) -> dict[str, list[Any]]:
    """One or more real answers for every sample key."""
    info = server.create_administration(seed=31, customers=15, articles=30, orders=4)
    seen: dict[str, list[Any]] = {}

    def keep(key: str, response: httpx.Response) -> Any:
        assert f"{response.request.method}" in key
        assert response.status_code == int(key.rsplit(" ", 1)[1]), (key, response.text)
        seen.setdefault(key, []).append(response.json())
        return response.json()

    with server.api_client(info.client_key) as api:
        keep("GET /companyInfo 200", api.get("/companyInfo"))
        keep(
            "PUT /companyInfo 200", api.put("/companyInfo", json={"factureerBuitenlandsBtw": True})
        )
        landen = keep("GET /landen 200", api.get("/landen"))
        keep("GET /landen/{id} 200", api.get(f"/landen/{landen[0]['id']}"))
        groups = keep("GET /artikelomzetgroepen 200", api.get("/artikelomzetgroepen"))
        keep(
            "GET /artikelomzetgroepen/{id} 200", api.get(f"/artikelomzetgroepen/{groups[0]['id']}")
        )
        templates = keep("GET /verkoopordersjablonen 200", api.get("/verkoopordersjablonen"))
        keep(
            "GET /verkoopordersjablonen/{id} 200",
            api.get(f"/verkoopordersjablonen/{templates[0]['id']}"),
        )
        relaties = keep("GET /relaties 200", api.get("/relaties"))
        for row in relaties[:5]:
            keep("GET /relaties/{id} 200", api.get(f"/relaties/{row['id']}"))
        created = keep(
            "POST /relaties 201",
            api.post("/relaties", json=klant(email="a@b.nl", iban="NL91ABNA0417164300")),
        )
        keep(
            "PUT /relaties/{id} 200",
            api.put(f"/relaties/{created['id']}", json=dict(created, memo="m")),
        )
        articles = keep("GET /artikelen 200", api.get("/artikelen"))
        keep("GET /artikelen/{id} 200", api.get(f"/artikelen/{articles[0]['id']}"))
        new_article = keep("POST /artikelen 201", api.post("/artikelen", json=artikel(api, "W-1")))
        keep(
            "PUT /artikelen/{id} 200", api.put(f"/artikelen/{new_article['id']}", json=new_article)
        )
        orders = keep("GET /verkooporders 200", api.get("/verkooporders"))
        keep("GET /verkooporders/{id} 200", api.get(f"/verkooporders/{orders[0]['id']}"))
        body = {
            "relatie": {"id": created["id"]},
            "datum": "2026-02-01T00:00:00",
            "regels": [
                {"artikel": {"id": new_article["id"]}, "aantal": 1},
                {"omschrijving": "tekst"},
            ],
        }
        order = keep("POST /verkooporders 201", api.post("/verkooporders", json=body))
        keep("PUT /verkooporders/{id} 200", api.put(f"/verkooporders/{order['id']}", json=order))
        keep(
            "PUT /verkooporders/{id}/ProcesStatus 200",
            api.put(f"/verkooporders/{order['id']}/ProcesStatus", json={"procesStatus": "Werkbon"}),
        )
        keep("DELETE /verkooporders/{id} 201", _as_201(api.delete(f"/verkooporders/{order['id']}")))
        keep("DELETE /artikelen/{id} 200", api.delete(f"/artikelen/{new_article['id']}"))
        keep("DELETE /relaties/{id} 200", api.delete(f"/relaties/{created['id']}"))
    return seen


def _as_201(response: httpx.Response) -> httpx.Response:
    # The WADL declares 201 for this DELETE; the emulator answers 200 by default (its text).
    assert response.status_code == 200
    response.status_code = 201
    return response


def test_every_answer_has_the_wadl_fields_and_types(server: EmulatorServer) -> None:
    seen = responses(server)
    assert set(seen) == set(SAMPLES)
    problems = [
        f"{key}: {problem}"
        for key, bodies in seen.items()
        for body in bodies
        for problem in mismatches(SAMPLES[key], body)
    ]
    assert problems == []


def test_the_checker_notices_wrong_names_and_types() -> None:
    sample = {"a": 0.0, "b": "s", "c": {"id": "x"}, "d": [{"e": 0}]}
    assert mismatches(sample, {"a": 1.5, "b": None, "c": None, "d": [{"e": 2}]}) == []
    assert mismatches(sample, {"a": 0, "b": "x", "c": None, "d": []}) == [
        "$.a: number with fraction expected, got 0"
    ]
    assert mismatches({"a": 1}, {"a": 1, "z": 2}) == ["$: missing [], unexpected ['z']"]
    assert mismatches({"d": [{"e": 0}]}, {"d": [{"e": "1"}]}) == [
        "$.d[0].e: integer expected, got '1'"
    ]


def test_the_stored_samples_match_the_wadl() -> None:
    wadl = next((path for path in WADL_CANDIDATES if path.is_file()), None)
    if wadl is None:
        pytest.skip("reference WADL not found; set SNELSTART_WADL to check the stored samples")
    namespace = "{http://wadl.dev.java.net/2009/02}"
    extracted: dict[str, Any] = {}
    for resource in ElementTree.parse(wadl).getroot().iter(f"{namespace}resource"):
        for method in resource.findall(f"{namespace}method"):
            for response in method.findall(f"{namespace}response"):
                for representation in response.findall(f"{namespace}representation"):
                    doc = representation.find(f"{namespace}doc")
                    if representation.get("mediaType") == "application/json" and doc is not None:
                        key = (
                            f"{method.get('name')} {resource.get('path')} {response.get('status')}"
                        )
                        if key in SAMPLES:
                            extracted[key] = json.loads(doc.text or "null")
    assert extracted == SAMPLES
