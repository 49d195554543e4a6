"""A worker killed at the wrong moment (found by the chaos test, ``test_push_chaos.py``).

A ``BaseException`` stands in for SIGKILL: nothing after it runs in that worker, and its claim
is left to run out. The next worker must leave the export, its history and the integration log
as if nothing had happened.
"""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from simon.snelstart_sync.models import (
    AttemptKind,
    AttemptOutcome,
    ExportState,
    Kind,
    LogMessage,
    SalesOrderExport,
    Table,
)
from simon.snelstart_sync.push import intent, messages, send
from simon.snelstart_sync.tests.push_setup import Shop, open_shop
from simon.workorders import services
from simon.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db(transaction=True)


class Killed(BaseException):
    """Stands in for SIGKILL."""


def killed(*args: object, **kwargs: object) -> None:
    raise Killed


@pytest.fixture
def shop(linked_a, alice, settings, monkeypatch) -> Iterator[Shop]:
    settings.SNELSTART_OUTCOME_SETTLE_SECONDS = 0
    monkeypatch.setattr(intent, "hand_off", lambda export_id: None)  # sent by hand below
    shop = open_shop(linked_a, alice)
    shop.settings(work_article_code="UUR")
    yield shop
    shop.linked.emulator.set_faults(shop.linked.admin.administration_id)


def archived(shop: Shop) -> tuple[WorkOrder, SalesOrderExport]:
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)
    return work_order, SalesOrderExport.objects.get(work_order=work_order)


def unanswered(shop: Shop, export: SalesOrderExport) -> None:
    """The first POST arrives, its answer is lost."""
    emulator, admin = shop.linked.emulator, shop.linked.admin.administration_id
    emulator.set_faults(admin, lost_response_rate=1.0, lost_response_mode="drop")
    assert send.send_export(export.pk) == "unknown"
    emulator.set_faults(admin)


def later(export: SalesOrderExport) -> None:
    """Past the back-off, the settle time and any dead worker's claim."""
    now = timezone.now()
    SalesOrderExport.objects.filter(pk=export.pk).update(
        next_attempt_at=now, lookup_not_before=now, claim_expires_at=now
    )


def log_lines(shop: Shop, work_order: WorkOrder) -> list[tuple[str, str]]:
    return list(
        LogMessage.objects.filter(
            organization=shop.organization, table=Table.WORK_ORDER, record_code=work_order.code
        )
        .order_by("id")
        .values_list("kind", "message")
    )


def test_a_lookup_cut_short_is_recorded_as_aborted_when_the_next_one_runs(shop, monkeypatch):
    work_order, export = archived(shop)
    unanswered(shop, export)
    later(export)
    with monkeypatch.context() as patch:
        patch.setattr(send, "find_orders", killed)
        with pytest.raises(Killed):
            send.send_export(export.pk, owner="worker-1")
    later(export)

    assert send.send_export(export.pk, owner="worker-2") == "found"

    export.refresh_from_db()
    assert export.state == ExportState.SENT
    assert list(export.attempt_rows.order_by("id").values_list("kind", "outcome")) == [
        (AttemptKind.POST, AttemptOutcome.CREATED),
        (AttemptKind.LOOKUP, AttemptOutcome.ABORTED),  # was 'Onderweg' for ever
        (AttemptKind.LOOKUP, AttemptOutcome.FOUND),
    ]
    assert len(shop.orders_for(work_order)) == 1


def test_killed_between_sent_and_its_goedkeuring_the_next_worker_records_both(shop, monkeypatch):
    work_order, export = archived(shop)
    with monkeypatch.context() as patch:
        patch.setattr(messages, "sent", killed)
        with pytest.raises(Killed):
            send.send_export(export.pk, owner="worker-1")
    export.refresh_from_db()
    assert export.state == ExportState.SENDING  # not 'sent' without its log line
    assert export.lookup_required
    later(export)

    assert send.send_export(export.pk, owner="worker-2") == "found"

    [order] = shop.orders_for(work_order)
    export.refresh_from_db()
    assert (export.state, export.snelstart_order_number) == (ExportState.SENT, order["nummer"])
    assert log_lines(shop, work_order) == [
        (
            Kind.APPROVAL,
            f"Werkbon {work_order.number} staat in SnelStart als verkooporder {order['nummer']}.",
        )
    ]


def test_a_lookup_that_finds_two_orders_keeps_the_oldest_and_says_so(shop):
    work_order, export = archived(shop)
    unanswered(shop, export)
    [first] = shop.orders_for(work_order)
    copy = {k: first[k] for k in ("relatie", "datum", "orderreferentie", "regels")}
    second = shop.api.post("/verkooporders", json=copy).json()  # typed in again by hand
    later(export)

    assert send.send_export(export.pk) == "found"

    export.refresh_from_db()
    assert (export.state, export.snelstart_order_number) == (ExportState.SENT, first["nummer"])
    assert log_lines(shop, work_order) == [
        (
            Kind.APPROVAL,
            f"Werkbon {work_order.number} staat in SnelStart als verkooporder {first['nummer']}.",
        ),
        (
            Kind.ERROR,
            f"In SnelStart staan meerdere verkooporders voor werkbon {work_order.number}: "
            f"{first['nummer']}, {second['nummer']}. Simon houdt verkooporder "
            f"{first['nummer']} aan.",
        ),
    ]


def test_a_claim_of_a_process_gone_from_this_machine_is_taken_over_at_once(shop):
    finished = subprocess.Popen(["true"])
    finished.wait()  # reaped: its process id names no process now
    host = socket.gethostname()
    dead, alive = f"{host}:{finished.pid}:1:dead0000", f"{host}:{os.getpid()}:1:alive000"
    _work_order, export = archived(shop)
    in_a_minute = timezone.now() + timedelta(minutes=1)
    SalesOrderExport.objects.filter(pk=export.pk).update(
        state=ExportState.SENDING, claimed_by=alive, claim_expires_at=in_a_minute
    )
    assert not send.claim(export.pk, "next-worker")  # a live holder is waited out

    SalesOrderExport.objects.filter(pk=export.pk).update(claimed_by=dead)
    assert send.claim(export.pk, "next-worker")
    assert SalesOrderExport.objects.get(pk=export.pk).claimed_by == "next-worker"
    assert not send.claim(export.pk, "third-worker")  # a live claim again
