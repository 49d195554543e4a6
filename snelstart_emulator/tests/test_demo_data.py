"""Deterministic demo data, and the speed/size figures benchmarks rely on."""

from __future__ import annotations

import json
import time
from typing import Any

from snelstart_emulator.demo_data import DemoSpec, create_administration
from snelstart_emulator.domain import artikelen, relaties, verkooporders
from snelstart_emulator.odata.query import read_query, run
from snelstart_emulator.odata.schema import ARTIKEL
from snelstart_emulator.state import Store
from snelstart_emulator.testing import EmulatorServer


def dump(server: EmulatorServer, client_key: str) -> dict[str, Any]:
    with server.api_client(client_key) as api:
        return {
            path: api.get(path, params={"$top": "500"}).json()
            for path in (
                "/relaties",
                "/artikelen",
                "/artikelomzetgroepen",
                "/verkoopordersjablonen",
                "/verkooporders",
            )
        }


def test_the_same_seed_gives_the_same_data(server: EmulatorServer) -> None:
    first = server.create_administration(seed=21, customers=40, articles=80, orders=4)
    second = server.create_administration(seed=21, customers=40, articles=80, orders=4)
    assert dump(server, first.client_key) == dump(server, second.client_key)


def test_another_seed_gives_other_data(server: EmulatorServer) -> None:
    first = server.create_administration(seed=21, customers=10, articles=10)
    second = server.create_administration(seed=22, customers=10, articles=10)
    assert (
        dump(server, first.client_key)["/relaties"] != dump(server, second.client_key)["/relaties"]
    )


def test_demo_data_has_the_requested_shape(server: EmulatorServer) -> None:
    info = server.create_administration(
        seed=8, customers=40, suppliers=3, articles=100, groups=4, templates=3, orders=6
    )
    data = dump(server, info.client_key)
    soorten = [tuple(r["relatiesoort"]) for r in data["/relaties"]]
    assert soorten.count(("Klant",)) == 40 + 1
    assert soorten.count(("Leverancier",)) == 3 + 1
    assert soorten.count(("Eigen",)) == 1
    assert len(data["/artikelen"]) == 100
    assert len(data["/artikelomzetgroepen"]) == 4
    assert [t["omschrijving"] for t in data["/verkoopordersjablonen"]] == [
        "Standaard",
        "Werkbon",
        "Particulier",
    ]
    assert len(data["/verkooporders"]) == 6
    assert any(a["isNonActief"] for a in data["/artikelen"])
    assert {a["artikelOmzetgroep"]["id"] for a in data["/artikelen"]} <= {
        g["id"] for g in data["/artikelomzetgroepen"]
    }
    assert data["/artikelen"][0]["artikelcode"] == "ARBEID"


def test_100000_articles_generate_fast_and_page_fast() -> None:
    store = Store()
    started = time.perf_counter()
    admin, _ = create_administration(store, DemoSpec(seed=1, customers=100, articles=100_000))
    generated = time.perf_counter() - started
    assert len(admin.artikelen) == 100_000
    assert generated < 15  # about 4 s on the development machine

    started = time.perf_counter()
    rows, select = run(admin.artikelen, ARTIKEL, read_query({"$skip": "99000"}, False))
    page = json.dumps([artikelen.render_read(row) for row in rows])
    paged = time.perf_counter() - started
    assert len(rows) == 500 and select is None and page
    assert paged < 0.5

    newest = admin.artikelen.in_range(None, True, None, True)[-10]
    text = f"ModifiedOn ge datetime'{newest.modified_text}'"
    started = time.perf_counter()
    rows, _ = run(admin.artikelen, ARTIKEL, read_query({"$filter": text}, False))
    assert len(rows) == 10
    assert time.perf_counter() - started < 0.2  # read from the index (~1 ms), not a scan (~100 ms)
    assert relaties and verkooporders  # modules import cleanly next to each other
