"""A worker killed during a lookup: the next one looks again, and the history says what became
of the first lookup instead of showing it 'Onderweg' for ever (found by the chaos test)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from simon.snelstart_sync.models import AttemptKind, AttemptOutcome, ExportState, SalesOrderExport
from simon.snelstart_sync.push import intent, send
from simon.snelstart_sync.tests.push_setup import open_shop
from simon.workorders import services

pytestmark = pytest.mark.django_db(transaction=True)


class Killed(BaseException):
    """Stands in for SIGKILL: nothing after it runs in that worker."""


def test_a_lookup_cut_short_is_recorded_as_aborted_when_the_next_one_runs(
    linked_a, alice, settings, monkeypatch
):
    settings.SNELSTART_OUTCOME_SETTLE_SECONDS = 0
    monkeypatch.setattr(intent, "hand_off", lambda export_id: None)
    shop = open_shop(linked_a, alice)
    shop.settings(work_article_code="UUR")
    emulator, admin = shop.linked.emulator, shop.linked.admin.administration_id
    work_order = shop.completed()
    services.archive(work_order, by=shop.office)
    export = SalesOrderExport.objects.get(work_order=work_order)
    emulator.set_faults(admin, lost_response_rate=1.0, lost_response_mode="drop")
    assert send.send_export(export.pk) == "unknown"
    emulator.set_faults(admin)

    def killed_mid_lookup(*args: object) -> list[object]:
        raise Killed

    now = timezone.now()
    SalesOrderExport.objects.filter(pk=export.pk).update(next_attempt_at=now, lookup_not_before=now)
    with monkeypatch.context() as patch:
        patch.setattr(send, "find_orders", killed_mid_lookup)
        with pytest.raises(Killed):
            send.send_export(export.pk, owner="worker-1")
    # The claim of the killed worker runs out.
    SalesOrderExport.objects.filter(pk=export.pk).update(claim_expires_at=timezone.now())

    assert send.send_export(export.pk, owner="worker-2") == "found"

    export.refresh_from_db()
    assert export.state == ExportState.SENT
    assert list(export.attempt_rows.order_by("id").values_list("kind", "outcome")) == [
        (AttemptKind.POST, AttemptOutcome.CREATED),
        (AttemptKind.LOOKUP, AttemptOutcome.ABORTED),
        (AttemptKind.LOOKUP, AttemptOutcome.FOUND),
    ]
    assert len(shop.orders_for(work_order)) == 1
