"""OData lists over HTTP: paging, the $top cap, order, $orderby, $select, filter errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from snelstart_emulator.testing import AdministrationInfo, EmulatorServer


@pytest.fixture(scope="module")
def big(server: EmulatorServer) -> AdministrationInfo:
    return server.create_administration(seed=5, customers=30, articles=1203, orders=0)


@pytest.fixture
def big_api(server: EmulatorServer, big: AdministrationInfo) -> Iterator[httpx.Client]:
    with server.api_client(big.client_key) as client:
        yield client


def all_pages(client: httpx.Client, path: str, **params: str) -> list[dict[str, Any]]:
    rows: list[dict[str, object]] = []
    while True:
        page = client.get(path, params={**params, "$skip": str(len(rows)), "$top": "500"}).json()
        rows += page
        if len(page) < 500:
            return rows


def test_top_defaults_to_500(big_api: httpx.Client) -> None:
    assert len(big_api.get("/artikelen").json()) == 500


def test_top_above_500_is_clamped(big_api: httpx.Client) -> None:
    assert len(big_api.get("/artikelen", params={"$top": "1000"}).json()) == 500


def test_top_above_500_is_a_400_in_strict_mode(
    server: EmulatorServer, big_api: httpx.Client
) -> None:
    server.set_settings(strict_top=True)
    response = big_api.get("/artikelen", params={"$top": "501"})
    assert response.status_code == 400
    assert response.json()[0]["errorCode"] == "ALG-0104"
    assert big_api.get("/artikelen", params={"$top": "500"}).status_code == 200


def test_skip_and_top_page_through_everything_once(big_api: httpx.Client) -> None:
    rows = all_pages(big_api, "/artikelen")
    assert len(rows) == 1203
    assert len({row["id"] for row in rows}) == 1203
    assert len(big_api.get("/artikelen", params={"$skip": "1200"}).json()) == 3
    assert big_api.get("/artikelen", params={"$skip": "5000"}).json() == []
    assert big_api.get("/artikelen", params={"$top": "0"}).json() == []


def test_a_list_shows_each_change_and_addition_at_once(
    server: EmulatorServer, empty_api: httpx.Client
) -> None:
    # List pages are joined from JSON kept per record: a change must never show the old text,
    # not even when the clock stands still and modifiedOn stays the same.
    server.set_clock(local="2026-05-04T10:00:00")
    group = empty_api.get("/artikelomzetgroepen").json()[0]["id"]
    body = {"artikelcode": "K1", "omschrijving": "Oud", "artikelOmzetgroep": {"id": group}}
    created = empty_api.post("/artikelen", json=body).json()
    listed = empty_api.get("/artikelen").json()
    assert [row["omschrijving"] for row in listed] == ["Oud"]
    empty_api.put(f"/artikelen/{created['id']}", json=dict(created, omschrijving="Nieuw"))
    body = {"artikelcode": "K2", "omschrijving": "Erbij", "artikelOmzetgroep": {"id": group}}
    empty_api.post("/artikelen", json=body)
    listed = empty_api.get("/artikelen").json()
    assert [row["omschrijving"] for row in listed] == ["Nieuw", "Erbij"]
    assert listed == [empty_api.get(f"/artikelen/{row['id']}").json() for row in listed]
    empty_api.delete(f"/artikelen/{created['id']}")
    assert [row["omschrijving"] for row in empty_api.get("/artikelen").json()] == ["Erbij"]


def test_a_page_far_down_the_list_is_the_same_as_a_walk_from_the_start(
    big_api: httpx.Client,
) -> None:
    everything = all_pages(big_api, "/artikelen")
    page = big_api.get("/artikelen", params={"$skip": "1100", "$top": "100"}).json()
    assert page == everything[1100:1200]


def test_bad_skip_or_top_is_a_400(big_api: httpx.Client) -> None:
    for params in ({"$top": "-1"}, {"$skip": "abc"}):
        response = big_api.get("/artikelen", params=params)
        assert response.status_code == 400
        assert "Message" in response.json()


def test_default_order_is_creation_order_and_stable_under_changes(empty_api: httpx.Client) -> None:
    group = empty_api.get("/artikelomzetgroepen").json()[0]["id"]
    ids = []
    for code in ("C", "A", "B"):
        body = {"artikelcode": code, "omschrijving": code, "artikelOmzetgroep": {"id": group}}
        ids.append(empty_api.post("/artikelen", json=body).json()["id"])
    first = empty_api.get(f"/artikelen/{ids[0]}").json()
    empty_api.put(f"/artikelen/{ids[0]}", json=dict(first, omschrijving="gewijzigd"))
    assert [row["id"] for row in empty_api.get("/artikelen").json()] == ids


def test_orderby_sorts_ascending_and_descending(big_api: httpx.Client) -> None:
    asc = big_api.get("/artikelen", params={"$orderby": "Verkoopprijs", "$top": "50"}).json()
    prices = [row["verkoopprijs"] for row in asc]
    assert prices == sorted(prices)
    desc = big_api.get("/artikelen", params={"$orderby": "Verkoopprijs desc", "$top": "50"}).json()
    assert desc[0]["verkoopprijs"] == max(
        row["verkoopprijs"] for row in all_pages(big_api, "/artikelen")
    )
    two = big_api.get(
        "/relaties", params={"$orderby": "VestigingsAdres/Plaats asc, Naam desc"}
    ).json()
    keys = [((row["vestigingsAdres"]["plaats"] or ""), row["naam"]) for row in two]
    places = [key[0] for key in keys]
    assert places == sorted(places)


def test_orderby_on_an_unknown_property_is_a_400(big_api: httpx.Client) -> None:
    response = big_api.get("/artikelen", params={"$orderby": "Prijs"})
    assert response.status_code == 400
    assert "Could not find a property named 'Prijs'" in response.json()["Message"]


def test_select_projects_to_the_named_fields(big_api: httpx.Client) -> None:
    rows = big_api.get("/relaties", params={"$select": "Id,Naam", "$top": "3"}).json()
    assert [set(row) for row in rows] == [{"id", "naam"}] * 3
    assert "Could not find" in big_api.get("/relaties", params={"$select": "Foo"}).json()["Message"]


def test_an_unknown_filter_property_is_a_400_naming_the_type(big_api: httpx.Client) -> None:
    response = big_api.get("/artikelen", params={"$filter": "artikelcode ge 'X'"})
    assert response.status_code == 400
    assert response.json() == {
        "Message": "Could not find a property named 'artikelcode' on type "
        "'SnelStart.B2B.Api.V2.Models.Artikelen.ArtikelModel'."
    }


def test_both_artikelcode_spellings_filter(big_api: httpx.Client) -> None:
    upper = big_api.get("/artikelen", params={"$filter": "Artikelcode eq '10005'"}).json()
    camel = big_api.get("/artikelen", params={"$filter": "artikelCode eq '10005'"}).json()
    assert [row["artikelcode"] for row in upper] == ["10005"]
    assert camel == upper


def test_a_syntax_error_has_the_message_shape(big_api: httpx.Client) -> None:
    response = big_api.get("/relaties", params={"$filter": "Naam eq 'x' and"})
    assert response.status_code == 400
    assert response.json() == {
        "Message": "Expression expected at position 15 in 'Naam eq 'x' and'."
    }


def test_the_syntax_error_shape_can_be_alg_0104(
    server: EmulatorServer, big_api: httpx.Client
) -> None:
    server.set_settings(odata_error_shape="alg0104")
    (item,) = big_api.get("/relaties", params={"$filter": "Naam eq"}).json()
    assert item["errorCode"] == "ALG-0104"
    assert item["details"] == "Expression expected at position 7 in 'Naam eq'."


def test_lower_case_properties_can_be_allowed(
    server: EmulatorServer, big_api: httpx.Client
) -> None:
    text = "modifiedOn ge datetime'2020-01-01T00:00:00'"
    assert big_api.get("/relaties", params={"$filter": text}).status_code == 400
    server.set_settings(filter_properties_case_insensitive=True)
    assert big_api.get("/relaties", params={"$filter": text}).status_code == 200


def test_a_modified_on_range_returns_what_a_full_scan_returns(big_api: httpx.Client) -> None:
    everything = all_pages(big_api, "/artikelen")
    stamps = sorted(row["modifiedOn"] for row in everything)
    for pivot in (stamps[10], stamps[600], stamps[-5]):
        for op, keep in (("gt", lambda s, p=pivot: s > p), ("ge", lambda s, p=pivot: s >= p)):
            text = f"ModifiedOn {op} datetime'{pivot}' and IsNonActief eq false"
            got = all_pages(big_api, "/artikelen", **{"$filter": text})
            expected = [r for r in everything if keep(r["modifiedOn"]) and not r["isNonActief"]]
            assert [r["id"] for r in got] == [r["id"] for r in expected]


def test_the_documented_sync_filters_work(big_api: httpx.Client) -> None:
    for text in (
        "ModifiedOn gt datetime'2017-07-16T23:59:59.999'",
        "startswith(Naam,'Test') eq true and ModifiedOn gt datetime'2018-12-24T13:30:46'",
        "ModifiedOn gt datetime'2020-01-01T00:00:00' and Nonactief eq false "
        "and Relatiesoort/any(r:r eq 'Klant')",
        "Relatiecode gt 0 and Relatiesoort/any(x: x eq 'Klant')",
        "Relatiesoort/any(soort:soort eq 'Leverancier')",
        "Naam eq 'O''Brien BV'",
        "IncassoSoort ne null",
        "ExtraVeldenKlant/any(e:e/Waarde eq 'v' and e/Naam eq 'n')",
        "VestigingsAdres/Land/Id eq guid'75b4fe7b-062b-4ae1-bad1-5c5e3866a2ae'",
    ):
        assert big_api.get("/relaties", params={"$filter": text}).status_code == 200, text
    for text in ("IsNonActief eq false", "Voorraadcontrole eq true", "VrijeVoorraad lt 0"):
        assert big_api.get("/artikelen", params={"$filter": text}).status_code == 200, text


def test_filter_is_ignored_on_plain_lists(big_api: httpx.Client) -> None:
    everything = big_api.get("/landen").json()
    assert big_api.get("/landen", params={"$filter": "Nonsense eq 'x'"}).json() == everything
    assert everything[0]["naam"] == "Nederland"


def test_an_empty_filter_is_no_filter(big_api: httpx.Client) -> None:
    assert len(big_api.get("/relaties", params={"$filter": ""}).json()) == 30 + 2 + 3
