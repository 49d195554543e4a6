"""``read_page`` sets a record that does not fit aside instead of failing the whole page."""

from __future__ import annotations

import json

import httpx
import pytest

from snelstart import MalformedResponseError, NotFoundError, SnelStartClient

TOKEN = {"access_token": "t", "token_type": "bearer", "expires_in": 3599}


def client_answering(rows: list[object]) -> SnelStartClient:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            return httpx.Response(200, json=TOKEN)
        return httpx.Response(200, content=json.dumps(rows).encode())

    return SnelStartClient(
        client_key="k" * 20, subscription_key="s", transport=httpx.MockTransport(handler)
    )


def test_a_bad_record_is_rejected_and_the_page_still_counts_as_full():
    good = {"id": "d691991a-9c3c-45d0-b6d0-aae11727e981", "naam": "Jansen"}
    bad = {"id": "not-a-guid", "naam": "Kapot"}
    with client_answering([good, bad]) as client:
        page = client.relaties.read_page(0, 2)
    assert [r.naam for r in page.records] == ["Jansen"]
    assert [(r.index, r.data["naam"]) for r in page.rejected] == [(1, "Kapot")]
    assert page.size == 2
    assert page.full is True


def test_a_short_page_is_not_full():
    with client_answering([]) as client:
        page = client.artikelen.read_page(500, 500)
    assert (page.size, page.full, page.records) == (0, False, [])


def test_landen_reads_the_iso_code():
    land = {"id": "d691991a-9c3c-45d0-b6d0-aae11727e981", "naam": "Nederland", "landcodeISO": "NL"}
    with client_answering([land]) as client:
        (nl,) = client.landen.list()
    assert (nl.naam, nl.landcode_iso) == ("Nederland", "NL")


def test_a_shared_token_cache_saves_the_token_request_of_the_next_client():
    from snelstart import TokenCache

    token_calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            token_calls.append(1)
            return httpx.Response(200, json=TOKEN)
        return httpx.Response(200, json=[])

    cache = TokenCache()
    for _ in range(3):
        with SnelStartClient(
            client_key="k" * 20,
            subscription_key="s",
            transport=httpx.MockTransport(handler),
            token_cache=cache,
        ) as client:
            client.relaties.page(0, 1)
    assert len(token_calls) == 1


def test_a_rejected_shared_token_is_dropped_and_renewed_once():
    from snelstart import TokenCache

    tokens = iter(["first", "second"])
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            return httpx.Response(200, json={**TOKEN, "access_token": next(tokens)})
        seen.append(request.headers["Authorization"])
        if request.headers["Authorization"] == "Bearer first":
            return httpx.Response(401, json={"Message": "Authorization has been denied"})
        return httpx.Response(200, json=[])

    cache = TokenCache()
    with SnelStartClient(
        client_key="k" * 20,
        subscription_key="s",
        transport=httpx.MockTransport(handler),
        token_cache=cache,
    ) as client:
        client.relaties.page(0, 1)
    assert seen == ["Bearer first", "Bearer second"]
    assert next(iter(cache._entries.values()))[0] == "second"


def test_fetch_page_only_requests_and_decode_reads_the_page_later():
    bad_body = b'[{"id": "d691991a-9c3c-45d0-b6d0-aae11727e981"'  # cut off

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            return httpx.Response(200, json=TOKEN)
        return httpx.Response(200, content=bad_body)

    transport = httpx.MockTransport(handler)
    with SnelStartClient(client_key="k" * 20, subscription_key="s", transport=transport) as client:
        pending = client.artikelen.fetch_page(1000, 500, "isNonActief eq false")
        assert (pending.skip, pending.top, pending.endpoint) == (1000, 500, "/artikelen")
        with pytest.raises(MalformedResponseError, match="GET /artikelen"):
            pending.decode()


def test_fetch_page_raises_http_errors_itself():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            return httpx.Response(200, json=TOKEN)
        return httpx.Response(404, json={"message": "niet gevonden"})

    transport = httpx.MockTransport(handler)
    client = SnelStartClient(client_key="k" * 20, subscription_key="s", transport=transport)
    with client, pytest.raises(NotFoundError):
        client.relaties.fetch_page(0, 500)


def test_fetch_page_then_decode_equals_read_page():
    good = {"id": "d691991a-9c3c-45d0-b6d0-aae11727e981", "naam": "Jansen"}
    with client_answering([good, {"id": "kapot"}]) as client:
        direct = client.relaties.read_page(0, 2)
        later = client.relaties.fetch_page(0, 2).decode()
    assert later.records == direct.records
    assert [r.index for r in later.rejected] == [r.index for r in direct.rejected] == [1]
