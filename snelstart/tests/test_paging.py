"""OData lists stream page by page with $skip/$top and stop after a short page."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote

import httpx
import pytest

from snelstart import Artikel, odata
from snelstart.tests.conftest import json_response


def _serve(total: int):
    """A list endpoint holding ``total`` rows that honours $skip/$top."""

    def answer(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params["$skip"])
        top = int(request.url.params["$top"])
        rows = [
            {"relatiecode": n, "naam": f"Klant {n}"} for n in range(skip, min(total, skip + top))
        ]
        return json_response(200, rows)

    return answer


def _windows(fake) -> list[tuple[int, int]]:
    return [(int(r.url.params["$skip"]), int(r.url.params["$top"])) for r in fake.api_requests]


def test_1234_rows_come_in_pages_of_500_500_234(client, fake):
    fake.default = _serve(1234)

    rows = list(client.relaties.iter(read_ahead=1))

    assert [r.relatiecode for r in rows] == list(range(1234))
    assert _windows(fake) == [(0, 500), (500, 500), (1000, 500)]


def test_exactly_500_rows_cost_one_extra_call_that_returns_nothing(client, fake):
    fake.default = _serve(500)

    rows = list(client.relaties.iter())

    assert len(rows) == 500
    assert _windows(fake) == [(0, 500), (500, 500)]


def test_an_empty_list_is_one_call(client, fake):
    fake.default = _serve(0)

    assert list(client.verkooporders.iter()) == []
    assert _windows(fake) == [(0, 500)]


def test_pages_are_read_at_most_two_ahead_of_the_consumer(client, fake):
    fake.default = _serve(1234)
    rows = client.relaties.iter(page_size=100)

    first = next(rows)
    deadline = time.monotonic() + 5
    while len(_windows(fake)) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)  # were it to read further ahead, it would have by now

    assert first.relatiecode == 0
    assert _windows(fake) == [(0, 100), (100, 100), (200, 100)]
    assert len(list(rows)) == 1233
    # The last page (1200) is short; the one after it (1300) may have been on its way already.
    needed = [(skip, 100) for skip in range(0, 1300, 100)]
    assert sorted(_windows(fake)) in (needed, [*needed, (1300, 100)])


def test_read_ahead_one_follows_snelstarts_advice_to_the_letter(client, fake):
    fake.default = _serve(1234)
    assert len(list(client.relaties.iter(page_size=100, read_ahead=1))) == 1234
    assert _windows(fake) == [(skip, 100) for skip in range(0, 1300, 100)]


def test_a_short_first_page_asks_nothing_ahead(client, fake):
    fake.default = _serve(3)
    assert len(list(client.relaties.iter())) == 3
    time.sleep(0.1)
    assert _windows(fake) == [(0, 500)]


def test_page_size_never_exceeds_500(client, fake):
    with pytest.raises(ValueError):
        list(client.relaties.iter(page_size=501))
    with pytest.raises(ValueError):
        client.artikelen.page(0, 0)
    assert fake.api_requests == []


def test_filter_and_select_are_sent_as_odata_options(client, fake):
    fake.default = _serve(3)
    expression = odata.and_(
        odata.modified_since("2024-03-01T12:00:00"), odata.eq("Naam", "O'Brien & Zn")
    )

    list(client.relaties.iter(filter=expression, select=["Id", "Naam"]))

    [request] = fake.api_requests
    assert request.url.params["$filter"] == expression
    assert request.url.params["$select"] == "Id,Naam"
    query = request.url.query.decode()
    assert query.startswith(
        "$skip=0&$top=500&$filter=ModifiedOn%20ge%20datetime'2024-03-01T12:00:00'"
    )
    assert "%26" in query and "+" not in query
    assert unquote(query.split("$filter=")[1].split("&")[0]) == expression


def test_page_reads_one_window(client, fake):
    fake.default = _serve(1234)

    rows = client.relaties.page(1200, 50)

    assert [r.relatiecode for r in rows] == list(range(1200, 1234))
    assert _windows(fake) == [(1200, 50)]


def test_artikelen_can_ask_for_a_customers_prices(client, fake):
    fake.default = json_response(200, [])

    list(client.artikelen.iter(relatie_id="0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10", aantal=3))

    params = fake.api_requests[0].url.params
    assert params["relatieId"] == "0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10"
    assert params["aantal"] == "3"


def test_plain_lists_send_no_query_options(client, fake):
    fake.add(json_response(200, [{"nummer": 1, "omschrijving": "Omzet hoog"}]))
    fake.add(json_response(200, [{"omschrijving": "Standaard", "nonactief": False}]))

    groups = client.artikelomzetgroepen.list()
    templates = client.verkoopordersjablonen.list()

    assert groups[0].omschrijving == "Omzet hoog"
    assert templates[0].omschrijving == "Standaard"
    assert [str(r.url) for r in fake.api_requests] == [
        "https://api.test/v2/artikelomzetgroepen",
        "https://api.test/v2/verkoopordersjablonen",
    ]


def test_iter_yields_typed_models(client, fake):
    fake.default = json_response(200, [{"artikelcode": "308", "verkoopprijs": 0}])

    [artikel] = list(client.artikelen.iter())

    assert isinstance(artikel, Artikel)
    assert artikel.artikelcode == "308"


def test_one_client_serves_concurrent_page_reads(client, fake):
    fake.default = _serve(2000)
    windows = [0, 500, 1000, 1500]
    with ThreadPoolExecutor(max_workers=4) as pool:
        pages = list(pool.map(lambda skip: client.relaties.page(skip, 500), windows))

    assert [page[0].relatiecode for page in pages] == windows
    assert sum(len(page) for page in pages) == 2000
    assert len(fake.token_requests) == 1
    assert client.stats.by_endpoint["GET /relaties"].requests == 4
