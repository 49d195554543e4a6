"""Every JSON body the client sends fits the WADL's sample representation of that request.

The bodies are captured on the wire (a recording transport around a real ``httpx.HTTPTransport``
to the emulator) while the client's writes run against the emulator, and each is checked against
the sample of its operation: every field name exists in the sample with exactly that spelling,
its JSON type is compatible (number, string, boolean, object, array; ``null`` fits anything), ids
are GUIDs, and a nested reference carries only ``id`` (``uri`` is read-only, CONTRACT §1).

The samples are read from the reference WADL with ``xml.etree`` when it is at hand (``../shared``
beside a checkout, or ``SNELSTART_WADL``); otherwise from ``data/wadl_request_samples.json``,
extracted from it, which a test below keeps equal to the WADL.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import xml.etree.ElementTree as ElementTree
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from snelstart import (
    Adres,
    BtwIngave,
    Identifier,
    ProcesStatus,
    VerkoopOrder,
    VerkoopOrderRegel,
    VerkoopOrderStatus,
)
from snelstart_emulator.testing import AdministrationInfo
from tests.contract.conftest import Connect, RecordingTransport

ROOT = Path(__file__).resolve().parents[2]
FALLBACK = Path(__file__).parent / "data" / "wadl_request_samples.json"
WADL_CANDIDATES = [
    Path(os.environ["SNELSTART_WADL"]) if os.environ.get("SNELSTART_WADL") else None,
    ROOT.parent / "shared" / "snelstart" / "b2b-api-v2.wadl.xml",
    Path("/work/shared/snelstart/b2b-api-v2.wadl.xml"),
]
WADL_NAMESPACE = "{http://wadl.dev.java.net/2009/02}"
#: The write operations whose request samples are kept in the fallback file.
COVERED_PATHS = frozenset(
    {
        "/relaties",
        "/relaties/{id}",
        "/artikelen",
        "/artikelen/{id}",
        "/verkooporders",
        "/verkooporders/{id}",
        "/verkooporders/{id}/ProcesStatus",
        "/companyInfo",
    }
)
#: Every write the client has; each must be exercised below.
CLIENT_WRITES = frozenset({"POST /verkooporders", "PUT /verkooporders/{id}"})
EMPTY_GUID = "00000000-0000-0000-0000-000000000000"
_GUID_SEGMENT = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def find_wadl() -> Path | None:
    return next((p for p in WADL_CANDIDATES if p is not None and p.is_file()), None)


def extract_request_samples(wadl: Path) -> dict[str, Any]:
    """``{"POST /verkooporders": sample, …}`` from the WADL's application/json request docs."""
    samples: dict[str, Any] = {}
    for resource in ElementTree.parse(wadl).getroot().iter(f"{WADL_NAMESPACE}resource"):
        path = resource.get("path")
        if path not in COVERED_PATHS:
            continue
        for method in resource.findall(f"{WADL_NAMESPACE}method"):
            request = method.find(f"{WADL_NAMESPACE}request")
            if request is None:
                continue
            for representation in request.findall(f"{WADL_NAMESPACE}representation"):
                doc = representation.find(f"{WADL_NAMESPACE}doc")
                if representation.get("mediaType") == "application/json" and doc is not None:
                    samples[f"{method.get('name')} {path}"] = json.loads(doc.text or "null")
    return samples


def request_samples() -> dict[str, Any]:
    wadl = find_wadl()
    if wadl is not None:
        return extract_request_samples(wadl)
    return json.loads(FALLBACK.read_text(encoding="utf-8"))["samples"]


def is_reference(sample: Any) -> bool:
    return isinstance(sample, dict) and set(sample) == {"id", "uri"}


def is_guid(value: Any) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def mismatches(sample: Any, sent: Any, where: str = "$") -> list[str]:
    """What in ``sent`` does not fit ``sample``; empty when it fits."""
    if sent is None:
        return []
    if is_reference(sample) and where != "$":
        if not isinstance(sent, dict) or set(sent) != {"id"}:
            return [f"{where}: a reference must carry only 'id', got {sent!r}"]
        return [] if is_guid(sent["id"]) else [f"{where}.id: GUID expected, got {sent['id']!r}"]
    if isinstance(sample, dict):
        if not isinstance(sent, dict):
            return [f"{where}: object expected, got {sent!r}"]
        problems = []
        for key, value in sent.items():
            if key not in sample:
                near = [k for k in sample if k.lower() == key.lower()]
                hint = f" (the sample spells it {near[0]!r})" if near else ""
                problems.append(f"{where}: field {key!r} is not in the sample{hint}")
            else:
                problems += mismatches(sample[key], value, f"{where}.{key}")
        return problems
    if isinstance(sample, list):
        if not isinstance(sent, list):
            return [f"{where}: array expected, got {sent!r}"]
        return [
            p for i, item in enumerate(sent) for p in mismatches(sample[0], item, f"{where}[{i}]")
        ]
    if isinstance(sample, bool):
        return [] if isinstance(sent, bool) else [f"{where}: boolean expected, got {sent!r}"]
    if isinstance(sample, int):
        ok = isinstance(sent, int) and not isinstance(sent, bool)
        return [] if ok else [f"{where}: integer expected, got {sent!r}"]
    if isinstance(sample, float):
        ok = isinstance(sent, int | float | Decimal) and not isinstance(sent, bool)
        return [] if ok else [f"{where}: number expected, got {sent!r}"]
    if isinstance(sample, str):
        if not isinstance(sent, str):
            return [f"{where}: string expected, got {sent!r}"]
        if sample == EMPTY_GUID and not is_guid(sent):
            return [f"{where}: GUID expected, got {sent!r}"]
    return []


def operation(method: str, url: httpx.URL, base_path: str) -> str:
    path = url.path.removeprefix(base_path)
    segments = ["{id}" if _GUID_SEGMENT.match(s) else s for s in path.split("/")]
    return f"{method} {'/'.join(segments)}"


def test_the_checker_accepts_fitting_bodies_and_names_each_misfit() -> None:
    sample = {
        "relatie": {"id": EMPTY_GUID, "uri": "string"},
        "aantal": 0.0,
        "nummer": 0,
        "memo": "string",
        "geblokkeerd": True,
        "regels": [{"artikel": {"id": EMPTY_GUID, "uri": "string"}, "totaal": 0.0}],
    }
    fitting = {
        "relatie": {"id": "d691991a-9c3c-45d0-b6d0-aae11727e981"},
        "aantal": 2,
        "nummer": 7,
        "memo": None,
        "regels": [{"totaal": 12.5}],
    }
    assert mismatches(sample, fitting) == []
    wrong = {
        "Memo": "x",
        "relatie": {"id": "d691991a-9c3c-45d0-b6d0-aae11727e981", "uri": "/relaties/x"},
        "nummer": 1.5,
        "aantal": "2",
        "geblokkeerd": 1,
        "regels": [{"artikel": {"id": "not-a-guid"}}],
        "sjabloon": {},
    }
    assert mismatches(sample, wrong) == [
        "$: field 'Memo' is not in the sample (the sample spells it 'memo')",
        "$.relatie: a reference must carry only 'id', got "
        "{'id': 'd691991a-9c3c-45d0-b6d0-aae11727e981', 'uri': '/relaties/x'}",
        "$.nummer: integer expected, got 1.5",
        "$.aantal: number expected, got '2'",
        "$.geblokkeerd: boolean expected, got 1",
        "$.regels[0].artikel.id: GUID expected, got 'not-a-guid'",
        "$: field 'sjabloon' is not in the sample",
    ]


def full_order(raw: httpx.Client) -> VerkoopOrder:
    relaties = raw.get("/relaties", params={"$filter": "Relatiecode gt 0"}).json()
    klant = next(r for r in relaties if "Klant" in r["relatiesoort"])
    article = next(a for a in raw.get("/artikelen").json() if not a["isNonActief"])
    template = raw.get("/verkoopordersjablonen").json()[0]
    nederland = raw.get("/landen").json()[0]
    address = Adres(
        contactpersoon="J. de Vries",
        straat="Dorpsstraat 12a",
        postcode="1234 AB",
        plaats="Ede",
        land=Identifier(id=nederland["id"]),
    )
    return VerkoopOrder(
        relatie=Identifier(id=klant["id"]),
        proces_status=ProcesStatus.WERKBON,
        datum=datetime(2026, 3, 14, 8, 30),
        krediettermijn=14,
        geblokkeerd=False,
        omschrijving="Werkbon 42",
        betalingskenmerk="1000 2000 3000 4000",
        afleveradres=address,
        factuuradres=address,
        verkooporder_btw_ingave_model=BtwIngave.EXCLUSIEF,
        regels=[
            VerkoopOrderRegel(
                artikel=Identifier(id=article["id"]),
                omschrijving="Ketel onderhoud",
                stuksprijs=Decimal("89.95"),
                aantal=Decimal("1.5"),
                kortings_percentage=Decimal("10"),
                totaal=Decimal("121.43"),
            ),
            VerkoopOrderRegel(omschrijving="Tekstregel", aantal=Decimal("0")),
        ],
        memo="Sleutel bij de buren",
        orderreferentie="SIMON-42",
        factuurkorting=Decimal("2.5"),
        verkoopordersjabloon=Identifier(id=template["id"]),
        verkoop_order_status=VerkoopOrderStatus.IN_BEHANDELING,
    )


def test_every_body_the_client_sends_fits_the_wadl_request_sample(
    connect: Connect, admin: AdministrationInfo, raw: httpx.Client
) -> None:
    samples = request_samples()
    recorder = RecordingTransport()
    client = connect(admin, transport=recorder)

    order = full_order(raw)
    created = client.verkooporders.create(order)
    minimal = client.verkooporders.create(
        VerkoopOrder(relatie=order.relatie, datum=datetime(2026, 3, 15))
    )
    assert created.id is not None and minimal.id is not None
    # An update of an order as read back (ids, uris, totals and all), and one built by hand.
    client.verkooporders.update(created.id, created.model_copy(update={"memo": "Gewijzigd"}))
    client.verkooporders.update(minimal.id, order)

    base_path = httpx.URL(client._base_url).path
    bodies = [
        (operation(x.method, x.url, base_path), x)
        for x in recorder.exchanges
        if x.request_headers.get("content-type", "").startswith("application/json")
    ]
    assert sorted({name for name, _ in bodies}) == sorted(CLIENT_WRITES)
    assert [x.status for _, x in bodies] == [201, 201, 200, 200]
    problems = [
        f"{name}: {problem}"
        for name, exchange in bodies
        for problem in mismatches(samples[name], json.loads(exchange.body))
    ]
    assert problems == []
    # The full create really carried every field set above (nothing silently dropped).
    first = json.loads(bodies[0][1].body)
    assert sorted(first) == sorted(order.to_payload())
    assert len(first) == 16


def test_the_token_request_is_a_form_with_exactly_the_two_fields(
    connect: Connect, admin: AdministrationInfo
) -> None:
    recorder = RecordingTransport()
    connect(admin, transport=recorder).company_info()
    token = recorder.exchanges[0]
    assert token.url.path == "/b2b/token"
    assert token.request_headers["content-type"] == "application/x-www-form-urlencoded"
    assert "authorization" not in token.request_headers
    assert "ocp-apim-subscription-key" not in token.request_headers
    form = httpx.QueryParams(token.body.decode())
    assert sorted(form.multi_items()) == [
        ("clientkey", admin.client_key),
        ("grant_type", "clientkey"),
    ]


def test_the_stored_request_samples_equal_the_wadl() -> None:
    wadl = find_wadl()
    if wadl is None:
        pytest.skip("the reference WADL is not beside this checkout; set SNELSTART_WADL")
    stored = json.loads(FALLBACK.read_text(encoding="utf-8"))["samples"]
    assert stored == extract_request_samples(wadl)
    assert set(stored) >= CLIENT_WRITES


def test_without_the_wadl_the_stored_samples_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"{__name__}.WADL_CANDIDATES", [])
    assert find_wadl() is None
    stored = json.loads(FALLBACK.read_text(encoding="utf-8"))["samples"]
    assert request_samples() == stored
