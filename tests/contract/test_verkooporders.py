"""Sales orders through the client: create (lines, template, memo, payment reference, order
reference, process status), get, update, delete, list; and SnelStart's validation errors."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from snelstart import (
    ErrorDetail,
    Identifier,
    NotFoundError,
    ProcesStatus,
    SnelStartClient,
    ValidationError,
    VerkoopOrder,
    VerkoopOrderRegel,
    VerkoopOrderStatus,
    odata,
)
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer
from tests.contract.conftest import endpoint_counts


def first(raw: httpx.Client, path: str, keep: Any = lambda row: True) -> dict[str, Any]:
    return next(row for row in raw.get(path).json() if keep(row))


def klant_id(raw: httpx.Client) -> uuid.UUID:
    row = first(raw, "/relaties", lambda r: r["relatiecode"] > 0 and "Klant" in r["relatiesoort"])
    return uuid.UUID(row["id"])


def new_order(raw: httpx.Client, **fields: Any) -> VerkoopOrder:
    article = first(raw, "/artikelen", lambda a: not a["isNonActief"])
    template = first(raw, "/verkoopordersjablonen", lambda t: t["omschrijving"] == "Werkbon")
    values: dict[str, Any] = {
        "relatie": Identifier(id=klant_id(raw)),
        "datum": datetime(2026, 3, 14),
        "proces_status": ProcesStatus.WERKBON,
        "verkoopordersjabloon": Identifier(id=template["id"]),
        "omschrijving": "Werkbon cv-ketel Dorpsstraat 12a",
        "memo": "Sleutel ligt bij de buren",
        "betalingskenmerk": "1000 2000 3000 4000",
        "orderreferentie": "SIMON-WB-0042",
        "regels": [
            VerkoopOrderRegel(
                artikel=Identifier(id=article["id"]),
                aantal=Decimal("2"),
                stuksprijs=Decimal("12.50"),
                totaal=Decimal("25.00"),
            ),
            VerkoopOrderRegel(omschrijving="Voorrijkosten volgens afspraak"),
        ],
    }
    values.update(fields)
    return VerkoopOrder(**values)


def test_create_stores_every_field_and_assigns_id_and_number(
    server: EmulatorServer, client: SnelStartClient, raw: httpx.Client
) -> None:
    server.set_clock(local="2026-03-14T09:15:00")
    next_number = client.company_info().volgend_verkoopordernummer
    order = new_order(raw)

    created = client.verkooporders.create(order)

    assert created.id is not None and created.uri == f"/verkooporders/{created.id}"
    assert created.nummer == next_number
    assert created.modified_on_text == "2026-03-14T09:15:00"
    assert created.relatie is not None and created.relatie.id == order.relatie.id
    assert created.verkoopordersjabloon is not None
    assert created.verkoopordersjabloon.id == order.verkoopordersjabloon.id
    assert (created.proces_status, created.verkoop_order_status) == ("Werkbon", "InBehandeling")
    assert created.datum == datetime(2026, 3, 14)
    assert (created.omschrijving, created.memo) == (order.omschrijving, order.memo)
    assert (created.betalingskenmerk, created.orderreferentie) == (
        "1000 2000 3000 4000",
        "SIMON-WB-0042",
    )
    assert created.regels is not None and len(created.regels) == 2
    line, text = created.regels
    assert (line.aantal, line.stuksprijs, line.totaal) == (2, Decimal("12.50"), 25)
    assert line.artikel is not None and line.artikel.id == order.regels[0].artikel.id
    assert (text.artikel, text.omschrijving) == (None, "Voorrijkosten volgens afspraak")
    assert client.company_info().volgend_verkoopordernummer == next_number + 1
    assert client.verkooporders.get(created.id) == created
    assert raw.get(f"/verkooporders/{created.id}").json()["orderreferentie"] == "SIMON-WB-0042"


def test_an_order_without_process_status_is_an_order_in_progress(
    client: SnelStartClient, raw: httpx.Client
) -> None:
    created = client.verkooporders.create(new_order(raw, proces_status=None))
    assert (created.proces_status, created.verkoop_order_status) == (
        ProcesStatus.ORDER,
        VerkoopOrderStatus.IN_BEHANDELING,
    )


def test_update_replaces_the_order_and_moves_modified_on(
    server: EmulatorServer, client: SnelStartClient, raw: httpx.Client
) -> None:
    server.set_clock(local="2026-03-14T09:15:00")
    created = client.verkooporders.create(new_order(raw))
    server.advance_clock(90)
    assert created.id is not None and created.regels is not None
    changed = created.model_copy(
        update={
            "memo": "Klant belt vooraf",
            "verkoop_order_status": VerkoopOrderStatus.UITGEVOERD,
            "regels": [*created.regels, VerkoopOrderRegel(omschrijving="Extra uur")],
        }
    )

    updated = client.verkooporders.update(created.id, changed)

    assert (updated.id, updated.nummer) == (created.id, created.nummer)
    assert (updated.memo, updated.verkoop_order_status) == ("Klant belt vooraf", "Uitgevoerd")
    assert updated.regels is not None
    assert [r.omschrijving for r in updated.regels][-1] == "Extra uur"
    assert updated.modified_on_text == "2026-03-14T09:16:30"
    assert client.verkooporders.get(created.id) == updated


def test_delete_removes_the_order(
    server: EmulatorServer, client: SnelStartClient, raw: httpx.Client, admin: AdministrationInfo
) -> None:
    created = client.verkooporders.create(new_order(raw))
    assert created.id is not None
    client.verkooporders.delete(created.id)
    with pytest.raises(NotFoundError):
        client.verkooporders.get(created.id)
    assert endpoint_counts(server, admin)["DELETE /verkooporders/{id}"] == 1


@pytest.mark.parametrize(
    ("switches", "status", "codes"),
    [
        ({}, 404, ()),
        ({"verkooporder_delete_unknown": "VOR-0001"}, 400, ("VOR-0001",)),
    ],
)
def test_deleting_an_unknown_order_is_not_found_in_either_shape(
    server: EmulatorServer,
    client: SnelStartClient,
    switches: dict[str, Any],
    status: int,
    codes: tuple[str, ...],
) -> None:
    server.set_settings(**switches)
    with pytest.raises(NotFoundError) as caught:
        client.verkooporders.delete(uuid.uuid4())
    assert (caught.value.status, caught.value.codes) == (status, codes)


def test_a_201_answer_to_delete_is_success_too(
    server: EmulatorServer, client: SnelStartClient, raw: httpx.Client
) -> None:
    server.set_settings(verkooporder_delete_status=201)
    created = client.verkooporders.create(new_order(raw))
    assert created.id is not None
    client.verkooporders.delete(created.id)
    assert raw.get(f"/verkooporders/{created.id}").status_code == 404


def test_list_finds_orders_by_omschrijving_and_relatie(
    client: SnelStartClient, raw: httpx.Client
) -> None:
    mine = client.verkooporders.create(new_order(raw, omschrijving="Zoek mij: onderhoud 2026"))
    client.verkooporders.create(new_order(raw, omschrijving="Iets anders"))
    found = list(client.verkooporders.iter(filter=odata.eq("Omschrijving", mine.omschrijving)))
    assert [o.id for o in found] == [mine.id]
    assert mine.relatie is not None
    by_customer = client.verkooporders.iter(filter=odata.eq("Relatie/Id", mine.relatie.id))
    expected = [
        row["id"]
        for row in raw.get("/verkooporders").json()
        if row["relatie"]["id"] == str(mine.relatie.id)
    ]
    assert [str(o.id) for o in by_customer] == expected
    assert len(expected) >= 2


def test_an_order_for_a_supplier_is_refused_with_vor_0002(
    client: SnelStartClient, raw: httpx.Client
) -> None:
    supplier = first(raw, "/relaties", lambda r: r["relatiesoort"] == ["Leverancier"])
    order = new_order(raw, relatie=Identifier(id=supplier["id"]), orderreferentie="R" * 51)

    with pytest.raises(ValidationError) as caught:
        client.verkooporders.create(order)

    error = caught.value
    assert (error.status, error.method, error.endpoint) == (400, "POST", "/verkooporders")
    assert error.codes == ("VOR-0002", "VOR-0011")
    assert error.errors == [
        ErrorDetail("VOR-0002", "De relatie is geen klant.", None, "relatie"),
        ErrorDetail(
            "VOR-0011", "De orderreferentie is langer dan 50 tekens.", None, "orderreferentie"
        ),
    ]
    assert error.field_errors == {
        "relatie": ["De relatie is geen klant."],
        "orderreferentie": ["De orderreferentie is langer dan 50 tekens."],
    }
    assert "VOR-0002 De relatie is geen klant." in error.message
    assert client.stats.by_endpoint["POST /verkooporders"].requests == 1


def test_an_order_for_an_unknown_relatie_is_refused_with_rel_0005(
    client: SnelStartClient, raw: httpx.Client
) -> None:
    with pytest.raises(ValidationError) as caught:
        client.verkooporders.create(new_order(raw, relatie=Identifier(id=uuid.uuid4())))
    assert caught.value.errors == [ErrorDetail("REL-0005", "De relatie bestaat niet.", None, None)]


def test_an_order_without_relatie_is_a_model_state_error_on_relatie(
    client: SnelStartClient, raw: httpx.Client
) -> None:
    with pytest.raises(ValidationError) as caught:
        client.verkooporders.create(new_order(raw, relatie=None))
    error = caught.value
    assert error.codes == ()
    assert error.errors == [ErrorDetail(None, "The Relatie field is required.", None, "relatie")]
    assert error.field_errors == {"relatie": ["The Relatie field is required."]}


def test_factuur_cannot_be_set_through_the_api(client: SnelStartClient, raw: httpx.Client) -> None:
    with pytest.raises(ValidationError) as caught:
        client.verkooporders.create(new_order(raw, proces_status=ProcesStatus.FACTUUR))
    assert caught.value.errors == [
        ErrorDetail(
            "ALG-0102", "De processtatus Factuur kan niet via de API worden gezet.", None, None
        )
    ]


def test_updating_an_unknown_order_is_not_found(client: SnelStartClient, raw: httpx.Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.verkooporders.update(uuid.uuid4(), new_order(raw))
    assert (caught.value.status, caught.value.method) == (404, "PUT")
