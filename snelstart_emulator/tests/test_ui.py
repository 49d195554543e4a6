"""The Dutch web UI: coupling flow, customers, articles, orders; never a change on GET."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from snelstart_emulator.testing import AdministrationInfo, EmulatorServer, http_client


@pytest.fixture
def ui(server: EmulatorServer) -> Iterator[httpx.Client]:
    with http_client(base_url=server.url, follow_redirects=True) as client:
        yield client


def key_on_page(html: str) -> str:
    match = re.search(r'<code id="koppelsleutel" data-testid="koppelsleutel">([^<]+)</code>', html)
    assert match, "the key is shown in #koppelsleutel"
    return match.group(1)


def test_every_page_answers_200(
    ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    base = f"/a/{admin.administration_id}"
    relatie = api.get("/relaties").json()[3]["id"]
    artikel = api.get("/artikelen").json()[0]["id"]
    order = api.get("/verkooporders").json()[0]["id"]
    for path in (
        "/",
        f"{base}/",
        f"{base}/koppelingen",
        f"{base}/koppelingen/simon",
        f"{base}/koppelingen/simon/voorwaarden",
        f"{base}/relaties",
        f"{base}/relaties?q=a&pagina=2",
        f"{base}/relaties/nieuw",
        f"{base}/relaties/{relatie}",
        f"{base}/artikelen",
        f"{base}/artikelen/nieuw",
        f"{base}/artikelen/{artikel}",
        f"{base}/verkooporders",
        f"{base}/verkooporders?q=WB&pagina=2",
        f"{base}/verkooporders/nieuw",
        f"{base}/verkooporders/{order}",
        "/static/emulator.css",
    ):
        assert ui.get(path).status_code == 200, path


def test_koppeling_instellen_shows_a_working_key(
    server: EmulatorServer, ui: httpx.Client, admin: AdministrationInfo
) -> None:
    base = f"/a/{admin.administration_id}/koppelingen"
    assert "Simon" in ui.get(base).text
    app_page = ui.get(f"{base}/simon").text
    assert "Koppeling instellen" in app_page
    terms = ui.get(f"{base}/simon/voorwaarden").text
    assert "Ga akkoord met de voorwaarden" in terms
    shown = ui.post(f"{base}/simon/voorwaarden")
    assert shown.status_code == 200
    assert "Kopieer sleutel naar klembord" in shown.text
    assert "navigator.clipboard.writeText" in shown.text
    key = key_on_page(shown.text)
    with server.api_client(key) as client:
        assert (
            client.get("/companyInfo").json()["administratieIdentifier"] == admin.administration_id
        )
    assert "Actief" in ui.get(base).text


def test_revoking_in_the_ui_stops_the_key(
    server: EmulatorServer, ui: httpx.Client, admin: AdministrationInfo
) -> None:
    base = f"/a/{admin.administration_id}/koppelingen"
    key = key_on_page(ui.post(f"{base}/simon/voorwaarden").text)
    page = ui.get(base).text
    # Two 'Simon' koppelingen can be told apart: when each was made, and the key's end.
    assert f"…{key[-4:]}" in page and re.search(r"\d\d-\d\d-\d{4} \d\d:\d\d", page)
    key_id = re.findall(r"/koppelingen/([0-9a-f]{32})/intrekken", page)[-1]
    ui.post(f"{base}/{key_id}/intrekken")
    form = {"grant_type": "clientkey", "clientkey": key}
    assert server.http.post(server.token_url, data=form).status_code == 400


def test_a_get_never_changes_anything(
    ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    base = f"/a/{admin.administration_id}"
    before = api.get("/relaties").json()
    relatie = before[5]["id"]
    assert ui.get(f"{base}/relaties/{relatie}/verwijderen").status_code == 405
    assert ui.get(f"{base}/relaties/{relatie}/deactiveren").status_code == 405
    assert ui.get(f"{base}/koppelingen/simon/voorwaarden").status_code == 200
    assert api.get("/relaties").json() == before


def test_adding_changing_deactivating_and_deleting_a_customer(
    ui: httpx.Client, empty_admin: AdministrationInfo, empty_api: httpx.Client
) -> None:
    base = f"/a/{empty_admin.administration_id}/relaties"
    form = {
        "relatiesoort": "Klant",
        "naam": "Bakkerij Brood",
        "straat": "Kerkstraat 5 bis",
        "postcode": "1234 AB",
        "plaats": "Gouda",
    }
    assert ui.post(f"{base}/nieuw", data=form).status_code == 200
    (created,) = empty_api.get("/relaties", params={"$filter": "Naam eq 'Bakkerij Brood'"}).json()
    assert created["vestigingsAdres"]["straat"] == "Kerkstraat 5 bis"
    edit = dict(form, naam="Bakkerij Brood & Banket", email="info@brood.example.nl")
    ui.post(f"{base}/{created['id']}", data=edit)
    changed = empty_api.get(f"/relaties/{created['id']}").json()
    assert changed["naam"] == "Bakkerij Brood & Banket"
    assert changed["email"] == "info@brood.example.nl"
    assert changed["modifiedOn"] >= created["modifiedOn"]
    ui.post(f"{base}/{created['id']}/deactiveren")
    assert empty_api.get(f"/relaties/{created['id']}").json()["nonactief"] is True
    ui.post(f"{base}/{created['id']}/verwijderen")
    assert empty_api.get(f"/relaties/{created['id']}").status_code == 404


def test_a_form_error_shows_the_code_and_changes_nothing(
    ui: httpx.Client, empty_admin: AdministrationInfo, empty_api: httpx.Client
) -> None:
    before = empty_api.get("/relaties").json()
    response = ui.post(
        f"/a/{empty_admin.administration_id}/relaties/nieuw",
        data={"relatiesoort": "Klant", "naam": ""},
    )
    assert response.status_code == 400
    assert "REL-0007" in response.text
    assert empty_api.get("/relaties").json() == before


def test_adding_and_changing_an_article(
    ui: httpx.Client, empty_admin: AdministrationInfo, empty_api: httpx.Client
) -> None:
    base = f"/a/{empty_admin.administration_id}/artikelen"
    group = empty_api.get("/artikelomzetgroepen").json()[0]["id"]
    form = {
        "artikelcode": "UI-1",
        "omschrijving": "Kraan",
        "groep": group,
        "verkoopprijs": "12,50",
        "eenheid": "stuk",
    }
    ui.post(f"{base}/nieuw", data=form)
    (created,) = empty_api.get("/artikelen").json()
    assert created["verkoopprijs"] == 12.5
    ui.post(f"{base}/{created['id']}", data=dict(form, omschrijving="Mengkraan", isNonActief="on"))
    changed = empty_api.get(f"/artikelen/{created['id']}").json()
    assert changed["omschrijving"] == "Mengkraan" and changed["isNonActief"] is True
    ui.post(f"{base}/{created['id']}/verwijderen")
    assert empty_api.get("/artikelen").json() == []


def test_search_and_paging_of_customers(ui: httpx.Client, server: EmulatorServer) -> None:
    info = server.create_administration(seed=4, customers=60, articles=1)
    base = f"/a/{info.administration_id}/relaties"
    first = ui.get(base).text
    assert "Pagina 1 van 3" in first
    assert "Pagina 3 van 3" in ui.get(f"{base}?pagina=3").text
    assert "Klant onbekend" in ui.get(f"{base}?q=onbekend").text
    assert "Geen relaties gevonden" in ui.get(f"{base}?q=zzzzzz").text


def test_the_orders_page_lists_orders_and_their_page_the_lines(
    ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    base = f"/a/{admin.administration_id}/verkooporders"
    page = ui.get(base).text
    for order in api.get("/verkooporders").json():
        assert f'data-nummer="{order["nummer"]}"' in page
        assert order["omschrijving"] in page
        detail = ui.get(f"{base}/{order['id']}").text
        assert f'<span data-testid="verkooporder-nummer">{order["nummer"]}</span>' in detail
        for line in order["regels"]:
            assert line["omschrijving"] in detail


def test_a_demo_administration_can_be_created_in_the_ui(ui: httpx.Client) -> None:
    response = ui.post(
        "/administraties", data={"naam": "UI Demo", "seed": "3", "klanten": "2", "artikelen": "2"}
    )
    assert response.status_code == 200
    assert "UI Demo" in response.text


def test_amounts_and_times_are_written_the_dutch_way():
    from snelstart_emulator.ui.common import euro, moment

    assert euro(65) == "€ 65,00"
    assert euro(1234.5) == "€ 1.234,50"
    assert euro(None) == "€ 0,00"
    assert moment("2026-12-05T18:33:53.11") == "05-12-2026 18:33:53"
    assert moment("") == ""
