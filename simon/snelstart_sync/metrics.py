"""Operators' metrics in Prometheus' text format (B4, issue 11): ``GET /metrics``.

Off unless ``SIMON_METRICS_TOKEN`` is set; then a scrape must send it as a bearer token. Every
figure is read from the database (and the queue) at scrape time, so it is the same whichever
web process answers and however many workers run: nothing is counted in one process' memory.
Windows are the last hour, so a figure is a gauge, and pruning history never makes a counter
go backwards.
"""

from __future__ import annotations

import hmac
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Min, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from simon.snelstart_sync.models import (
    RUNNING_STATES,
    Connection,
    ExportAttempt,
    ExportState,
    SalesOrderExport,
    SyncRun,
)

WINDOW = timedelta(hours=1)


def _queue_depth() -> int | None:
    from huey.contrib.djhuey import HUEY

    try:
        return int(HUEY.pending_count())
    except Exception:  # the queue being down is itself what the scrape shows (no value)
        return None


class SimonCollector:
    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        since = now - WINDOW

        states = GaugeMetricFamily(
            "simon_snelstart_connections", "SnelStart connections by state", labels=["state"]
        )
        for state, n in Connection.objects.values_list("state").annotate(n=Count("id")):
            states.add_metric([state], n)
        yield states

        runs = SyncRun.objects.filter(started_at__gte=since, finished_at__isnull=False)
        syncs = GaugeMetricFamily(
            "simon_snelstart_runs_last_hour",
            "Syncs and clean-ups finished in the last hour",
            labels=["kind", "outcome"],
        )
        for kind, ok, n in runs.values_list("kind", "ok").annotate(n=Count("id")):
            syncs.add_metric([kind, "ok" if ok else "failed"], n)
        yield syncs

        oldest = Connection.objects.filter(state__in=RUNNING_STATES).aggregate(
            at=Min("last_sync_success_at")
        )["at"]
        lag = GaugeMetricFamily(
            "simon_snelstart_max_lag_seconds",
            "Seconds since the most behind running organization last synced successfully",
        )
        lag.add_metric([], (now - oldest).total_seconds() if oldest else 0.0)
        yield lag

        calls: Counter[str] = Counter()
        for statuses in runs.values_list("statuses", flat=True):
            calls.update({str(k): int(v) for k, v in (statuses or {}).items()})
        attempts = ExportAttempt.objects.filter(started_at__gte=since)
        for status, n in attempts.values_list("status").annotate(n=Count("id")):
            calls[str(status) if status is not None else "no answer"] += n
        by_status = GaugeMetricFamily(
            "simon_snelstart_calls_last_hour",
            "Calls to SnelStart in the last hour by answer (HTTP status or failure)",
            labels=["status"],
        )
        for status, n in sorted(calls.items()):
            by_status.add_metric([status], n)
        yield by_status

        waited = runs.aggregate(ms=Sum("quota_wait_ms"))["ms"] or 0
        quota = GaugeMetricFamily(
            "simon_snelstart_quota_wait_seconds_last_hour",
            "Seconds syncs waited for SnelStart's call budget in the last hour",
        )
        quota.add_metric([], waited / 1000)
        yield quota

        exports = GaugeMetricFamily(
            "simon_sales_orders", "Archived work orders by sending state", labels=["state"]
        )
        counted = dict(
            SalesOrderExport.objects.exclude(state__in=(ExportState.SENT, ExportState.SKIPPED))
            .values_list("state")
            .annotate(n=Count("id"))
        )
        for state in (ExportState.PENDING, ExportState.SENDING, ExportState.FAILED):
            exports.add_metric([state], counted.get(state, 0))
        yield exports

        depth = _queue_depth()
        if depth is not None:
            queue = GaugeMetricFamily("simon_queue_depth", "Jobs waiting in the job queue")
            queue.add_metric([], depth)
            yield queue


def render_metrics() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(SimonCollector())
    return generate_latest(registry)


def _authorized(request: HttpRequest, token: str) -> bool:
    header = request.headers.get("Authorization", "")
    given = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


@login_not_required
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    token = settings.SIMON_METRICS_TOKEN
    if not token:
        raise Http404  # off by default: no sign that the endpoint exists
    if not _authorized(request, token):
        response = HttpResponse("Unauthorized", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(render_metrics(), content_type=CONTENT_TYPE_LATEST)
