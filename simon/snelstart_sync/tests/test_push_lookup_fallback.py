"""The lookup when SnelStart does not filter on ``Orderreferentie`` (decision 0003, point 4).

Whether SnelStart answers ``$filter=Orderreferentie eq '…'`` is not confirmed (CONTRACT §13);
when it refuses with a 400, the orders of the customer the order was posted for are read and
compared on Simon's side. The emulator refuses the filter here
(``verkooporder_filter_orderreferentie``), so every lookup takes that path.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import OperationalError
from django.utils import timezone

from simon.snelstart_sync.models import AttemptKind, AttemptOutcome, ExportState, SalesOrderExport
from simon.snelstart_sync.push import intent, send
from simon.snelstart_sync.tests.push_setup import Shop, open_shop
from simon.workorders import services
from simon.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop(linked_a, alice, settings, monkeypatch) -> Iterator[Shop]:
    settings.SNELSTART_OUTCOME_SETTLE_SECONDS = 0
    monkeypatch.setattr(intent, "hand_off", lambda export_id: None)  # sent by hand below
    shop = open_shop(linked_a, alice)
    shop.settings(work_article_code="UUR", travel_article_code="REIS")
    shop.linked.emulator.set_settings(verkooporder_filter_orderreferentie=False)
    try:
        yield shop
    finally:
        shop.linked.emulator.set_settings(verkooporder_filter_orderreferentie=True)


def archived(shop: Shop) -> tuple[WorkOrder, SalesOrderExport]:
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)
    return work_order, SalesOrderExport.objects.get(work_order=work_order)


def due_now(export: SalesOrderExport) -> None:
    """Fast-forward past the back-off and the settle time."""
    now = timezone.now()
    SalesOrderExport.objects.filter(pk=export.pk).update(
        next_attempt_at=now, lookup_not_before=now, claim_expires_at=now
    )


def test_an_unanswered_order_is_found_among_the_customers_orders(shop):
    emulator, admin = shop.linked.emulator, shop.linked.admin.administration_id
    work_order, export = archived(shop)
    emulator.set_faults(admin, lost_response_rate=1.0, lost_response_mode="504")
    assert send.send_export(export.pk) == "unknown"
    emulator.set_faults(admin)
    due_now(export)

    assert send.send_export(export.pk) == "found"

    [order] = shop.orders_for(work_order)
    export.refresh_from_db()
    assert (export.state, export.snelstart_order_number) == (ExportState.SENT, order["nummer"])


def test_an_order_stored_but_not_recorded_in_simon_is_found_and_not_posted_again(shop, monkeypatch):
    """The POST was answered 201 and its attempt recorded as created, but writing 'sent' failed
    (the database was locked, or the worker died between the two writes). The export still
    says a POST may have arrived; the lookup must read the orders of that attempt's customer,
    although the attempt is no longer of unknown outcome."""
    work_order, export = archived(shop)

    def database_locked(*args: object) -> bool:
        raise OperationalError("database is locked")

    with monkeypatch.context() as patch:
        patch.setattr(send, "_record_sent", database_locked)
        assert send.send_export(export.pk) == "error"
    assert len(shop.orders_for(work_order)) == 1
    export.refresh_from_db()
    assert (export.state, export.lookup_required) == (ExportState.PENDING, True)
    due_now(export)

    assert send.send_export(export.pk) == "found"

    [order] = shop.orders_for(work_order)
    export.refresh_from_db()
    assert (export.state, export.snelstart_order_number) == (ExportState.SENT, order["nummer"])
    assert list(export.attempt_rows.values_list("kind", "outcome")) == [
        (AttemptKind.POST, AttemptOutcome.CREATED),
        (AttemptKind.LOOKUP, AttemptOutcome.FOUND),
    ]
