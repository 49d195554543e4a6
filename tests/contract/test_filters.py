"""`$filter` built with :mod:`snelstart.odata` and evaluated by the emulator: `modifiedOn` cursors
on the emulator's clock (the autumn clock change included), equality, and/or, substringof,
relatiesoort, and the 400 an unsupported filter gets."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from snelstart import RequestError, SnelStartClient, ValidationError, odata, to_aware
from snelstart_emulator.testing import EmulatorServer
from tests.contract.conftest import klant_body


def names(records: Any) -> list[str]:
    return [record.naam for record in records]


def create(api: httpx.Client, naam: str) -> dict[str, Any]:
    response = api.post("/relaties", json=klant_body(naam))
    assert response.status_code == 201, response.text
    return response.json()


def test_records_changed_at_or_after_the_cursor_are_returned_and_earlier_ones_not(
    server: EmulatorServer, empty_client: SnelStartClient, empty_raw: httpx.Client
) -> None:
    server.set_clock(local="2026-03-02T10:00:00.25")
    first = create(empty_raw, "Eerste")
    server.advance_clock(60)
    second = create(empty_raw, "Tweede")
    server.advance_clock(60)
    create(empty_raw, "Derde")
    assert second["modifiedOn"] == "2026-03-02T10:01:00.25"

    cursor = empty_client.relaties.get(second["id"]).modified_on_text
    assert cursor == "2026-03-02T10:01:00.25"
    assert names(empty_client.relaties.iter(filter=odata.modified_since(cursor))) == [
        "Tweede",
        "Derde",
    ]
    after = odata.compare("ModifiedOn", "gt", datetime(2026, 3, 2, 10, 1, 0, 250000))
    assert names(empty_client.relaties.iter(filter=after)) == ["Derde"]

    # A change to an earlier record moves it past the cursor.
    server.advance_clock(60)
    changed = dict(first, memo="Gewijzigd")
    assert empty_raw.put(f"/relaties/{first['id']}", json=changed).status_code == 200
    since_third = odata.modified_since("2026-03-02T10:02:00.25")
    assert names(empty_client.relaties.iter(filter=since_third)) == ["Eerste", "Derde"]


def test_an_aware_cursor_is_sent_as_amsterdam_wall_time(
    server: EmulatorServer, empty_client: SnelStartClient, empty_raw: httpx.Client
) -> None:
    server.set_clock(utc="2026-07-01T10:00:00Z")  # 12:00 in Amsterdam (CEST)
    create(empty_raw, "Zomer")
    cursor = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert odata.modified_since(cursor) == "ModifiedOn ge datetime'2026-07-01T12:00:00'"
    assert names(empty_client.relaties.iter(filter=odata.modified_since(cursor))) == ["Zomer"]
    one_second_later = cursor + timedelta(seconds=1)
    assert names(empty_client.relaties.iter(filter=odata.modified_since(one_second_later))) == []


def test_the_autumn_hour_gives_two_changes_the_same_text_and_fold_tells_them_apart(
    server: EmulatorServer, empty_client: SnelStartClient, empty_raw: httpx.Client
) -> None:
    server.set_clock(local="2026-10-25T02:30:00", fold=0)  # 00:30 UTC, still CEST
    create(empty_raw, "Zomertijd")
    server.set_clock(local="2026-10-25T02:30:00", fold=1)  # 01:30 UTC, CET
    create(empty_raw, "Wintertijd")
    server.set_clock(local="2026-10-25T02:10:00", fold=1)  # 01:10 UTC: later than "Zomertijd"
    create(empty_raw, "Later maar vroeger")

    cursor = "2026-10-25T02:30:00"
    found = list(empty_client.relaties.iter(filter=odata.modified_since(cursor)))
    assert names(found) == ["Zomertijd", "Wintertijd"]
    assert [r.modified_on_text for r in found] == [cursor, cursor]
    assert found[0].modified_on is not None and found[1].modified_on is not None
    summer = to_aware(found[0].modified_on, fold=0)
    winter = to_aware(found[1].modified_on, fold=1)
    assert winter.astimezone(UTC) - summer.astimezone(UTC) == timedelta(hours=1)
    assert summer.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)

    # The change made at 02:10 in the second pass has an earlier wall-clock text than the
    # cursor: a watermark taken as text misses it unless it overlaps the repeated hour.
    overlap = odata.modified_since(datetime(2026, 10, 25, 1, 30))
    assert names(empty_client.relaties.iter(filter=overlap)) == [
        "Zomertijd",
        "Wintertijd",
        "Later maar vroeger",
    ]


Select = Callable[[dict[str, Any]], bool]


def expected(raw: httpx.Client, resource: str, keep: Select) -> list[str]:
    rows = raw.get(f"/{resource}").json()
    return [row["id"] for row in rows if keep(row)]


def ids(records: Any) -> list[str]:
    return [str(record.id) for record in records]


def test_equality_on_ids_and_codes(client: SnelStartClient, raw: httpx.Client) -> None:
    relaties = raw.get("/relaties").json()
    some = relaties[5]
    by_id = odata.eq("Id", uuid.UUID(some["id"]))
    assert ids(client.relaties.iter(filter=by_id)) == [some["id"]]
    # A GUID property compared with a string literal is a type error, as in ODataLib.
    with pytest.raises(RequestError, match="incompatible types"):
        client.relaties.page(0, 10, filter=odata.eq("Id", some["id"]))
    by_code = odata.eq("Relatiecode", some["relatiecode"])
    assert ids(client.relaties.iter(filter=by_code)) == [some["id"]]
    articles = raw.get("/artikelen").json()
    article = articles[4]
    by_article_code = odata.eq("Artikelcode", article["artikelcode"])
    assert ids(client.artikelen.iter(filter=by_article_code)) == [article["id"]]
    group = odata.eq("ArtikelOmzetgroep/Id", uuid.UUID(article["artikelOmzetgroep"]["id"]))
    assert ids(client.artikelen.iter(filter=group)) == expected(
        raw,
        "artikelen",
        lambda a: a["artikelOmzetgroep"]["id"] == article["artikelOmzetgroep"]["id"],
    )
    order = raw.get("/verkooporders").json()[0]
    by_omschrijving = odata.eq("Omschrijving", order["omschrijving"])
    assert ids(client.verkooporders.iter(filter=by_omschrijving)) == [order["id"]]


def test_a_quote_in_a_string_literal_is_doubled(
    empty_client: SnelStartClient, empty_raw: httpx.Client
) -> None:
    create(empty_raw, "O'Brien Installaties")
    create(empty_raw, "OBrien Installaties")
    found = empty_client.relaties.iter(filter=odata.eq("Naam", "O'Brien Installaties"))
    assert names(found) == ["O'Brien Installaties"]


def test_and_or_combine_as_written(client: SnelStartClient, raw: httpx.Client) -> None:
    codes = (1001, 1002, 9000)
    either = odata.or_(*(odata.eq("Relatiecode", code) for code in codes))
    klanten = odata.and_(either, odata.relatiesoort_is("Klant"))
    assert ids(client.relaties.iter(filter=either)) == expected(
        raw, "relaties", lambda r: r["relatiecode"] in codes
    )
    assert ids(client.relaties.iter(filter=klanten)) == expected(
        raw, "relaties", lambda r: r["relatiecode"] in codes and "Klant" in r["relatiesoort"]
    )
    active = odata.and_(klanten, odata.eq("Nonactief", False))
    assert ids(client.relaties.iter(filter=active)) == expected(
        raw,
        "relaties",
        lambda r: r["relatiecode"] in codes and "Klant" in r["relatiesoort"] and not r["nonactief"],
    )
    assert len(ids(client.relaties.iter(filter=either))) == 3


@pytest.mark.parametrize("soort", ["Klant", "Leverancier", "Eigen"])
def test_relatiesoort_is_filters_on_the_array(
    client: SnelStartClient, raw: httpx.Client, soort: str
) -> None:
    found = ids(client.relaties.iter(filter=odata.relatiesoort_is(soort)))
    assert found == expected(raw, "relaties", lambda r: soort in r["relatiesoort"])
    assert found != []


@pytest.mark.parametrize("text", ["B.V.", "bedrijf", "Zn.", "geen treffer"])
def test_contains_is_substringof_and_case_sensitive(
    client: SnelStartClient, raw: httpx.Client, text: str
) -> None:
    found = ids(client.relaties.iter(filter=odata.contains("Naam", text)))
    assert found == expected(raw, "relaties", lambda r: text in r["naam"])


def test_startswith_and_inactive_articles(client: SnelStartClient, raw: httpx.Client) -> None:
    found = ids(client.artikelen.iter(filter=odata.startswith("Omschrijving", "Installatie")))
    assert found == expected(
        raw, "artikelen", lambda a: a["omschrijving"].startswith("Installatie")
    )
    inactive = ids(client.artikelen.iter(filter=odata.eq("IsNonActief", True)))
    assert inactive == expected(raw, "artikelen", lambda a: a["isNonActief"])
    assert inactive != []


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            "Plaats eq 'Ede'",
            "Could not find a property named 'Plaats' on type "
            "'SnelStart.B2B.Api.V2.Models.Relaties.RelatieModel'.",
        ),
        ("contains(Naam,'Ede')", "Unknown function 'contains'."),
        (
            "modifiedOn ge datetime'2026-01-01T00:00:00'",
            "Could not find a property named 'modifiedOn' on type "
            "'SnelStart.B2B.Api.V2.Models.Relaties.RelatieModel'.",
        ),
    ],
)
def test_an_unsupported_filter_is_a_request_error_with_the_emulators_400(
    client: SnelStartClient, raw: httpx.Client, expression: str, message: str
) -> None:
    answer = raw.get("/relaties", params={"$filter": expression})
    assert answer.status_code == 400
    assert answer.json() == {"Message": message}
    with pytest.raises(RequestError) as caught:
        list(client.relaties.iter(filter=expression))
    error = caught.value
    assert type(error) is RequestError
    assert (error.status, error.method, error.endpoint) == (400, "GET", "/relaties")
    assert error.body == answer.text
    assert message in error.message
    assert client.stats.by_endpoint["GET /relaties"].requests == 1  # a 400 is not retried


def test_an_alg_0104_filter_error_carries_its_code(
    server: EmulatorServer, client: SnelStartClient
) -> None:
    server.set_settings(odata_error_shape="alg0104")
    with pytest.raises(ValidationError) as caught:
        client.relaties.page(0, 10, filter="Naam eq")
    assert caught.value.codes == ("ALG-0104",)
    assert [e.code for e in caught.value.errors] == ["ALG-0104"]
    assert caught.value.errors[0].details == "Expression expected at position 7 in 'Naam eq'."
