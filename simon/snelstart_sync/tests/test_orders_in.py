"""Sales orders made in SnelStart arrive in Simon as work orders, once (issue 10, S23–S26).

Against the emulator over HTTP: orders are created in SnelStart the way a webshop or the office
would, then Simon syncs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from simon.snelstart_sync.models import (
    IncomingOrder,
    IncomingState,
    Kind,
    LogMessage,
    SalesOrderExport,
    Stream,
    StreamCursor,
    Table,
)
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.push_setup import Shop
from simon.workorders import services
from simon.workorders.models import WorkOrder, WorkOrderStatus

pytestmark = pytest.mark.django_db(transaction=True)


def order(shop: Shop, customer: str, omschrijving: str, **extra: Any) -> dict:
    lines = extra.pop("regels", None)
    body = {
        "relatie": {"id": shop.relaties[customer]["id"]},
        "datum": "2026-12-05T00:00:00",
        "omschrijving": omschrijving,
        "regels": lines
        if lines is not None
        else [
            {"artikel": {"id": shop.artikelen["KRAAN"]["id"]}, "aantal": 3},
            {"omschrijving": "Let op: hond in de tuin"},
        ],
        **extra,
    }
    response = shop.api.post("/verkooporders", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def sync(shop: Shop) -> Any:
    report = sync_organization(shop.organization.pk)
    assert report is not None and report.ok, report
    return report


def incoming(shop: Shop) -> list[WorkOrder]:
    return list(
        WorkOrder.objects.filter(organization=shop.organization, snelstart_order_id__isnull=False)
    )


@pytest.fixture
def pulling(shop: Shop) -> Shop:
    shop.settings(
        pull_orders=True, pull_filter_word="WB", pull_with_lines=True, pull_description="beide"
    )
    return shop


def test_an_order_with_the_filter_word_arrives_once_with_customer_description_and_materials(
    pulling,
):
    made = order(pulling, "Bakkerij de Vries", "WB storing CV-ketel", memo="Bel vooraf aan")

    sync(pulling)

    [work_order] = incoming(pulling)
    assert work_order.snelstart_order_id is not None
    assert str(work_order.snelstart_order_id) == made["id"]
    assert work_order.customer == pulling.customer("Bakkerij de Vries")
    assert work_order.status == WorkOrderStatus.OPEN and work_order.source == "snelstart"
    assert work_order.description == (
        "WB storing CV-ketel\n\nBel vooraf aan\n\nTekstregels uit de verkooporder:\n"
        "Let op: hond in de tuin"
    )
    assert [(m.article.article_code, m.quantity) for m in work_order.material_lines.all()] == [
        ("KRAAN", Decimal(3))
    ]
    # The delivery address is the customer's address: its work address is picked.
    assert work_order.work_address == pulling.customer("Bakkerij de Vries").work_addresses.get()
    assert work_order.status_changes.get().note == f"Uit SnelStart-verkooporder {made['nummer']}"
    approval = LogMessage.objects.get(kind=Kind.APPROVAL, table=Table.WORK_ORDER)
    assert approval.message == (
        f"Verkooporder {made['nummer']} uit SnelStart is werkbon {work_order.number} geworden."
    )

    sync(pulling)
    assert len(incoming(pulling)) == 1


def test_the_filter_word_ignores_case_and_orders_without_it_stay_out(pulling):
    order(pulling, "Bakkerij de Vries", "Webshop bestelling 1042")
    order(pulling, "Slagerij Jansen", "wb: lekkage")

    sync(pulling)

    assert [w.customer.name for w in incoming(pulling)] == ["Slagerij Jansen"]


def test_a_later_change_in_snelstart_changes_nothing_in_simon(pulling):
    made = order(pulling, "Bakkerij de Vries", "WB storing")
    sync(pulling)
    [work_order] = incoming(pulling)

    current = pulling.api.get(f"/verkooporders/{made['id']}").json()
    current["omschrijving"] = "WB storing, nu ook de boiler"
    assert pulling.api.put(f"/verkooporders/{made['id']}", json=current).status_code == 200
    sync(pulling)

    [again] = incoming(pulling)
    assert again.pk == work_order.pk
    assert again.description.startswith("WB storing\n")


def test_simons_own_sales_orders_never_come_back(pulling):
    work_order = pulling.completed(description="WB onderhoud ketel")
    services.archive(work_order, by=pulling.office)
    assert SalesOrderExport.objects.get(work_order=work_order).state == "sent"

    sync(pulling)

    assert incoming(pulling) == []
    assert not IncomingOrder.objects.exists()


def test_an_order_for_an_unknown_customer_waits_and_arrives_after_the_customer(pulling):
    relatie = ss.create_customer(pulling.api, "Nieuwe Klant BV", "Dorpsweg 9")
    pulling.relaties["Nieuwe Klant BV"] = relatie
    made = order(pulling, "Nieuwe Klant BV", "WB nieuwe aansluiting")
    # Set inactive right after the order was taken: Simon does not take the customer over.
    ss.update_relatie(pulling.api, relatie, nonactief=True)

    sync(pulling)

    assert incoming(pulling) == []
    waiting = IncomingOrder.objects.get()
    assert waiting.state == IncomingState.WAITING
    warning = LogMessage.objects.get(kind=Kind.WARNING, table=Table.WORK_ORDER)
    assert warning.message.startswith(f"Verkooporder {made['nummer']} uit SnelStart wacht")
    assert warning.record_label == f"Verkooporder {made['nummer']}"

    ss.update_relatie(pulling.api, relatie, nonactief=False)
    sync(pulling)

    [work_order] = incoming(pulling)
    assert work_order.customer.name == "Nieuwe Klant BV"
    assert IncomingOrder.objects.get().state == IncomingState.TAKEN
    warning.refresh_from_db()
    assert warning.resolved


def test_switching_on_does_not_import_the_history(shop):
    shop.linked.emulator.set_clock(offset_seconds=-3600)  # an hour ago in SnelStart
    order(shop, "Bakkerij de Vries", "WB van vorige maand")
    shop.linked.emulator.set_clock()
    sync(shop)  # not pulling yet: nothing read at all
    assert not StreamCursor.objects.filter(stream=Stream.SALES_ORDERS).exists()

    shop.settings(pull_orders=True, pull_filter_word="WB")
    sync(shop)
    assert incoming(shop) == []

    StreamCursor.objects.filter(stream=Stream.SALES_ORDERS).delete()  # e.g. a wipe
    sync(shop)
    assert incoming(shop) == []

    order(shop, "Slagerij Jansen", "WB vandaag")
    sync(shop)
    assert [w.customer.name for w in incoming(shop)] == ["Slagerij Jansen"]


def test_lines_with_an_article_simon_does_not_hold_go_into_the_description(pulling):
    chosen, other = ss.groups(pulling.api)[:2]
    pulling.settings(
        pull_orders=True, pull_filter_word="WB", article_groups=[chosen["omschrijving"]]
    )
    foreign = ss.create_article(pulling.api, "ELDERS", other)  # a group Simon does not import
    order(
        pulling,
        "Bakkerij de Vries",
        "WB onderdelen",
        regels=[
            {"artikel": {"id": foreign["id"]}, "aantal": 2, "omschrijving": "Speciale klep"},
            {"artikel": {"id": pulling.artikelen["BUIS"]["id"]}, "aantal": 1.5},
        ],
    )

    sync(pulling)

    [work_order] = incoming(pulling)
    assert work_order.description.endswith(
        "Niet als materiaal overgenomen (artikel niet in Simon):\n- 2 × Speciale klep"
    )
    assert [(m.article.article_code, m.quantity) for m in work_order.material_lines.all()] == [
        ("BUIS", Decimal("1.5"))
    ]


def test_without_lines_and_with_the_memo_as_description(shop):
    shop.settings(pull_orders=True, pull_with_lines=False, pull_description="memo")
    order(shop, "Bakkerij de Vries", "Telefonische bestelling", memo="Kraan lekt in keuken")

    sync(shop)

    [work_order] = incoming(shop)
    assert work_order.description == "Kraan lekt in keuken"
    assert not work_order.material_lines.exists()


def test_the_idle_sync_reads_one_page_per_stream(pulling):
    sync(pulling)
    emulator, admin = pulling.linked.emulator, pulling.linked.admin.administration_id
    emulator.reset_request_count(admin)

    report = sync(pulling)

    assert report.requests == 4  # article groups, articles, customers, sales orders
    assert emulator.request_count(admin, "GET /verkooporders") == 1
