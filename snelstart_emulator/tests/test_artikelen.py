"""/artikelen: CRUD, shapes, validation codes, deletion, the relatieId parameter."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from snelstart_emulator.testing import EmulatorServer
from snelstart_emulator.tests.helpers import artikel, codes, klant


def test_post_answers_201_without_the_query_model_fields(empty_api: httpx.Client) -> None:
    response = empty_api.post("/artikelen", json=artikel(empty_api))
    assert response.status_code == 201
    body = response.json()
    assert body["artikelcode"] == "T-100"
    assert body["verkoopprijs"] == 12.5
    assert body["inkoopprijs"] == 0.0
    assert body["isNonActief"] is False
    assert body["extraVelden"] == []
    assert (
        body["artikelOmzetgroep"]["uri"]
        == f"/artikelomzetgroepen/{body['artikelOmzetgroep']['id']}"
    )
    assert "isHoofdartikel" not in body and "subartikelen" not in body


def test_get_answers_the_query_model(empty_api: httpx.Client) -> None:
    created = empty_api.post("/artikelen", json=artikel(empty_api)).json()
    fetched = empty_api.get(f"/artikelen/{created['id']}").json()
    assert fetched["isHoofdartikel"] is False
    assert fetched["subartikelen"] == []
    assert list(fetched)[:3] == ["isHoofdartikel", "subartikelen", "artikelcode"]


def test_prices_sent_as_strings_come_back_as_numbers(empty_api: httpx.Client) -> None:
    body = empty_api.post("/artikelen", json=artikel(empty_api, verkoopprijs="121.00")).json()
    assert body["verkoopprijs"] == 121.0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"artikelcode": ""}, ["ART-0002"]),
        ({"artikelcode": "X" * 21}, ["ART-0004"]),
        ({"omschrijving": None}, ["ART-0006"]),
        ({"omschrijving": "o" * 251}, ["ART-0007"]),
        ({"artikelOmzetgroep": None}, ["ART-0008"]),
        ({"artikelOmzetgroep": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"}}, ["ART-0009"]),
        ({"relatie": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"}}, ["ART-0016"]),
        ({"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"}, ["ALG-0100"]),
    ],
)
def test_validation_errors_carry_the_documented_codes(
    empty_api: httpx.Client, change: dict[str, Any], expected: list[str]
) -> None:
    response = empty_api.post("/artikelen", json=artikel(empty_api, **change))
    assert response.status_code == 400
    assert codes(response) == expected


def test_artikelcodes_are_unique_ignoring_case(empty_api: httpx.Client) -> None:
    assert empty_api.post("/artikelen", json=artikel(empty_api, "abc")).status_code == 201
    assert codes(empty_api.post("/artikelen", json=artikel(empty_api, "ABC"))) == ["ART-0005"]


def test_numeric_code_administrations_refuse_letters(server: EmulatorServer) -> None:
    info = server.create_administration(
        demo=False, artikelcode_soort="Numeriek", artikelcode_max_lengte=6
    )
    with server.api_client(info.client_key) as client:
        assert client.get("/companyInfo").json()["artikelcodeSoort"] == "Numeriek"
        assert codes(client.post("/artikelen", json=artikel(client, "A1"))) == ["ART-0003"]
        assert codes(client.post("/artikelen", json=artikel(client, "1234567"))) == ["ART-0004"]
        assert client.post("/artikelen", json=artikel(client, "123456")).status_code == 201


def test_the_supplier_must_be_a_leverancier_or_the_own_relatie(empty_api: httpx.Client) -> None:
    customer = empty_api.post("/relaties", json=klant()).json()
    supplier = empty_api.post(
        "/relaties", json=klant("Groothandel", relatiesoort=["Leverancier"])
    ).json()
    refused = empty_api.post("/artikelen", json=artikel(empty_api, relatie={"id": customer["id"]}))
    assert codes(refused) == ["ART-0017"]
    accepted = empty_api.post("/artikelen", json=artikel(empty_api, relatie={"id": supplier["id"]}))
    assert accepted.json()["relatie"]["id"] == supplier["id"]
    empty_api.put(f"/relaties/{supplier['id']}", json=dict(supplier, nonactief=True))
    inactive = empty_api.post(
        "/artikelen", json=artikel(empty_api, "T-2", relatie={"id": supplier["id"]})
    )
    assert codes(inactive) == ["ART-0018"]


def test_put_replaces_and_bumps_modified_on(
    server: EmulatorServer, empty_api: httpx.Client
) -> None:
    server.set_clock(local="2026-05-01T10:00:00")
    created = empty_api.post("/artikelen", json=artikel(empty_api, eenheid="stuk")).json()
    server.set_clock(local="2026-05-01T10:00:05.25")
    changed = dict(created, omschrijving="Gewijzigd")
    del changed["eenheid"]
    body = empty_api.put(f"/artikelen/{created['id']}", json=changed).json()
    assert body["omschrijving"] == "Gewijzigd"
    assert body["eenheid"] is None
    assert created["modifiedOn"] == "2026-05-01T10:00:00"
    assert body["modifiedOn"] == "2026-05-01T10:00:05.25"


def test_deactivating_keeps_the_article_listed(empty_api: httpx.Client) -> None:
    created = empty_api.post("/artikelen", json=artikel(empty_api)).json()
    empty_api.put(f"/artikelen/{created['id']}", json=dict(created, isNonActief=True))
    listed = empty_api.get("/artikelen", params={"$filter": "IsNonActief eq true"}).json()
    assert [row["id"] for row in listed] == [created["id"]]


def test_hard_and_soft_delete(server: EmulatorServer, empty_api: httpx.Client) -> None:
    first = empty_api.post("/artikelen", json=artikel(empty_api, "A")).json()
    assert empty_api.delete(f"/artikelen/{first['id']}").json() == {}
    assert empty_api.get(f"/artikelen/{first['id']}").status_code == 404
    assert empty_api.get("/artikelen").json() == []
    server.set_settings(delete_mode_artikelen="soft")
    second = empty_api.post("/artikelen", json=artikel(empty_api, "B")).json()
    assert empty_api.delete(f"/artikelen/{second['id']}").status_code == 200
    assert empty_api.get(f"/artikelen/{second['id']}").status_code == 404
    (row,) = empty_api.get("/artikelen").json()
    assert row["id"] == second["id"] and row["isNonActief"] is True


def test_an_article_on_an_order_cannot_be_deleted(api: httpx.Client) -> None:
    order = api.get("/verkooporders").json()[0]
    article_id = order["regels"][0]["artikel"]["id"]
    assert codes(api.delete(f"/artikelen/{article_id}")) == ["ART-0011"]


def test_an_article_with_stock_cannot_be_deleted(server: EmulatorServer) -> None:
    info = server.create_administration(seed=11, customers=1, articles=40, orders=0)
    with server.api_client(info.client_key) as client:
        stocked = client.get("/artikelen", params={"$filter": "TechnischeVoorraad gt 0"}).json()
        assert stocked, "the demo data has articles with stock"
        assert codes(client.delete(f"/artikelen/{stocked[0]['id']}")) == ["ART-0010"]


def test_relatie_id_must_exist(api: httpx.Client) -> None:
    relatie = api.get("/relaties", params={"$top": 1}).json()[0]
    assert (
        api.get("/artikelen", params={"relatieId": relatie["id"], "aantal": 3}).status_code == 200
    )
    unknown = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
    assert api.get("/artikelen", params={"relatieId": unknown}).status_code == 404
    article = api.get("/artikelen", params={"$top": 1}).json()[0]
    assert api.get(f"/artikelen/{article['id']}", params={"relatieId": unknown}).status_code == 404


def test_groups_are_a_plain_read_only_list(api: httpx.Client) -> None:
    groups = api.get(
        "/artikelomzetgroepen", params={"$filter": "Nonsense eq 'x'", "$top": 1}
    ).json()
    assert len(groups) == 6
    assert [g["nummer"] for g in groups] == [1, 2, 3, 4, 5, 6]
    one = api.get(f"/artikelomzetgroepen/{groups[0]['id']}").json()
    assert one == groups[0]
    assert set(one) == {
        "nummer",
        "omschrijving",
        "verkoopGrootboekNederlandIdentifier",
        "verkoopNederlandBtwSoort",
        "id",
        "uri",
    }
    assert api.post("/artikelomzetgroepen", json={"omschrijving": "x"}).status_code == 405
    assert api.get("/artikelomzetgroepen/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b").status_code == 404
