"""The integration's history is pruned: idle runs after two days, other runs after a month, log
messages after half a year unless still open (issue 11)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from simon.snelstart_sync.models import Kind, LogMessage, RunKind, SyncRun, Table
from simon.snelstart_sync.retention import prune

pytestmark = pytest.mark.django_db


def run(org, age: timedelta, *, ok: bool = True, records: int = 0) -> SyncRun:
    started = timezone.now() - age
    return SyncRun.objects.create(
        organization=org,
        kind=RunKind.SYNC,
        started_at=started,
        finished_at=started,
        ok=ok,
        records=records,
    )


def message(org, age: timedelta, kind: Kind, *, resolved: bool = False) -> LogMessage:
    seen = timezone.now() - age
    return LogMessage.objects.create(
        organization=org,
        kind=kind,
        table=Table.INTEGRATION,
        message=f"{kind} {age}",
        fold_key=f"{kind}{age}{resolved}",
        last_seen=seen,
        resolved=resolved,
    )


def test_idle_runs_go_after_two_days_the_others_after_a_month(org_a, org_b):
    recent_idle = run(org_a, timedelta(hours=30))
    old_idle = run(org_a, timedelta(hours=49))
    old_busy = run(org_a, timedelta(days=3), records=12)
    old_failed = run(org_b, timedelta(days=20), ok=False)
    ancient = run(org_b, timedelta(days=31), records=5)

    pruned = prune()

    kept = set(SyncRun.objects.values_list("pk", flat=True))
    assert kept == {recent_idle.pk, old_busy.pk, old_failed.pk}
    assert (pruned.idle_runs, pruned.runs) == (1, 1)
    assert old_idle.pk not in kept and ancient.pk not in kept


def test_open_warnings_and_errors_stay_until_resolved(org_a, settings):
    settings.SIMON_KEEP_LOG_DAYS = 90
    old_info = message(org_a, timedelta(days=100), Kind.INFO)
    old_open_error = message(org_a, timedelta(days=100), Kind.ERROR)
    old_resolved_error = message(org_a, timedelta(days=100), Kind.ERROR, resolved=True)
    new_info = message(org_a, timedelta(days=10), Kind.INFO)

    assert prune().log_messages == 2

    kept = set(LogMessage.objects.values_list("pk", flat=True))
    assert kept == {old_open_error.pk, new_info.pk}
    assert old_info.pk not in kept and old_resolved_error.pk not in kept


def test_a_run_still_going_is_kept_one_that_died_long_ago_is_not(org_a):
    now = timezone.now()
    going = SyncRun.objects.create(
        organization=org_a, kind=RunKind.SYNC, started_at=now - timedelta(minutes=1)
    )
    died = SyncRun.objects.create(
        organization=org_a, kind=RunKind.SYNC, started_at=now - timedelta(days=40)
    )

    prune()

    assert set(SyncRun.objects.values_list("pk", flat=True)) == {going.pk}
    assert died.pk != going.pk
