"""GET /metrics: off by default, token-protected, figures read from the database (issue 11)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from simon.snelstart_sync.models import (
    Connection,
    ExportState,
    RunKind,
    SalesOrderExport,
    State,
    SyncRun,
)
from simon.workorders import services

pytestmark = pytest.mark.django_db


def test_the_endpoint_is_off_without_a_token(client, settings):
    settings.SIMON_METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404


def test_a_scrape_needs_the_token_and_no_login(client, settings):
    settings.SIMON_METRICS_TOKEN = "geheim-123"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer fout").status_code == 401
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer geheim-123")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


def test_the_figures(client, settings, org_a, org_b, alice):
    settings.SIMON_METRICS_TOKEN = "t"
    now = timezone.now()
    Connection.objects.create(
        organization=org_a, state=State.ACTIVE, last_sync_success_at=now - timedelta(seconds=90)
    )
    Connection.objects.create(organization=org_b, state=State.PAUSED)
    for ok, statuses, wait in ((True, {"200": 3}, 250), (False, {"200": 1, "503": 2}, 0)):
        SyncRun.objects.create(
            organization=org_a,
            kind=RunKind.SYNC,
            started_at=now,
            finished_at=now,
            ok=ok,
            statuses=statuses,
            quota_wait_ms=wait,
        )
    SyncRun.objects.create(  # more than an hour ago: not counted
        organization=org_a,
        kind=RunKind.SYNC,
        started_at=now - timedelta(hours=2),
        finished_at=now,
        ok=True,
        statuses={"200": 50},
    )
    work_order = services.create_work_order(org_a, by=alice, description="x")
    SalesOrderExport.objects.create(
        organization=org_a, work_order=work_order, state=ExportState.FAILED, marker="m"
    )

    body = client.get("/metrics", HTTP_AUTHORIZATION="Bearer t").content.decode()

    lines = set(body.splitlines())
    assert 'simon_snelstart_connections{state="active"} 1.0' in lines
    assert 'simon_snelstart_connections{state="paused"} 1.0' in lines
    assert 'simon_snelstart_runs_last_hour{kind="sync",outcome="ok"} 1.0' in lines
    assert 'simon_snelstart_runs_last_hour{kind="sync",outcome="failed"} 1.0' in lines
    assert 'simon_snelstart_calls_last_hour{status="200"} 4.0' in lines
    assert 'simon_snelstart_calls_last_hour{status="503"} 2.0' in lines
    assert "simon_snelstart_quota_wait_seconds_last_hour 0.25" in lines
    assert 'simon_sales_orders{state="failed"} 1.0' in lines
    assert 'simon_sales_orders{state="pending"} 0.0' in lines
    lag = next(line for line in lines if line.startswith("simon_snelstart_max_lag_seconds "))
    assert 89 <= float(lag.split()[1]) < 120
    assert any(line.startswith("simon_queue_depth ") for line in lines)
