"""One method per endpoint: the right method, path and body, and the typed answer."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

import httpx
import pytest

from snelstart import (
    Identifier,
    OutcomeUnknownError,
    SnelStartClient,
    VerkoopOrder,
    VerkoopOrderRegel,
)
from snelstart.tests.conftest import json_response

ORDER_ID = "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
RELATIE_ID = "0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10"


def _order() -> VerkoopOrder:
    return VerkoopOrder(
        relatie=Identifier(id=RELATIE_ID),
        datum=datetime(2025, 3, 14),
        regels=[VerkoopOrderRegel(aantal=Decimal("1.5"), stuksprijs=Decimal("10.10"))],
    )


def test_create_posts_the_payload_as_json_and_returns_the_stored_order(client, fake):
    fake.add(json_response(201, {"id": ORDER_ID, "nummer": 1001, "procesStatus": "Order"}))

    created = client.verkooporders.create(_order())

    [request] = fake.api_requests
    assert (request.method, request.url.path) == ("POST", "/v2/verkooporders")
    assert request.headers["Content-Type"] == "application/json"
    assert request.content == (
        b'{"relatie":{"id":"0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10"},"datum":"2025-03-14T00:00:00",'
        b'"regels":[{"stuksprijs":10.10,"aantal":1.5}]}'
    )
    assert str(created.id) == ORDER_ID
    assert created.nummer == 1001


def test_update_puts_the_full_order_with_the_url_id_in_the_body(client, fake):
    fake.add(json_response(200, {"id": ORDER_ID, "omschrijving": "bijgewerkt"}))

    updated = client.verkooporders.update(ORDER_ID, _order())

    [request] = fake.api_requests
    assert (request.method, request.url.path) == ("PUT", f"/v2/verkooporders/{ORDER_ID}")
    assert json.loads(request.content)["id"] == ORDER_ID
    assert updated.omschrijving == "bijgewerkt"


def test_an_order_read_back_is_written_with_references_by_id_only(client, fake):
    read = VerkoopOrder.model_validate(
        {
            "id": ORDER_ID,
            "uri": f"/verkooporders/{ORDER_ID}",
            "relatie": {"id": RELATIE_ID, "uri": f"/relaties/{RELATIE_ID}"},
            "afleveradres": {"plaats": "Ede", "land": {"id": RELATIE_ID, "uri": "/landen/x"}},
            "regels": [{"artikel": {"id": RELATIE_ID, "uri": "/artikelen/x"}, "aantal": 1}],
        }
    )
    fake.add(json_response(201, {"id": ORDER_ID}), json_response(200, {"id": ORDER_ID}))

    client.verkooporders.create(read.model_copy(update={"id": None, "uri": None}))
    client.verkooporders.update(ORDER_ID, read)

    created, updated = (json.loads(r.content) for r in fake.api_requests)
    for body in (created, updated):
        assert body["relatie"] == {"id": RELATIE_ID}
        assert body["afleveradres"] == {"plaats": "Ede", "land": {"id": RELATIE_ID}}
        assert body["regels"] == [{"artikel": {"id": RELATIE_ID}, "aantal": 1}]
    assert updated["uri"] == f"/verkooporders/{ORDER_ID}"  # the order's own fields stay
    assert read.to_payload()["relatie"]["uri"] == f"/relaties/{RELATIE_ID}"  # reads keep uri


def test_delete_accepts_200_and_201(client, fake):
    fake.add(json_response(200, {}), json_response(201, {}))

    client.verkooporders.delete(ORDER_ID)
    client.verkooporders.delete(ORDER_ID)

    assert fake.calls() == [f"DELETE /v2/verkooporders/{ORDER_ID}"] * 2


def test_get_by_id_for_each_resource(client, fake):
    fake.default = json_response(200, {"id": ORDER_ID})

    client.relaties.get(ORDER_ID)
    client.artikelen.get(ORDER_ID, relatie_id=RELATIE_ID, aantal=2)
    client.artikelomzetgroepen.get(ORDER_ID)
    client.verkooporders.get(ORDER_ID)
    client.verkoopordersjablonen.get(ORDER_ID)

    assert [str(r.url) for r in fake.api_requests] == [
        f"https://api.test/v2/relaties/{ORDER_ID}",
        f"https://api.test/v2/artikelen/{ORDER_ID}?relatieId={RELATIE_ID}&aantal=2",
        f"https://api.test/v2/artikelomzetgroepen/{ORDER_ID}",
        f"https://api.test/v2/verkooporders/{ORDER_ID}",
        f"https://api.test/v2/verkoopordersjablonen/{ORDER_ID}",
    ]


def test_an_id_cannot_escape_its_path_segment(client, fake):
    fake.default = json_response(200, {})

    client.relaties.get("../companyInfo?x=1")

    assert fake.api_requests[0].url.raw_path == b"/v2/relaties/..%2FcompanyInfo%3Fx%3D1"


def test_echo_returns_the_json_string(client, fake):
    fake.add(json_response(200, "hallo wereld/1"))

    assert client.echo("hallo wereld/1") == "hallo wereld/1"
    assert fake.api_requests[0].url.raw_path == b"/v2/echo/hallo%20wereld%2F1"


def test_echo_of_nothing_is_204_and_an_empty_string(client, fake):
    fake.add(httpx.Response(204))

    assert client.echo("") == ""
    assert fake.api_requests[0].url.path == "/v2/echo/"


def test_company_info_is_typed(client, fake):
    fake.add(
        json_response(
            200,
            {
                "administratieIdentifier": "11111111-2222-3333-4444-555555555555",
                "administratieNaam": "Demo",
                "kvKNummer": "12345678",
                "artikelcodeSoort": "Numeriek",
                "artikelcodeMaxLengte": 8,
            },
        )
    )

    info = client.company_info()

    assert info.administratie_naam == "Demo"
    assert info.kvk_nummer == "12345678"
    assert (info.artikelcode_soort, info.artikelcode_max_lengte) == ("Numeriek", 8)


def test_the_client_is_a_context_manager(fake):
    with SnelStartClient(
        client_key="k", subscription_key="s", transport=httpx.MockTransport(fake.handler)
    ) as client:
        assert client.relaties is not None
    assert client._http.is_closed


def test_defaults_point_at_snelstart():
    client = SnelStartClient(client_key="k", subscription_key="s")
    try:
        assert client._token_url == "https://auth.snelstart.nl/b2b/token"
        assert client._base_url == "https://b2bapi.snelstart.nl/v2"
        assert client._http.timeout == httpx.Timeout(25.0, connect=10.0)
    finally:
        client.close()


def test_a_created_order_whose_answer_cannot_be_read_is_outcome_unknown(client, fake):
    fake.add(httpx.Response(201, text="<html>ok</html>"))
    order = _order()

    with pytest.raises(OutcomeUnknownError) as caught:
        client.verkooporders.create(order)

    assert caught.value.status == 201
    assert caught.value.payload == order.to_payload()
    assert len(fake.api_requests) == 1
