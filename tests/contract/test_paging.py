"""Paging across several pages with `$skip`/`$top`, counted on the emulator's side."""

from __future__ import annotations

import pytest

from snelstart import SnelStartClient, odata
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer
from tests.contract.conftest import Connect, endpoint_counts

#: Every administration also holds the own relatie (Eigen) and the placeholders -1 and -2.
STANDARD_RELATIES = 3


@pytest.fixture(scope="module")
def relaties_1234(server: EmulatorServer) -> AdministrationInfo:
    return server.create_administration(
        seed=11, customers=1234 - STANDARD_RELATIES, suppliers=0, articles=3, orders=0
    )


@pytest.fixture(scope="module")
def relaties_1000(server: EmulatorServer) -> AdministrationInfo:
    return server.create_administration(
        seed=12, customers=1000 - STANDARD_RELATIES, suppliers=0, articles=3, orders=0
    )


def test_1234_relaties_come_in_three_pages(
    server: EmulatorServer, connect: Connect, relaties_1234: AdministrationInfo
) -> None:
    server.reset_request_count(relaties_1234.administration_id)
    client = connect(relaties_1234)
    # read_ahead=1: the next page only after a full one, SnelStart's advice to the letter.
    records = list(client.relaties.iter(read_ahead=1))
    assert len(records) == 1234
    assert len({r.id for r in records}) == 1234
    assert endpoint_counts(server, relaties_1234) == {"GET /relaties": 3}
    assert client.stats.by_endpoint["GET /relaties"].requests == 3


def test_the_default_read_ahead_costs_at_most_one_extra_request_at_the_end(
    server: EmulatorServer, connect: Connect, relaties_1234: AdministrationInfo
) -> None:
    server.reset_request_count(relaties_1234.administration_id)
    records = list(connect(relaties_1234).relaties.iter())
    assert len({r.id for r in records}) == 1234
    # The request after the short last page may already be sent, or cancelled before it was.
    assert endpoint_counts(server, relaties_1234)["GET /relaties"] in (3, 4)


def test_exactly_1000_relaties_take_one_extra_empty_page(
    server: EmulatorServer, connect: Connect, relaties_1000: AdministrationInfo
) -> None:
    server.reset_request_count(relaties_1000.administration_id)
    client = connect(relaties_1000)
    assert len(list(client.relaties.iter(read_ahead=1))) == 1000
    assert endpoint_counts(server, relaties_1000) == {"GET /relaties": 3}
    assert client.relaties.page(1000, 500) == []


def test_pages_follow_one_another_without_gaps_or_overlap(
    server: EmulatorServer, connect: Connect, relaties_1234: AdministrationInfo
) -> None:
    client = connect(relaties_1234)
    streamed = [r.id for r in client.relaties.iter()]
    paged = [r.id for skip in (0, 500, 1000) for r in client.relaties.page(skip, 500)]
    assert paged == streamed


def test_a_smaller_page_size_takes_more_requests(
    server: EmulatorServer, connect: Connect, relaties_1234: AdministrationInfo
) -> None:
    server.reset_request_count(relaties_1234.administration_id)
    client = connect(relaties_1234)
    assert len(list(client.relaties.iter(page_size=100, read_ahead=1))) == 1234
    assert endpoint_counts(server, relaties_1234) == {"GET /relaties": 13}


def test_read_page_tells_whether_another_page_may_follow(
    connect: Connect, relaties_1234: AdministrationInfo
) -> None:
    client = connect(relaties_1234)
    middle = client.relaties.read_page(500, 500)
    last = client.relaties.read_page(1000, 500)
    assert (middle.skip, middle.top, middle.size, middle.full, middle.rejected) == (
        500,
        500,
        500,
        True,
        [],
    )
    assert (last.size, last.full) == (234, False)
    assert [r.id for r in last.records] == [r.id for r in client.relaties.page(1000, 500)]


def test_a_filtered_list_pages_over_the_matches_only(
    server: EmulatorServer, connect: Connect, relaties_1234: AdministrationInfo
) -> None:
    server.reset_request_count(relaties_1234.administration_id)
    client = connect(relaties_1234)
    klanten = list(client.relaties.iter(filter=odata.relatiesoort_is("Klant"), read_ahead=1))
    # The 1,231 demo customers and the placeholder -2 "Klant onbekend".
    assert len(klanten) == 1232
    assert all(r.relatiesoort == ["Klant"] for r in klanten)
    assert endpoint_counts(server, relaties_1234) == {"GET /relaties": 3}


def test_artikelen_and_verkooporders_page_the_same_way(
    server: EmulatorServer, connect: Connect
) -> None:
    info = server.create_administration(
        seed=13, customers=2, suppliers=0, articles=1001, orders=0, groups=2
    )
    client = connect(info)
    articles = list(client.artikelen.iter(read_ahead=1))
    assert len(articles) == 1001
    assert endpoint_counts(server, info)["GET /artikelen"] == 3
    assert list(client.verkooporders.iter()) == []
    assert endpoint_counts(server, info)["GET /verkooporders"] == 1


def test_the_client_never_asks_for_more_than_500(
    server: EmulatorServer, client: SnelStartClient, admin: AdministrationInfo
) -> None:
    with pytest.raises(ValueError, match="top must be between 1 and 500"):
        client.relaties.page(0, 501)
    with pytest.raises(ValueError, match="top must be between 1 and 500"):
        client.artikelen.iter(page_size=1000)
    assert server.request_count(admin.administration_id) == 0
