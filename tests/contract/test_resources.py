"""Every read endpoint of the client against the emulator: what the client parses is exactly what
the emulator sent, and the client's models know every field the emulator sends."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from snelstart import NotFoundError, SnelStartClient
from snelstart.jsonvalues import loads
from snelstart.models import SnelStartModel
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer
from tests.contract.conftest import Connect, endpoint_counts

UNKNOWN_ID = uuid.UUID("0f0e0d0c-0b0a-4908-8706-050403020100")


def unknown_fields(model: SnelStartModel) -> dict[str, Any]:
    """Fields the emulator sent that the client's model does not declare (kept as extras)."""
    found = dict(model.model_extra or {})
    for name in type(model).model_fields:
        value = getattr(model, name)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, SnelStartModel):
                found.update({f"{name}.{k}": v for k, v in unknown_fields(item).items()})
    return found


def as_json(model: SnelStartModel) -> Any:
    """The model back in SnelStart's JSON names, with numbers exact (for equality with raw)."""
    return loads(model.to_json())


def raw_json(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return loads(response.content)


def without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def test_company_info_describes_the_administration_of_the_key(
    client: SnelStartClient, raw: httpx.Client, admin: AdministrationInfo
) -> None:
    info = client.company_info()
    assert str(info.administratie_identifier) == admin.administration_id
    assert unknown_fields(info) == {}
    assert as_json(info) == without_nulls(raw_json(raw.get("/companyInfo")))


@pytest.mark.parametrize("text", ["hallo", "hallo wereld", "Één € 100%", "O'Brien & Zn."])
def test_echo_answers_the_text(client: SnelStartClient, text: str) -> None:
    assert client.echo(text) == text


def test_echo_of_nothing_is_204_and_an_empty_string(
    server: EmulatorServer, client: SnelStartClient, raw: httpx.Client, admin: AdministrationInfo
) -> None:
    assert raw.get("/echo/").status_code == 204
    assert client.echo("") == ""
    assert endpoint_counts(server, admin)["GET /echo/{input}"] == 2


@pytest.mark.parametrize("resource", ["relaties", "artikelen", "verkooporders"])
def test_odata_lists_read_every_record_with_every_field(
    client: SnelStartClient, raw: httpx.Client, resource: str
) -> None:
    records = list(getattr(client, resource).iter())
    expected = raw_json(raw.get(f"/{resource}"))
    assert len(records) == len(expected) > 0
    assert [unknown_fields(record) for record in records] == [{}] * len(records)
    assert [as_json(record) for record in records] == [without_nulls(row) for row in expected]


@pytest.mark.parametrize("resource", ["relaties", "artikelen", "verkooporders"])
def test_get_by_id_returns_the_listed_record(
    client: SnelStartClient, raw: httpx.Client, resource: str
) -> None:
    listed = raw_json(raw.get(f"/{resource}"))[-1]
    record = getattr(client, resource).get(listed["id"])
    assert str(record.id) == listed["id"]
    assert as_json(record) == without_nulls(listed)
    # A UUID works as well as its text.
    assert getattr(client, resource).get(uuid.UUID(listed["id"])) == record


@pytest.mark.parametrize(
    ("resource", "endpoint"),
    [
        ("relaties", "/relaties/{id}"),
        ("artikelen", "/artikelen/{id}"),
        ("verkooporders", "/verkooporders/{id}"),
        ("artikelomzetgroepen", "/artikelomzetgroepen/{id}"),
        ("verkoopordersjablonen", "/verkoopordersjablonen/{id}"),
        ("landen", "/landen/{id}"),
    ],
)
def test_an_unknown_id_is_not_found(client: SnelStartClient, resource: str, endpoint: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        getattr(client, resource).get(UNKNOWN_ID)
    error = caught.value
    assert (error.status, error.method, error.endpoint) == (404, "GET", endpoint)
    assert str(UNKNOWN_ID) in (error.body or "")
    assert client.stats.requests == 2  # the token and one GET: a 404 is not retried


def test_an_unknown_relatie_for_article_prices_is_not_found(
    client: SnelStartClient, raw: httpx.Client
) -> None:
    article = raw_json(raw.get("/artikelen"))[0]
    with pytest.raises(NotFoundError) as caught:
        client.artikelen.get(article["id"], relatie_id=UNKNOWN_ID, aantal=3)
    assert caught.value.status == 404


def test_article_prices_for_a_known_customer_and_quantity(
    client: SnelStartClient, raw: httpx.Client
) -> None:
    klant = raw_json(raw.get("/relaties", params={"$filter": "Relatiecode gt 0"}))[0]
    article = raw_json(raw.get("/artikelen"))[0]
    priced = client.artikelen.get(article["id"], relatie_id=klant["id"], aantal=3)
    assert str(priced.id) == article["id"]
    listed = client.artikelen.page(0, 500, relatie_id=klant["id"], aantal=3)
    assert [str(a.id) for a in listed] == [a["id"] for a in raw_json(raw.get("/artikelen"))]


@pytest.mark.parametrize("resource", ["artikelomzetgroepen", "verkoopordersjablonen", "landen"])
def test_plain_lists_and_their_records(
    client: SnelStartClient, raw: httpx.Client, resource: str
) -> None:
    records = getattr(client, resource).list()
    expected = raw_json(raw.get(f"/{resource}"))
    assert len(records) == len(expected) > 0
    assert [unknown_fields(record) for record in records] == [{}] * len(records)
    assert [as_json(record) for record in records] == [without_nulls(row) for row in expected]
    one = getattr(client, resource).get(expected[-1]["id"])
    assert one == records[-1]


def test_the_first_land_is_nederland(client: SnelStartClient) -> None:
    nederland = client.landen.list()[0]
    assert (nederland.naam, nederland.landcode_iso) == ("Nederland", "NL")


def test_money_keeps_its_digits(client: SnelStartClient, raw: httpx.Client) -> None:
    rows = raw_json(raw.get("/artikelen"))
    articles = client.artikelen.iter()
    for row, article in zip(rows, articles, strict=True):
        assert article.verkoopprijs == row["verkoopprijs"]
        assert isinstance(article.verkoopprijs, Decimal)


def test_data_of_another_administration_is_not_visible(
    client: SnelStartClient, connect: Connect, empty_admin: AdministrationInfo
) -> None:
    other = connect(empty_admin)
    mine = {r.id for r in client.relaties.iter()}
    theirs = {r.id for r in other.relaties.iter()}
    assert mine.isdisjoint(theirs)
    some_order = next(client.verkooporders.iter())
    with pytest.raises(NotFoundError):
        other.verkooporders.get(some_order.id)
