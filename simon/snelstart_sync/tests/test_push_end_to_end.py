"""Archive → sales order in SnelStart, against the emulator over HTTP (issue 8, S9–S22, S29, S30).

The job queue runs inline (immediate Huey) and these tests commit for real, so the hand-off
after the archive's commit sends the order exactly as a worker would.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from simon.snelstart_sync import activation
from simon.snelstart_sync.models import (
    AttemptKind,
    AttemptOutcome,
    ExportState,
    Kind,
    LogMessage,
    SalesOrderExport,
    State,
    Table,
)
from simon.snelstart_sync.push import intent, send, sweep
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.push_setup import Shop, quantity
from simon.workorders import services
from simon.workorders.errors import WorkOrderError
from simon.workorders.models import WorkOrder, WorkOrderStatus

pytestmark = pytest.mark.django_db(transaction=True)


def export_of(work_order: WorkOrder) -> SalesOrderExport:
    return SalesOrderExport.objects.get(work_order=work_order)


def due_now(export: SalesOrderExport) -> None:
    """Fast-forward: the export's back-off is over."""
    SalesOrderExport.objects.filter(pk=export.pk).update(next_attempt_at=timezone.now())


def lines(order: dict) -> list[tuple[str | None, Decimal | None, str | None]]:
    return [
        (
            (line.get("artikel") or {}).get("id"),
            quantity(line["aantal"]) if line.get("artikel") else None,
            None if line.get("artikel") else line.get("omschrijving"),
        )
        for line in order["regels"]
    ]


def log_lines(shop: Shop, work_order: WorkOrder) -> list[tuple[str, str, str]]:
    return [
        (m.kind, m.message, m.action)
        for m in LogMessage.objects.filter(
            organization=shop.organization, table=Table.WORK_ORDER, record_code=work_order.code
        ).order_by("id")
    ]


def test_s9_archiving_makes_exactly_the_expected_sales_order(shop):
    work_order = shop.completed()

    services.archive(work_order, by=shop.office)

    export = export_of(work_order)
    assert export.state == ExportState.SENT, export.problem
    [order] = shop.orders_for(work_order)
    a = {code: artikel["id"] for code, artikel in shop.artikelen.items()}
    assert order["relatie"]["id"] == shop.relaties["Bakkerij de Vries"]["id"]
    assert order["nummer"] == export.snelstart_order_number
    assert order["id"] == str(export.snelstart_order_id)
    assert lines(order) == [
        (None, None, "CV-ketel vervangen"),  # S14: the work description as the first line
        (a["VOORRIJ"], Decimal(1), None),  # S13
        (a["UUR"], Decimal(2), None),  # S10: 120 min -> 2
        (a["REIS"], Decimal("0.25"), None),  # S11: 15 min -> 0.25
        (a["KRAAN"], Decimal(2), None),  # S12
        (a["BUIS"], Decimal("1.5"), None),
    ]
    assert order["omschrijving"] == "CV-ketel vervangen XXX"  # S15 with the suffix
    assert order["betalingskenmerk"] == f"{work_order.number} / PO-77"  # S16 'beide'
    assert order["memo"].startswith("Kerkstraat 12A")  # S17 'beide': address, then description
    assert order["memo"].endswith("CV-ketel vervangen")
    assert order["procesStatus"] == "Order"  # S20 standard
    assert order["orderreferentie"] == f"Werkbon {work_order.number} ({work_order.code.hex[-6:]})"
    # S21: no prices from Simon; SnelStart filled in its own (10.50 per article in the emulator).
    assert {quantity(r["stuksprijs"]) for r in order["regels"] if r.get("artikel")} == {
        Decimal("10.5")
    }
    assert log_lines(shop, work_order)[-1] == (
        Kind.APPROVAL,
        f"Werkbon {work_order.number} staat in SnelStart als verkooporder {order['nummer']}.",
        "",
    )
    attempts = list(export.attempt_rows.values_list("kind", "outcome", "status"))
    assert attempts == [(AttemptKind.POST, AttemptOutcome.CREATED, 201)]


def test_s20_the_werkbon_order_type_and_s19_the_template(shop):
    template = shop.api.get("/verkoopordersjablonen").json()[0]
    shop.settings(
        order_type="werkbon", template_name=template["omschrijving"], template_id=template["id"]
    )
    work_order = shop.completed(work=0, travel=0, materials=())

    services.archive(work_order, by=shop.office)

    [order] = shop.orders_for(work_order)
    assert order["procesStatus"] == "Werkbon"
    assert order["verkoopordersjabloon"]["id"] == template["id"]
    assert lines(order) == []  # no time, no materials, no fixed article in this version


def test_s18_a_work_order_with_the_filter_word_is_not_sent_and_the_log_says_so(shop):
    work_order = shop.completed(description="garantie: lekkage na reparatie")

    services.archive(work_order, by=shop.office)

    export = export_of(work_order)
    assert (export.state, export.skip_reason) == (ExportState.SKIPPED, "filterwoord")
    assert shop.orders_for(work_order) == []
    assert log_lines(shop, work_order) == [
        (
            Kind.INFO,
            f"Werkbon {work_order.number} is niet naar SnelStart gestuurd: de omschrijving "
            "bevat het filterwoord 'Garantie'.",
            "",
        )
    ]


def test_s30_while_deactivated_nothing_is_sent_and_the_work_order_says_why(shop):
    work_order = shop.completed()
    activation.deactivate(shop.linked.connection)
    calls_before = shop.linked.emulator.request_count(shop.linked.admin.administration_id)

    services.archive(work_order, by=shop.office)

    export = export_of(work_order)
    assert (export.state, export.skip_reason) == (ExportState.SKIPPED, "niet_actief")
    assert shop.orders_for(work_order) == []
    assert shop.linked.emulator.request_count(shop.linked.admin.administration_id) == (
        calls_before + 1  # only this test's own listing of the orders
    )
    assert log_lines(shop, work_order)[0][0] == Kind.WARNING


def test_s7_archiving_without_a_customer_is_refused_with_the_reason_while_it_runs(shop):
    work_order = shop.completed(customer=None)

    with pytest.raises(WorkOrderError) as refused:
        services.archive(work_order, by=shop.office)

    assert "Deze werkbon heeft geen klant" in refused.value.message
    assert "Kies op de werkbon een klant" in refused.value.message
    work_order.refresh_from_db()
    assert work_order.status == WorkOrderStatus.COMPLETED
    assert not SalesOrderExport.objects.filter(work_order=work_order).exists()


def test_s29_a_settings_change_after_archiving_does_not_change_that_order(shop, monkeypatch):
    monkeypatch.setattr(intent, "hand_off", lambda export_id: None)  # the queue is slow today
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)
    shop.settings(order_description="klantreferentie", memo="geen", first_line_description=False)

    assert send.send_export(export_of(work_order).pk) == "sent"

    [order] = shop.orders_for(work_order)
    assert order["omschrijving"] == "CV-ketel vervangen XXX"
    assert order["memo"].endswith("CV-ketel vervangen")
    assert lines(order)[0] == (None, None, "CV-ketel vervangen")


def test_a_lost_hand_off_is_sent_by_the_sweep(shop, monkeypatch):
    def queue_down(export_id: int) -> None:
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(intent, "hand_off", queue_down)
    with pytest.raises(ConnectionError):
        services.archive(shop.completed(), by=shop.office)  # committed, then the hand-off fails
    work_order = WorkOrder.objects.get(status=WorkOrderStatus.ARCHIVED)
    export = export_of(work_order)
    assert export.state == ExportState.PENDING
    assert sweep.overdue_exports() == []  # within the hand-off's grace: not the sweep's yet

    later = timezone.now() + sweep.HAND_OFF_GRACE + timedelta(seconds=1)
    assert sweep.overdue_exports(later) == [export.pk]
    assert send.send_export(export.pk) == "sent"
    assert len(shop.orders_for(work_order)) == 1


def test_s22_a_response_lost_after_the_order_was_stored_gives_one_order(shop):
    emulator, admin = shop.linked.emulator, shop.linked.admin.administration_id
    emulator.set_faults(admin, lost_response_rate=1.0, lost_response_mode="drop")
    work_order = shop.completed()

    services.archive(work_order, by=shop.office)

    emulator.set_faults(admin)
    export = export_of(work_order)
    assert export.state == ExportState.PENDING and export.lookup_required
    assert len(shop.orders_for(work_order)) == 1  # it did arrive
    due_now(export)

    assert send.send_export(export.pk) == "found"

    export.refresh_from_db()
    assert export.state == ExportState.SENT
    [order] = shop.orders_for(work_order)
    assert export.snelstart_order_number == order["nummer"]
    assert list(export.attempt_rows.values_list("kind", "outcome")) == [
        (AttemptKind.POST, AttemptOutcome.CREATED),  # known to have arrived after the lookup
        (AttemptKind.LOOKUP, AttemptOutcome.FOUND),
    ]


def test_s22_an_unanswered_order_that_did_not_arrive_is_looked_up_then_sent_once(shop):
    emulator, admin = shop.linked.emulator, shop.linked.admin.administration_id
    emulator.set_faults(admin, fail_next_count=1, fail_next_status=503)
    work_order = shop.completed()

    services.archive(work_order, by=shop.office)

    export = export_of(work_order)
    assert export.state == ExportState.PENDING and export.lookup_required
    assert shop.orders_for(work_order) == []
    due_now(export)

    assert send.send_export(export.pk) == "sent"

    assert len(shop.orders_for(work_order)) == 1
    assert list(export.attempt_rows.values_list("kind", "outcome")) == [
        (AttemptKind.POST, AttemptOutcome.NOT_APPLIED),
        (AttemptKind.LOOKUP, AttemptOutcome.NOT_FOUND),
        (AttemptKind.POST, AttemptOutcome.CREATED),
    ]


def test_s22_a_worker_killed_mid_send_leaves_a_trace_the_next_one_resolves(shop, monkeypatch):
    """Simulated: the POST leaves and the worker dies before it can record anything."""
    monkeypatch.setattr(intent, "hand_off", lambda export_id: None)
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)
    export = export_of(work_order)

    class Killed(BaseException):
        pass

    def post_then_die(self, order):
        created = original(self, order)
        raise Killed(created.nummer)

    from snelstart.resources import VerkoopordersResource

    original = VerkoopordersResource.create
    monkeypatch.setattr(VerkoopordersResource, "create", post_then_die)
    with pytest.raises(Killed):
        send.send_export(export.pk, owner="worker-1")
    monkeypatch.setattr(VerkoopordersResource, "create", original)

    export.refresh_from_db()
    assert export.state == ExportState.SENDING and export.lookup_required
    assert send.send_export(export.pk, owner="worker-2") == "not_due"  # the claim still holds
    SalesOrderExport.objects.filter(pk=export.pk).update(
        claim_expires_at=timezone.now() - timedelta(seconds=1),
        lookup_not_before=timezone.now(),
    )
    assert export.pk in sweep.overdue_exports()

    assert send.send_export(export.pk, owner="worker-2") == "found"

    assert len(shop.orders_for(work_order)) == 1
    export.refresh_from_db()
    assert export.state == ExportState.SENT


def test_an_unknown_outcome_is_not_looked_up_before_snelstart_can_have_settled(shop, settings):
    settings.SNELSTART_OUTCOME_SETTLE_SECONDS = 300
    emulator, admin = shop.linked.emulator, shop.linked.admin.administration_id
    emulator.set_faults(admin, fail_next_count=1, fail_next_status=502)
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)
    export = export_of(work_order)
    due_now(export)

    assert send.send_export(export.pk) == "settling"

    export.refresh_from_db()
    assert export.state == ExportState.PENDING
    assert export.next_attempt_at >= timezone.now() + timedelta(seconds=250)
    assert list(export.attempt_rows.values_list("kind", flat=True)) == [AttemptKind.POST]


def test_429_and_a_down_snelstart_keep_the_order_waiting_then_it_goes(shop, settings):
    settings.SNELSTART_MAX_ATTEMPTS = 1
    emulator, admin = shop.linked.emulator, shop.linked.admin.administration_id
    emulator.set_faults(admin, fail_next_count=1, fail_next_status=429)
    work_order = shop.completed()

    services.archive(work_order, by=shop.office)

    export = export_of(work_order)
    assert export.state == ExportState.PENDING and not export.lookup_required
    assert "SnelStart beperkt het aantal verzoeken" in export.problem
    due_now(export)
    assert send.send_export(export.pk) == "sent"
    assert len(shop.orders_for(work_order)) == 1


# --- permanent refusals, and 'Opnieuw versturen' after the fix ------------------------------


def test_a_customer_set_inactive_in_snelstart_fails_with_the_reason_then_resends(shop):
    work_order = shop.completed()
    ss.update_relatie(shop.api, shop.relaties["Bakkerij de Vries"], nonactief=True)

    services.archive(work_order, by=shop.office)  # Simon has not synced the change yet

    export = export_of(work_order)
    assert export.state == ExportState.FAILED
    assert export.problem == (
        "De klant 'Bakkerij de Vries' is in SnelStart verwijderd of inactief gezet."
    )
    kind, message, action = log_lines(shop, work_order)[-1]
    assert kind == Kind.ERROR
    assert message == (
        f"Werkbon {work_order.number} is niet naar SnelStart gestuurd: De klant 'Bakkerij de "
        "Vries' is in SnelStart verwijderd of inactief gezet."
    )
    assert action == (
        "Zet de klant in SnelStart weer actief, of kies op de werkbon een andere klant. Klik "
        "daarna op de werkbon op 'Opnieuw versturen'."
    )

    ss.update_relatie(shop.api, shop.relaties["Bakkerij de Vries"], nonactief=False)
    intent.resend(export, by=shop.office)

    export.refresh_from_db()
    assert export.state == ExportState.SENT
    assert len(shop.orders_for(work_order)) == 1
    error = LogMessage.objects.get(kind=Kind.ERROR, record_code=work_order.code)
    assert error.resolved


def test_a_customer_gone_is_corrected_on_the_archived_order_and_resent(shop):
    work_order = shop.completed()
    ss.update_relatie(shop.api, shop.relaties["Bakkerij de Vries"], nonactief=True)
    services.archive(work_order, by=shop.office)
    sync_organization(shop.organization.pk)  # now Simon hides the customer too
    export = export_of(work_order)
    assert export.state == ExportState.FAILED

    with pytest.raises(intent.ResendRefused) as refused:
        intent.resend(export, by=shop.office)  # nothing fixed yet
    assert "verwijderd of inactief gezet" in refused.value.message

    other = shop.customer("Slagerij Jansen")
    services.correct_header(
        work_order, by=shop.office, customer=other, work_address=other.work_addresses.first()
    )
    intent.resend(export, by=shop.office)

    [order] = shop.orders_for(work_order)
    assert order["relatie"]["id"] == shop.relaties["Slagerij Jansen"]["id"]
    assert work_order.status_changes.last().note.startswith("Gecorrigeerd na mislukt versturen")


def test_an_article_removed_in_snelstart_is_named_and_can_be_replaced(shop):
    work_order = shop.completed()
    assert shop.api.delete(f"/artikelen/{shop.artikelen['BUIS']['id']}").status_code == 200

    services.archive(work_order, by=shop.office)

    export = export_of(work_order)
    assert export.state == ExportState.FAILED
    assert export.problem == (
        "Het artikel 'BUIS Artikel BUIS' is in SnelStart verwijderd of inactief gezet."
    )
    line = work_order.material_lines.get(article__article_code="BUIS")
    services.correct_material_article(line, by=shop.office, article=shop.article("KRAAN"))
    intent.resend(export, by=shop.office)

    [order] = shop.orders_for(work_order)
    kraan = shop.artikelen["KRAAN"]["id"]
    assert lines(order)[-2:] == [(kraan, Decimal(2), None), (kraan, Decimal("1.5"), None)]


def test_a_settings_article_removed_in_snelstart_is_fixed_in_the_settings(shop):
    work_order = shop.completed()
    assert shop.api.delete(f"/artikelen/{shop.artikelen['VOORRIJ']['id']}").status_code == 200

    services.archive(work_order, by=shop.office)

    export = export_of(work_order)
    assert export.state == ExportState.FAILED
    assert "uit de instellingen is in SnelStart verwijderd" in export.problem
    assert "'Instellingen'" in export.action
    shop.settings(work_article_code="UUR", travel_article_code="REIS")  # no fixed article now
    intent.resend(export, by=shop.office)

    [order] = shop.orders_for(work_order)
    assert shop.artikelen["VOORRIJ"]["id"] not in {line[0] for line in lines(order)}


def test_a_template_gone_from_snelstart_fails_and_resends_without_it(shop):
    shop.settings(template_name="Verdwenen", template_id="5d3e9c1a-7b2f-4c8e-a6d1-93f0e2b4c7a8")
    work_order = shop.completed()

    services.archive(work_order, by=shop.office)

    export = export_of(work_order)
    assert export.state == ExportState.FAILED
    assert export.problem == (
        "Het verkoopordersjabloon 'Verdwenen' uit de instellingen bestaat niet meer."
    )
    shop.settings()
    intent.resend(export, by=shop.office)
    assert export_of(work_order).state == ExportState.SENT


def test_a_work_order_that_was_sent_is_never_sent_or_corrected_again(shop):
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)
    export = export_of(work_order)

    with pytest.raises(intent.ResendRefused):
        intent.resend(export, by=shop.office)
    with pytest.raises(WorkOrderError):
        services.correct_header(work_order, by=shop.office, customer=None, work_address=None)
    due_now(export)
    assert send.send_export(export.pk) == "not_due"
    assert len(shop.orders_for(work_order)) == 1


def test_archived_while_deactivated_can_be_sent_after_reactivation(shop):
    work_order = shop.completed()
    activation.deactivate(shop.linked.connection)
    services.archive(work_order, by=shop.office)
    shop.linked.connection.refresh_from_db()
    type(shop.linked.connection).objects.filter(pk=shop.linked.connection.pk).update(
        state=State.ACTIVE
    )

    intent.resend(export_of(work_order), by=shop.office)

    assert export_of(work_order).state == ExportState.SENT
    assert len(shop.orders_for(work_order)) == 1


def test_operators_resend_from_the_command_line_and_see_the_counts(shop):
    from io import StringIO

    from django.core.management import CommandError, call_command

    work_order = shop.completed()
    ss.update_relatie(shop.api, shop.relaties["Bakkerij de Vries"], nonactief=True)
    services.archive(work_order, by=shop.office)
    ss.update_relatie(shop.api, shop.relaties["Bakkerij de Vries"], nonactief=False)
    status = StringIO()
    call_command("snelstart", "status", stdout=status)
    assert "sales orders: 0 pending, 0 sending, 0 sent, 1 failed, 0 skipped" in status.getvalue()

    said = StringIO()
    call_command("snelstart", "resend", "--work-order", work_order.number, stdout=said)

    export = export_of(work_order)
    assert said.getvalue().strip() == (
        f"{shop.organization.name} {work_order.number}: In SnelStart als verkooporder "
        f"{export.snelstart_order_number}"
    )
    with pytest.raises(CommandError, match="al verstuurd of staat al in SnelStart"):
        call_command("snelstart", "resend", "--work-order", work_order.number)
    with pytest.raises(CommandError, match="no archived work order 1999-00001"):
        call_command("snelstart", "resend", "--work-order", "1999-00001")


def test_s30_deactivated_while_waiting_it_waits_and_goes_after_reactivation(shop, monkeypatch):
    monkeypatch.setattr(intent, "hand_off", lambda export_id: None)
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)
    activation.deactivate(shop.linked.connection)
    export = export_of(work_order)

    assert send.send_export(export.pk) == "not_running"
    assert "not_running" in send.ENDS_THE_CHAIN  # no job keeps polling a stopped integration

    export.refresh_from_db()
    assert export.state == ExportState.PENDING
    assert export.problem == "De koppeling met SnelStart is niet actief."
    assert shop.orders_for(work_order) == []
    assert sweep.overdue_exports(timezone.now() + timedelta(hours=1)) == []
    type(shop.linked.connection).objects.filter(pk=shop.linked.connection.pk).update(
        state=State.ACTIVE
    )
    assert sweep.overdue_exports(timezone.now() + timedelta(hours=1)) == [export.pk]
    due_now(export)
    assert send.send_export(export.pk) == "sent"
