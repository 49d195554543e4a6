"""S31: the schedule (a tick enqueues what is due), failures isolated per organization, and the
operators' command line (B4)."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from simon.customers.models import Customer
from simon.snelstart_sync import schedule, tasks
from simon.snelstart_sync.models import Connection, RunKind, State, SyncRun
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.conftest import link

pytestmark = pytest.mark.django_db(transaction=True)


def test_s31_the_tick_syncs_every_due_organization_and_one_failure_stops_no_other(
    org_a, org_b, snelstart_at
):
    good = link(org_a, snelstart_at)
    good.settings()
    broken = link(org_b, snelstart_at)
    broken.settings()
    ss.create_customer(good.api, "Komt door", relatiecode=50001)
    snelstart_at.revoke_key(broken.admin.client_key)
    # Cleanups are not due yet: this tick is about syncs.
    Connection.objects.update(next_cleanup_at=timezone.now() + timedelta(days=1))
    counts = tasks.tick()  # Huey runs inline in tests
    assert counts == {"sync": 2, "cleanup": 0}
    assert Customer.objects.filter(organization=org_a, relatiecode=50001).exists()
    runs = dict(SyncRun.objects.values_list("organization_id", "ok"))
    assert runs == {org_a.pk: True, org_b.pk: False}
    good.api.close()
    broken.api.close()


def test_s31_an_organization_is_due_again_one_interval_after_its_sync_started(
    org_a, snelstart_at, settings
):
    settings.SNELSTART_SYNC_INTERVAL_SECONDS = 60
    linked = link(org_a, snelstart_at)
    linked.settings()
    assert schedule.due_organizations("sync") == [org_a.pk]
    tasks.sync_if_due_task(org_a.pk)
    assert SyncRun.objects.count() == 1
    assert schedule.due_organizations("sync") == []
    tasks.sync_if_due_task(org_a.pk)  # not due: nothing runs
    assert SyncRun.objects.count() == 1
    Connection.objects.update(next_sync_at=timezone.now() + timedelta(seconds=10))
    assert schedule.due_organizations("sync") == [org_a.pk]  # within the tick's grace
    linked.api.close()


def test_s30_a_deactivated_organization_is_never_due(org_a, snelstart_at):
    linked = link(org_a, snelstart_at, state=State.DEACTIVATED)
    assert schedule.due_organizations("sync") == []
    assert schedule.due_organizations("cleanup") == []
    assert not schedule.claim(org_a.pk, "sync")
    linked.api.close()


def test_the_operator_commands_sync_clean_up_and_report(org_a, snelstart_at):
    linked = link(org_a, snelstart_at)
    linked.settings()
    ss.create_customer(linked.api, "Via de commandoregel", relatiecode=50002)
    out = StringIO()
    call_command("snelstart", "sync", "--org", str(org_a.code), stdout=out)
    assert re.match(r"Installatiebedrijf Alfa: ok \(\d+ requests; ", out.getvalue())
    out = StringIO()
    call_command("snelstart", "cleanup", "--org", str(org_a.code), stdout=out)
    assert "Installatiebedrijf Alfa: ok (customers removed 0" in out.getvalue()
    out = StringIO()
    call_command("snelstart", "status", stdout=out)
    status = out.getvalue()
    assert "Installatiebedrijf Alfa" in status and "active" in status
    assert "klanten: hoogste mutatiedatum 20" in status
    assert set(SyncRun.objects.values_list("kind", flat=True)) == {RunKind.SYNC, RunKind.CLEANUP}
    out = StringIO()
    call_command("snelstart", "status", "--json", stdout=out)
    [document] = json.loads(out.getvalue())
    assert (document["organization"], document["code"]) == (org_a.name, str(org_a.code))
    assert document["state"] == "active" and document["lag_seconds"] >= 0
    assert document["lease"] == {"owner": None, "expires_at": None}
    assert document["sales_orders"]["failed"] == 0
    customers = next(s for s in document["streams"] if s["stream"] == "klanten")
    assert customers["highest_modified_on"].startswith("20") and customers["records_stored"] >= 1
    with pytest.raises(CommandError, match="no SnelStart connection"):
        call_command("snelstart", "sync", "--org", "00000000-0000-0000-0000-000000000000")
    linked.api.close()


def test_a_failed_sync_makes_the_command_fail(org_a, snelstart_at):
    linked = link(org_a, snelstart_at)
    linked.settings()
    snelstart_at.revoke_key(linked.admin.client_key)
    with pytest.raises(CommandError, match="1 organization"):
        call_command("snelstart", "sync", "--org", str(org_a.code), stdout=StringIO())
    linked.api.close()
