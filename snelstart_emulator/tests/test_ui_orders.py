"""The web UI for sales orders: the new-order form, the detail page and its 'Wijzigen', the list.

An order made in the UI must be indistinguishable, over the API, from one a client POSTs."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from html import unescape
from typing import Any

import httpx
import pytest

from snelstart_emulator.testing import AdministrationInfo, EmulatorServer, http_client
from snelstart_emulator.ui.common import euro, moment

SERVER_FIELDS = ("id", "uri", "nummer", "modifiedOn")


@pytest.fixture
def ui(server: EmulatorServer) -> Iterator[httpx.Client]:
    with http_client(base_url=server.url, follow_redirects=True) as client:
        yield client


def customers(api: httpx.Client) -> list[dict[str, Any]]:
    rows = api.get("/relaties", params={"$filter": "Relatiesoort/any(r:r eq 'Klant')"}).json()
    return [r for r in rows if not r["nonactief"]]


def articles(api: httpx.Client) -> list[dict[str, Any]]:
    return [a for a in api.get("/artikelen").json() if not a["isNonActief"]]


def by_test_id(html: str, name: str) -> str:
    """The text of the element with data-testid `name`."""
    match = re.search(rf'data-testid="{re.escape(name)}"[^>]*>([^<]*)<', html)
    assert match, f"no element with data-testid={name}"
    return unescape(match.group(1)).strip()


def select_options(html: str, name: str) -> list[tuple[str, str]]:
    match = re.search(rf'<select name="{re.escape(name)}".*?</select>', html, re.S)
    assert match, f"no select {name}"
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', match.group(0))
    return [(value, unescape(label)) for value, label in options]


def order_id_of(response: httpx.Response) -> str:
    match = re.search(r"/verkooporders/([0-9a-f-]{36})\?aangemaakt=1$", str(response.url))
    assert match, f"redirected to the new order's page, not {response.url}"
    return match.group(1)


def test_the_list_has_the_new_order_button_and_the_columns(
    ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    base = f"/a/{admin.administration_id}/verkooporders"
    page = ui.get(base).text
    assert re.search(rf'href="{base}/nieuw" data-testid="nieuwe-verkooporder"', page)
    assert ">Nieuwe verkooporder<" in page
    names = {r["id"]: r["naam"] for r in api.get("/relaties").json()}
    for order in api.get("/verkooporders").json():
        row = re.search(
            rf'<tr data-testid="verkooporder" data-nummer="{order["nummer"]}".*?</tr>', page, re.S
        )
        assert row, order["nummer"]
        text = unescape(row.group(0))
        assert f'href="{base}/{order["id"]}"' in text
        day = order["datum"][:10]
        assert f"{day[8:10]}-{day[5:7]}-{day[0:4]}" in text
        for value in (names[order["relatie"]["id"]], order["omschrijving"], order["procesStatus"]):
            assert value in text
        assert order["orderreferentie"] in text
        assert euro(order["totaalExclusiefBtw"]) in text  # Dutch: € 1.234,50
    first = api.get("/verkooporders").json()[0]
    found = ui.get(base, params={"q": first["orderreferentie"].lower()}).text
    assert found.count('data-testid="verkooporder"') == 1
    assert "Geen verkooporders gevonden" in ui.get(base, params={"q": "zzzz"}).text


def test_the_form_offers_active_customers_by_name_and_active_articles(
    server: EmulatorServer, ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    everyone = api.get("/relaties").json()
    klant = next(r for r in customers(api) if r["relatiecode"] >= 1000)
    api.put(f"/relaties/{klant['id']}", json=dict(klant, nonactief=True)).raise_for_status()
    article = articles(api)[0]
    api.put(f"/artikelen/{article['id']}", json=dict(article, isNonActief=True)).raise_for_status()
    server.set_clock(local="2026-03-14T10:00:00")

    page = ui.get(f"/a/{admin.administration_id}/verkooporders/nieuw").text

    offered = select_options(page, "relatie")
    assert offered[0] == ("", "— kies een klant —")
    expected = sorted(
        (r for r in customers(api)), key=lambda r: (r["naam"].casefold(), r["relatiecode"])
    )
    assert [value for value, _ in offered[1:]] == [r["id"] for r in expected]
    assert klant["id"] not in dict(offered)
    suppliers = [r["id"] for r in everyone if "Klant" not in r["relatiesoort"]]
    assert suppliers and not set(suppliers) & set(dict(offered))
    offered_articles = dict(select_options(page, "regel-1-artikel"))
    assert set(offered_articles) - {""} == {a["id"] for a in articles(api)}
    assert article["id"] not in offered_articles
    assert 'value="2026-03-14" data-testid="order-datum"' in page
    for name in (
        "verkooporder-form",
        "order-klant-zoeken",
        "order-relatie",
        "order-omschrijving",
        "order-memo",
        "order-orderreferentie",
        "order-tekstregel",
        "order-meer-regels",
        "order-opslaan",
    ):
        assert f'data-testid="{name}"' in page, name
    for row in range(1, 6):
        for field in ("artikel", "aantal", "omschrijving"):
            assert f'data-testid="order-regel-{row}-{field}"' in page
    assert 'data-testid="order-regel-6-artikel"' not in page


def test_an_order_made_in_the_form_is_an_api_order(
    server: EmulatorServer, ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    klant = customers(api)[-1]
    first, second = articles(api)[:2]
    next_number = api.get("/companyInfo").json()["volgendVerkoopordernummer"]
    form = {
        "regels": "5",
        "relatie": klant["id"],
        "datum": "2026-03-14",
        "omschrijving": "WB Lekkage keuken",
        "memo": "Sleutel bij de buren\nBellen vooraf",
        "orderreferentie": "UI-1",
        "regel-1-artikel": first["id"],
        "regel-1-aantal": "2,5",
        "regel-2-artikel": "",
        "regel-3-artikel": second["id"],
        "regel-3-omschrijving": "Eigen tekst",
        "tekstregel": "Werk uitgevoerd volgens offerte",
    }

    response = ui.post(f"/a/{admin.administration_id}/verkooporders/nieuw", data=form)

    assert response.status_code == 200
    order_id = order_id_of(response)
    assert by_test_id(response.text, "verkooporder-nummer") == str(next_number)
    assert f"Verkooporder {next_number} is aangemaakt." in response.text
    order = api.get(f"/verkooporders/{order_id}").json()
    assert order["nummer"] == next_number
    assert order["relatie"]["id"] == klant["id"]
    assert order["datum"] == "2026-03-14T00:00:00"
    assert (order["omschrijving"], order["memo"], order["orderreferentie"]) == (
        "WB Lekkage keuken",
        "Sleutel bij de buren\nBellen vooraf",
        "UI-1",
    )
    lines = [
        ((r["artikel"] or {}).get("id"), r["aantal"], r["omschrijving"]) for r in order["regels"]
    ]
    assert lines == [
        (first["id"], 2.5, first["omschrijving"]),
        (second["id"], 1.0, "Eigen tekst"),
        (None, 0.0, "Werk uitgevoerd volgens offerte"),
    ]
    listed = api.get("/verkooporders", params={"$filter": "Orderreferentie eq 'UI-1'"}).json()
    assert [o["id"] for o in listed] == [order_id]

    # The same body POSTed by a client gives the same order apart from what the server assigns.
    twin_body = {
        "relatie": {"id": klant["id"]},
        "datum": "2026-03-14",
        "omschrijving": "WB Lekkage keuken",
        "memo": order["memo"],
        "orderreferentie": "UI-1",
        "regels": [
            {"artikel": {"id": first["id"]}, "aantal": 2.5},
            {"artikel": {"id": second["id"]}, "omschrijving": "Eigen tekst"},
            {"omschrijving": "Werk uitgevoerd volgens offerte"},
        ],
    }
    twin = api.post("/verkooporders", json=twin_body).json()
    assert twin["nummer"] == next_number + 1
    strip = lambda o: {k: v for k, v in o.items() if k not in SERVER_FIELDS}  # noqa: E731
    assert strip(twin) == strip(order)
    assert order["totaalExclusiefBtw"] > 0 and order["verkoopordersjabloon"] is not None

    detail = ui.get(f"/a/{admin.administration_id}/verkooporders/{order_id}").text
    assert "is aangemaakt" not in detail
    assert by_test_id(detail, "verkooporder-omschrijving") == "WB Lekkage keuken"
    assert detail.count('data-testid="verkooporder-regel"') == 3
    assert "Werk uitgevoerd volgens offerte" in detail and ">2.5<" in detail
    assert first["artikelcode"] in detail


def test_no_customer_rerenders_the_form_in_dutch_with_what_was_typed(
    ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    before = api.get("/verkooporders").json()
    article = articles(api)[0]
    form = {
        "relatie": "",
        "datum": "2026-03-14",
        "omschrijving": "WB Zonder klant",
        "memo": "Niet kwijtraken",
        "orderreferentie": "REF-9",
        "regel-2-artikel": article["id"],
        "regel-2-aantal": "3",
        "tekstregel": "Tekst blijft staan",
    }

    response = ui.post(f"/a/{admin.administration_id}/verkooporders/nieuw", data=form)

    assert response.status_code == 400
    assert 'data-testid="fouten"' in response.text
    assert "Kies een klant." in response.text
    assert "field is required" not in response.text
    page = response.text
    assert 'value="WB Zonder klant" data-testid="order-omschrijving"' in page
    assert ">Niet kwijtraken</textarea>" in page
    assert 'value="REF-9"' in page and 'value="Tekst blijft staan"' in page
    assert 'value="3" placeholder="1"' in page
    assert f'<option value="{article["id"]}" selected>' in page
    assert api.get("/verkooporders").json() == before


def test_an_unknown_article_is_refused_with_the_article_code(
    ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    before = api.get("/verkooporders").json()
    klant = customers(api)[0]
    form = {
        "relatie": klant["id"],
        "datum": "2026-03-14",
        "omschrijving": "WB Onbekend artikel",
        "regel-1-artikel": str(uuid.uuid4()),
        "regel-1-aantal": "1",
    }

    response = ui.post(f"/a/{admin.administration_id}/verkooporders/nieuw", data=form)

    assert response.status_code == 400
    assert "ART-0001: Het artikel bestaat niet." in response.text
    assert f'<option value="{klant["id"]}" selected>' in response.text
    assert 'value="WB Onbekend artikel"' in response.text
    assert api.get("/verkooporders").json() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"regel-1-artikel": "geen-guid"}, "Regel 1: Artikel: deze keuze bestaat niet (meer)."),
        ({"regel-3-aantal": "twee", "regel-3-omschrijving": "x"}, "Regel 3: Aantal is geen geldig"),
        ({"datum": ""}, "Vul een datum in."),
        ({"datum": "morgen"}, "Datum is geen geldige datum."),
        ({"regel-4-aantal": "2"}, "Regel 4: kies een artikel of vul een omschrijving in."),
        ({"orderreferentie": "R" * 51}, "VOR-0011: De orderreferentie is langer dan 50 tekens."),
    ],
)
def test_other_form_errors_are_dutch_and_name_the_row(
    ui: httpx.Client,
    admin: AdministrationInfo,
    api: httpx.Client,
    fields: dict[str, str],
    message: str,
) -> None:
    form = {"relatie": customers(api)[0]["id"], "datum": "2026-03-14", **fields}
    response = ui.post(f"/a/{admin.administration_id}/verkooporders/nieuw", data=form)
    assert response.status_code == 400
    assert message in unescape(response.text)


def test_a_dutch_date_typed_by_hand_is_read(
    ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    form = {"relatie": customers(api)[0]["id"], "datum": "1-2-2026", "orderreferentie": "NL-D"}
    order_id = order_id_of(ui.post(f"/a/{admin.administration_id}/verkooporders/nieuw", data=form))
    assert api.get(f"/verkooporders/{order_id}").json()["datum"] == "2026-02-01T00:00:00"


def test_more_rows_keeps_what_was_typed_and_creates_nothing(
    ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    before = api.get("/verkooporders").json()
    article = articles(api)[1]
    base = f"/a/{admin.administration_id}/verkooporders/nieuw"
    form = {
        "regels": "5",
        "actie": "meer-regels",
        "omschrijving": "WB Veel regels",
        "regel-5-artikel": article["id"],
        "regel-5-aantal": "7",
    }

    page = ui.post(base, data=form)

    assert page.status_code == 200
    assert 'data-testid="order-regel-10-artikel"' in page.text
    assert 'data-testid="order-regel-11-artikel"' not in page.text
    assert '<input type="hidden" name="regels" value="10">' in page.text
    assert 'value="WB Veel regels"' in page.text and 'value="7"' in page.text
    assert api.get("/verkooporders").json() == before

    # The added rows count when the order is saved.
    klant = customers(api)[0]
    final = dict(form, regels="10", relatie=klant["id"], datum="2026-03-14")
    del final["actie"]
    final.update({"regel-9-artikel": article["id"], "regel-9-aantal": "1,25"})
    order_id = order_id_of(ui.post(base, data=final))
    regels = api.get(f"/verkooporders/{order_id}").json()["regels"]
    assert [(r["artikel"]["id"], r["aantal"]) for r in regels] == [
        (article["id"], 7.0),
        (article["id"], 1.25),
    ]


def test_wijzigen_changes_omschrijving_and_memo_and_moves_modified_on(
    server: EmulatorServer, ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_clock(local="2026-03-14T10:00:00")
    order = api.get("/verkooporders").json()[0]
    base = f"/a/{admin.administration_id}/verkooporders/{order['id']}"
    page = ui.get(base).text
    assert by_test_id(page, "verkooporder-nummer") == str(order["nummer"])
    assert by_test_id(page, "verkooporder-gewijzigd") == moment(order["modifiedOn"])  # Dutch
    for name in ("verkooporder-wijzigen", "wijzig-omschrijving", "wijzig-memo", "wijzig-opslaan"):
        assert f'data-testid="{name}"' in page
    server.advance_clock(60)

    response = ui.post(base, data={"omschrijving": "WB Gewijzigd", "memo": "Nieuwe memo"})

    assert response.status_code == 200
    assert str(response.url).endswith("?gewijzigd=1")
    assert "De wijzigingen zijn opgeslagen." in response.text
    changed = api.get(f"/verkooporders/{order['id']}").json()
    assert (changed["omschrijving"], changed["memo"]) == ("WB Gewijzigd", "Nieuwe memo")
    assert changed["modifiedOn"] > order["modifiedOn"]
    assert changed["modifiedOn"].startswith("2026-03-14T10:01:00")
    rest = {k: v for k, v in changed.items() if k not in ("omschrijving", "memo", "modifiedOn")}
    assert rest == {
        k: v for k, v in order.items() if k not in ("omschrijving", "memo", "modifiedOn")
    }
    assert by_test_id(response.text, "verkooporder-omschrijving") == "WB Gewijzigd"

    ui.post(base, data={"omschrijving": "WB Gewijzigd", "memo": ""})
    assert api.get(f"/verkooporders/{order['id']}").json()["memo"] is None


def test_a_refused_wijzigen_shows_the_code_and_keeps_the_text(
    server: EmulatorServer, ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    order = api.get("/verkooporders").json()[0]
    server.set_settings(order_put_requires_offerte=True)
    base = f"/a/{admin.administration_id}/verkooporders/{order['id']}"

    response = ui.post(base, data={"omschrijving": "Mag niet", "memo": "Getypt"})

    assert response.status_code == 400
    assert "VOR-0015" in response.text
    assert 'value="Mag niet" data-testid="wijzig-omschrijving"' in response.text
    assert ">Getypt</textarea>" in response.text
    assert api.get(f"/verkooporders/{order['id']}").json() == order


def test_order_pages_answer_and_a_get_changes_nothing(
    ui: httpx.Client, admin: AdministrationInfo, api: httpx.Client
) -> None:
    before = api.get("/verkooporders").json()
    base = f"/a/{admin.administration_id}/verkooporders"
    assert ui.get(f"{base}/nieuw").status_code == 200
    assert ui.get(f"{base}/{before[0]['id']}").status_code == 200
    assert ui.get(f"{base}/{uuid.uuid4()}").status_code == 404
    assert api.get("/verkooporders").json() == before
