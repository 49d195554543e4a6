"""/verkooporders: defaults, numbering, totals, validation codes, PUT, ProcesStatus, DELETE."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from snelstart_emulator.testing import AdministrationInfo, EmulatorServer
from snelstart_emulator.tests.helpers import artikel, codes, klant


@pytest.fixture
def setup(empty_api: httpx.Client) -> dict[str, Any]:
    customer = empty_api.post("/relaties", json=klant(krediettermijn=30)).json()
    article = empty_api.post("/artikelen", json=artikel(empty_api, verkoopprijs=10.0)).json()
    return {"customer": customer, "article": article}


def order(setup: dict[str, Any], **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "relatie": {"id": setup["customer"]["id"]},
        "datum": "2026-03-14T00:00:00",
        "regels": [{"artikel": {"id": setup["article"]["id"]}, "aantal": 2}],
    }
    body.update(extra)
    return body


def test_post_fills_the_server_side_defaults(
    empty_api: httpx.Client, setup: dict[str, Any]
) -> None:
    response = empty_api.post("/verkooporders", json=order(setup))
    assert response.status_code == 201
    body = response.json()
    assert body["procesStatus"] == "Order"
    assert body["verkoopOrderStatus"] == "InBehandeling"
    assert body["nummer"] == 1
    assert body["krediettermijn"] == 30  # the customer's term
    assert body["datum"] == "2026-03-14T00:00:00"
    assert body["verkoopordersjabloon"] is not None
    assert body["verkooporderBtwIngaveModel"] == "Exclusief"
    assert body["afleveradres"]["straat"] == "Dorpsstraat 12a"
    line = body["regels"][0]
    assert line["omschrijving"] == "Testartikel"  # taken from the article
    assert line["stuksprijs"] == 10.0
    assert line["totaal"] == 20.0
    assert body["totaalExclusiefBtw"] == 20.0
    assert body["totaalInclusiefBtw"] == 24.2  # the first demo group is 21 %
    assert body["uri"] == f"/verkooporders/{body['id']}"


def test_numbers_are_sequential_and_company_info_shows_the_next(
    empty_api: httpx.Client, setup: dict[str, Any]
) -> None:
    assert empty_api.get("/companyInfo").json()["volgendVerkoopordernummer"] == 1
    numbers = [
        empty_api.post("/verkooporders", json=order(setup)).json()["nummer"] for _ in range(3)
    ]
    assert numbers == [1, 2, 3]
    assert empty_api.get("/companyInfo").json()["volgendVerkoopordernummer"] == 4


def test_the_memo_references_and_text_lines_are_kept(
    empty_api: httpx.Client, setup: dict[str, Any]
) -> None:
    body = order(
        setup,
        memo="Leveren na 12:00",
        orderreferentie="WB-2026-0042",
        betalingskenmerk="1234 5678 9012 3456",
        omschrijving="Werkbon 42",
        regels=[
            {
                "artikel": {"id": setup["article"]["id"]},
                "aantal": 1.5,
                "stuksprijs": 65,
                "kortingsPercentage": 10,
            },
            {"omschrijving": "Uitgevoerd volgens offerte"},
        ],
    )
    created = empty_api.post("/verkooporders", json=body).json()
    assert created["memo"] == "Leveren na 12:00"
    assert created["orderreferentie"] == "WB-2026-0042"
    assert created["betalingskenmerk"] == "1234 5678 9012 3456"
    assert created["omschrijving"] == "Werkbon 42"
    first, text = created["regels"]
    assert first["totaal"] == 87.75
    assert text["artikel"] is None and text["omschrijving"] == "Uitgevoerd volgens offerte"
    assert text["totaal"] == 0.0
    assert empty_api.get(f"/verkooporders/{created['id']}").json() == created


def test_a_given_line_total_is_kept(empty_api: httpx.Client, setup: dict[str, Any]) -> None:
    lines = [
        {"artikel": {"id": setup["article"]["id"]}, "aantal": 2, "stuksprijs": 10, "totaal": 19.99}
    ]
    created = empty_api.post("/verkooporders", json=order(setup, regels=lines)).json()
    assert created["regels"][0]["totaal"] == 19.99
    assert created["totaalExclusiefBtw"] == 19.99


def test_inclusive_prices_compute_the_exclusive_total(
    empty_api: httpx.Client, setup: dict[str, Any]
) -> None:
    created = empty_api.post(
        "/verkooporders", json=order(setup, verkooporderBtwIngaveModel="Inclusief")
    ).json()
    assert created["totaalInclusiefBtw"] == 20.0
    assert created["totaalExclusiefBtw"] == 16.53


@pytest.mark.parametrize("status", ["Contantbon", "Factuur"])
def test_contantbon_and_factuur_cannot_be_set(
    empty_api: httpx.Client, setup: dict[str, Any], status: str
) -> None:
    assert codes(empty_api.post("/verkooporders", json=order(setup, procesStatus=status))) == [
        "ALG-0102"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"nummer": 7}, ["VOR-0005"]),
        ({"orderreferentie": "x" * 51}, ["VOR-0011"]),
        ({"afleveradres": {"straat": "s" * 51}}, ["VOR-0006"]),
        ({"afleveradres": {"postcode": "p" * 26}}, ["VOR-0007"]),
        ({"factuuradres": {"plaats": "p" * 51}}, ["VOR-0008"]),
        ({"factuuradres": {"contactpersoon": "c" * 51}}, ["VOR-0009"]),
        (
            {
                "afleveradres": {
                    "straat": "s",
                    "land": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"},
                }
            },
            ["VOR-0010"],
        ),
        ({"relatie": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"}}, ["REL-0005"]),
        ({"regels": [{"artikel": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"}}]}, ["ART-0001"]),
        ({"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"}, ["ALG-0100"]),
    ],
)
def test_validation_errors_carry_the_documented_codes(
    empty_api: httpx.Client, setup: dict[str, Any], change: dict[str, Any], expected: list[str]
) -> None:
    response = empty_api.post("/verkooporders", json=order(setup, **change))
    assert response.status_code == 400
    assert codes(response) == expected


def test_the_relatie_must_be_a_customer(empty_api: httpx.Client, setup: dict[str, Any]) -> None:
    supplier = empty_api.post(
        "/relaties", json=klant("Groothandel", relatiesoort=["Leverancier"])
    ).json()
    response = empty_api.post("/verkooporders", json=order(setup, relatie={"id": supplier["id"]}))
    assert codes(response) == ["VOR-0002"]


def test_relatie_and_datum_are_required_fields(empty_api: httpx.Client) -> None:
    response = empty_api.post("/verkooporders", json={"omschrijving": "zonder klant"})
    assert response.status_code == 400
    assert set(response.json()["modelState"]) == {"model.relatie", "model.datum"}


def test_an_empty_body_is_alg_0106(empty_api: httpx.Client) -> None:
    assert codes(empty_api.post("/verkooporders", content=b"null")) == ["ALG-0106"]


def test_put_replaces_but_keeps_the_number(empty_api: httpx.Client, setup: dict[str, Any]) -> None:
    created = empty_api.post("/verkooporders", json=order(setup, memo="eerst")).json()
    changed = dict(
        created,
        memo=None,
        omschrijving="Aangepast",
        totaalExclusiefBtw=None,
        totaalInclusiefBtw=None,
    )
    changed["regels"] = [dict(created["regels"][0], aantal=3, totaal=None)]
    body = empty_api.put(f"/verkooporders/{created['id']}", json=changed).json()
    assert body["nummer"] == created["nummer"]
    assert body["memo"] is None and body["omschrijving"] == "Aangepast"
    assert body["totaalExclusiefBtw"] == 30.0
    assert (
        empty_api.put(
            "/verkooporders/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", json=changed
        ).status_code
        == 404
    )


def test_put_can_be_limited_to_quotes(
    server: EmulatorServer, empty_api: httpx.Client, setup: dict[str, Any]
) -> None:
    server.set_settings(order_put_requires_offerte=True)
    created = empty_api.post("/verkooporders", json=order(setup)).json()
    assert codes(empty_api.put(f"/verkooporders/{created['id']}", json=created)) == ["VOR-0015"]
    quote = empty_api.post("/verkooporders", json=order(setup, procesStatus="Offerte")).json()
    assert empty_api.put(f"/verkooporders/{quote['id']}", json=quote).status_code == 200


def test_proces_status_changes_only_the_stage(
    empty_api: httpx.Client, setup: dict[str, Any]
) -> None:
    created = empty_api.post("/verkooporders", json=order(setup)).json()
    url = f"/verkooporders/{created['id']}/ProcesStatus"
    response = empty_api.put(url, json={"id": created["id"], "procesStatus": "Werkbon"})
    assert response.status_code == 200
    assert response.json() == {}
    after = empty_api.get(f"/verkooporders/{created['id']}").json()
    assert after["procesStatus"] == "Werkbon"
    assert after["modifiedOn"] >= created["modifiedOn"]
    assert {k: v for k, v in after.items() if k not in ("procesStatus", "modifiedOn")} == {
        k: v for k, v in created.items() if k not in ("procesStatus", "modifiedOn")
    }
    assert codes(empty_api.put(url, json={"procesStatus": "Factuur"})) == ["ALG-0102"]
    other = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
    assert codes(empty_api.put(url, json={"id": other, "procesStatus": "Order"})) == ["ALG-0101"]
    assert (
        empty_api.put(
            f"/verkooporders/{other}/ProcesStatus", json={"procesStatus": "Order"}
        ).status_code
        == 404
    )
    lower = empty_api.put(
        f"/verkooporders/{created['id']}/processtatus", json={"procesStatus": "Pakbon"}
    )
    assert lower.status_code == 200


def test_delete_answers_200_or_the_configured_201(
    server: EmulatorServer, empty_api: httpx.Client, setup: dict[str, Any]
) -> None:
    first = empty_api.post("/verkooporders", json=order(setup)).json()
    deleted = empty_api.delete(f"/verkooporders/{first['id']}")
    assert (deleted.status_code, deleted.json()) == (200, {})
    assert empty_api.get(f"/verkooporders/{first['id']}").status_code == 404
    assert empty_api.delete(f"/verkooporders/{first['id']}").status_code == 404
    server.set_settings(verkooporder_delete_status=201, verkooporder_delete_unknown="VOR-0001")
    second = empty_api.post("/verkooporders", json=order(setup)).json()
    assert empty_api.delete(f"/verkooporders/{second['id']}").status_code == 201
    assert codes(empty_api.delete(f"/verkooporders/{second['id']}")) == ["VOR-0001"]


def test_the_list_filters_on_order_fields(empty_api: httpx.Client, setup: dict[str, Any]) -> None:
    empty_api.post("/verkooporders", json=order(setup, omschrijving="WB 1 montage"))
    empty_api.post("/verkooporders", json=order(setup, omschrijving="Levering"))
    found = empty_api.get(
        "/verkooporders", params={"$filter": "substringof('WB', Omschrijving)"}
    ).json()
    assert [row["omschrijving"] for row in found] == ["WB 1 montage"]
    article = setup["article"]["id"]
    text = f"Regels/any(r:r/Artikel/Id eq guid'{article}') and Nummer ge 2"
    by_line = empty_api.get("/verkooporders", params={"$filter": text}).json()
    assert [row["nummer"] for row in by_line] == [2]


def test_templates_are_a_plain_list(empty_api: httpx.Client) -> None:
    templates = empty_api.get("/verkoopordersjablonen", params={"$filter": "x eq 1"}).json()
    assert [t["omschrijving"] for t in templates] == ["Standaard", "Werkbon"]
    assert empty_api.get(f"/verkoopordersjablonen/{templates[1]['id']}").json() == templates[1]
    assert templates[0]["extraHoofdVelden"] == [] and templates[0]["nonactief"] is False


def test_the_admin_api_lists_orders_without_counting_or_spending_the_rate_limit(
    server: EmulatorServer,
    empty_admin: AdministrationInfo,
    empty_api: httpx.Client,
    setup: dict[str, Any],
) -> None:
    admin_id = empty_admin.administration_id
    first = empty_api.post("/verkooporders", json=order(setup, orderreferentie="Werkbon 1")).json()
    empty_api.post("/verkooporders", json=order(setup, orderreferentie="Werkbon 2"))
    server.set_faults(admin_id, rate_limit_per_minute=0)
    calls = server.request_count(admin_id)

    listed = server.orders(admin_id)
    found = server.orders(admin_id, "Werkbon 1")

    assert [o["orderreferentie"] for o in listed] == ["Werkbon 1", "Werkbon 2"]
    assert found == [
        {
            "id": first["id"],
            "nummer": first["nummer"],
            "orderreferentie": "Werkbon 1",
            "modifiedOn": first["modifiedOn"],
        }
    ]
    assert server.orders(admin_id, "Werkbon 3") == []
    assert server.request_count(admin_id) == calls
    assert server.request_counts(admin_id)["throttled"] == 0


def test_the_orderreferentie_filter_can_be_refused_as_not_filterable(
    server: EmulatorServer, empty_api: httpx.Client, setup: dict[str, Any]
) -> None:
    empty_api.post("/verkooporders", json=order(setup, orderreferentie="Werkbon 7"))
    by_reference = {"$filter": "Orderreferentie eq 'Werkbon 7'"}
    by_customer = {"$filter": f"Relatie/Id eq guid'{setup['customer']['id']}'"}
    assert len(empty_api.get("/verkooporders", params=by_reference).json()) == 1

    server.set_settings(verkooporder_filter_orderreferentie=False)
    try:
        refused = empty_api.get("/verkooporders", params=by_reference)
        read = empty_api.get("/verkooporders", params=by_customer)
    finally:
        server.set_settings(verkooporder_filter_orderreferentie=True)

    assert refused.status_code == 400
    assert refused.json() == {
        "Message": "The query specified in the URI is not valid. The property "
        "'Orderreferentie' cannot be used in the $filter query option."
    }
    assert [o["orderreferentie"] for o in read.json()] == ["Werkbon 7"]
