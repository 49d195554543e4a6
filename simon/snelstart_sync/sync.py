"""One sync of one organization: article groups, articles, customers (S1–S3, S5, S31).

Called by the Huey job, the operator command and tests alike. It takes the organization's
lease first, so two workers never sync the same organization at once; a worker that finds
the lease taken returns None and does nothing. Every failure the user can act on becomes an
integration log message; the technical detail goes to the technical log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from simon.lib import heap, later_text
from simon.lib.later_text import later
from simon.lib.text import clean_text
from simon.snelstart_sync import (
    activation,
    configuration,
    failures,
    integration_log,
    leases,
    upsert,
)
from simon.snelstart_sync.connection import client_for
from simon.snelstart_sync.models import (
    Connection,
    Kind,
    RunKind,
    State,
    Stream,
    StreamCursor,
    SyncRun,
    Table,
)
from simon.snelstart_sync.orders_in import take
from simon.snelstart_sync.pull import StreamRead, StreamResult, run_stream
from simon.snelstart_sync.run_context import RunContext, report
from simon.tenants.models import Organization
from snelstart import Relatie, SnelStartError, odata

log = logging.getLogger("simon.snelstart_sync")

IMPORT_WORKERS = 4


@dataclass
class SyncReport:
    organization_id: int
    ok: bool
    streams: dict[str, StreamResult] = field(default_factory=dict)
    requests: int = 0
    error: str = ""
    summary: str = ""  # what ``error`` means, in the reader's words (a ``later`` text)
    # The success was written in the same statement that gave the lease back.
    lease_released: bool = False
    groups: upsert.PageOutcome | None = None


class _Pull(RunContext):
    """A sync: the streams, read on top of what every run shares."""

    def workers(self, stream: str) -> int:
        first_read = self.cursor(stream).bookmark is None
        return settings.SNELSTART_IMPORT_WORKERS if first_read else 1

    def after_page(self, cursor: StreamCursor, outcome: upsert.PageOutcome) -> None:
        leases.renew(self.connection.pk, self.owner)
        report(self.organization, cursor.stream, outcome)

    # --- streams -------------------------------------------------------------------------

    def articles(self) -> StreamRead:
        return StreamRead(
            stream=Stream.ARTICLES,
            fetch_page=self.client.artikelen.fetch_page,
            store=lambda rows: upsert.upsert_articles(
                self.organization, rows, self.chosen, self.group_pks
            ),
        )

    def customers(self) -> StreamRead:
        return StreamRead(
            stream=Stream.CUSTOMERS,
            fetch_page=self.client.relaties.fetch_page,
            store=self.store_customers,
            base_filter=odata.relatiesoort_is("Klant"),
        )

    def sales_orders(self) -> StreamRead:
        """Incoming sales orders (S23): only while 'Verkooporders ophalen' is on."""
        assert self.settings is not None
        version = self.settings
        return StreamRead(
            stream=Stream.SALES_ORDERS,
            fetch_page=self.client.verkooporders.fetch_page,
            store=lambda orders: take.store_page(self.organization, orders, version),
        )

    def pull_sales_orders(self, report: SyncReport) -> None:
        if self.settings is None or not self.settings.pull_orders:
            return
        if Stream.SALES_ORDERS not in self.cursors:  # (re)made at the switch-on moment
            self.cursors[Stream.SALES_ORDERS] = configuration.sales_order_cursor_ready(
                self.settings
            )
        read = self.sales_orders()
        report.streams[read.stream] = run_stream(
            self.organization,
            read,
            cursor=self.cursor(read.stream),
            workers=1,
            after_page=self.after_page,
        )
        customers = report.streams.get(Stream.CUSTOMERS)
        if report.streams[read.stream].outcome.skipped or (
            customers is not None and customers.outcome.created + customers.outcome.updated
        ):
            # An order waits for its customer: only a new or changed customer (or an order
            # just set waiting) can let it through.
            take.take_waiting(self.organization, self.settings)

    def store_customers(self, relaties: list[Relatie]) -> upsert.PageOutcome:
        self.learn_countries(relaties)
        return upsert.upsert_customers(self.organization, relaties, self.countries)

    def estimator(self, resource: Any) -> Any:
        return lambda query: lambda skip: len(resource.page(skip, 1, query))


def interval() -> timedelta:
    return timedelta(seconds=settings.SNELSTART_SYNC_INTERVAL_SECONDS)


def sync_organization(organization_id: int) -> SyncReport | None:
    """Sync one organization now. None when it is not active or another worker is syncing it."""
    connection = (
        # The country cache comes in the same query (a join), not as a statement of its own.
        Connection.objects.select_related("organization", "country_codes")
        .filter(organization_id=organization_id)
        .first()
    )
    if connection is None or not connection.is_running:
        return None
    started = timezone.now()
    owner = leases.worker_id()
    if not leases.acquire(connection.pk, owner, last_sync_started_at=started):
        return None
    report = None
    try:
        with heap.collector_tuned_for_bulk_work():
            report = _sync_with_lease(connection, owner, started)
    finally:
        if report is None or not report.lease_released:
            leases.release(connection.pk, owner)
    return report


def _sync_with_lease(connection: Connection, owner: str, started: datetime) -> SyncReport:
    run = SyncRun.objects.create(
        organization=connection.organization, kind=RunKind.SYNC, worker=owner, started_at=started
    )
    report = SyncReport(connection.organization_id, ok=False)
    client = None
    try:
        client = client_for(connection)
        work = _Pull(connection, client, owner)
        report.groups = work.sync_groups()
        for read, resource in (
            (work.articles(), client.artikelen),
            (work.customers(), client.relaties),
        ):
            report.streams[read.stream] = run_stream(
                connection.organization,
                read,
                cursor=work.cursor(read.stream),
                workers=work.workers(read.stream),
                after_page=work.after_page,
                estimate=work.estimator(resource),
            )
        work.pull_sales_orders(report)
        report.ok = True
        _succeeded(connection, report, owner, [Stream.ARTICLE_GROUPS, *report.streams])
    except leases.LeaseLost as exc:
        report.error = str(exc)
        report.summary = later(
            gettext_noop("Gestopt: een andere worker heeft deze synchronisatie overgenomen.")
        )
        log.warning("sync of org %s stopped: %s", connection.organization_id, exc)
    except Exception as exc:
        report.error = f"{type(exc).__name__}: {exc}"
        report.summary = _failed(connection, exc).message
    finally:
        if client is not None:
            report.requests = client.stats.requests
            client.close()
        SyncRun.objects.filter(pk=run.pk).update(
            finished_at=timezone.now(),
            ok=report.ok,
            requests=report.requests,
            retries=client.stats.retries if client is not None else 0,
            statuses=dict(client.stats.by_status) if client is not None else {},
            quota_wait_ms=round(client.stats.limiter_seconds * 1000) if client is not None else 0,
            records=sum(r.outcome.stored for r in report.streams.values()),
            detail=clean_text(report.error)[:2000],
            summary=later_text.to_json(report.summary) or {},
        )
    return report


def _succeeded(connection: Connection, report: SyncReport, owner: str, streams: list[str]) -> None:
    now = timezone.now()
    # next_sync_at is the schedule's (schedule.claim moved it when this sync was taken); the
    # lease goes back in the same statement (it only matters while a sync runs).
    report.lease_released = (
        Connection.objects.filter(pk=connection.pk, lease_owner=owner).update(
            last_sync_success_at=now, consecutive_failures=0, lease_owner="", lease_expires_at=None
        )
        == 1
    )
    if not report.lease_released:  # the lease was lost meanwhile: record the success anyway
        Connection.objects.filter(pk=connection.pk).update(
            last_sync_success_at=now, consecutive_failures=0
        )
    StreamCursor.objects.filter(organization=connection.organization, stream__in=streams).update(
        last_success_at=now
    )
    if connection.consecutive_failures:  # as it was when this sync began
        integration_log.resolve_connection_problems(connection.organization)
    if connection.state != State.CONFIGURED:  # the first import has its own summary
        _report_changes(connection.organization, report)
    if connection.state == State.CONFIGURED:
        activation.finish_initial_import(connection)
        customers = report.streams[Stream.CUSTOMERS].outcome
        articles = report.streams[Stream.ARTICLES].outcome
        integration_log.record(
            connection.organization,
            kind=Kind.APPROVAL,
            table=Table.INTEGRATION,
            message=later(
                gettext_noop(
                    "De eerste import is klaar: %(customers)d klanten en %(articles)d artikelen "
                    "overgenomen uit SnelStart."
                ),
                customers=customers.created + customers.updated,
                articles=articles.created + articles.updated,
            ),
        )


_CHANGED_TABLES = {
    Stream.ARTICLE_GROUPS: (Table.ARTICLE_GROUP, gettext_noop("Artikelgroepen")),
    Stream.ARTICLES: (Table.ARTICLE, gettext_noop("Artikelen")),
    Stream.CUSTOMERS: (Table.CUSTOMER, gettext_noop("Klanten en hun werkadressen")),
}


def _report_changes(organization: Organization, report: SyncReport) -> None:
    """One 'Info' per table that changed in this sync (manual 8.1: the log's 'Tabel'), not one
    per record: what came over from SnelStart, new and changed (inactive ones included)."""
    outcomes = {stream: result.outcome for stream, result in report.streams.items()}
    if report.groups is not None:
        outcomes[Stream.ARTICLE_GROUPS] = report.groups
    for stream, (table, what) in _CHANGED_TABLES.items():
        outcome = outcomes.get(stream)
        if outcome is None or not (outcome.created or outcome.updated):
            continue
        integration_log.record(
            organization,
            kind=Kind.INFO,
            table=table,
            message=later(
                gettext_noop(
                    "%(what)s uit SnelStart overgenomen: %(created)d nieuw, %(updated)d gewijzigd."
                ),
                what=later(what),
                created=outcome.created,
                updated=outcome.updated,
            ),
        )


def _failed(connection: Connection, exc: Exception) -> failures.Explanation:
    Connection.objects.filter(pk=connection.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    connection.refresh_from_db()
    explanation = failures.explain(exc, connection.consecutive_failures)
    wait = failures.backoff(interval(), connection.consecutive_failures)
    Connection.objects.filter(pk=connection.pk).update(next_sync_at=timezone.now() + wait)
    log.warning(
        "sync of org %s failed (%d in a row): %s: %s",
        connection.organization_id,
        connection.consecutive_failures,
        type(exc).__name__,
        exc,
        exc_info=not isinstance(exc, SnelStartError),
    )
    if explanation.permanent:
        # Retrying cannot help (key revoked, administration gone): pause until 'Koppel opnieuw'.
        activation.pause(connection, explanation.message, explanation.action)
        return explanation
    integration_log.record(
        connection.organization,
        kind=explanation.kind,
        table=Table.INTEGRATION,
        message=explanation.message,
        action=explanation.action,
    )
    return explanation
