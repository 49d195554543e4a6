"""The clean-up (S4, S5): make Simon's customers and articles exactly SnelStart's again.

Incremental syncs see changes, not deletions: SnelStart keeps no tombstones (CONTRACT §8e). The
clean-up lists the ids of every active customer and every active article in the chosen groups
and then
- removes from Simon every visible customer or article that is not among them, or that was
  created in Simon (a record a work order refers to is hidden, never destroyed);
- fetches records SnelStart has but Simon lacks (a page boundary that shifted under a
  deletion during a read can hide one from an incremental read), so the two end up equal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from simon.catalog.models import Article
from simon.catalog.services import remove_article
from simon.customers.models import Customer
from simon.customers.services import remove_customer
from simon.lib import later_text
from simon.lib.choices import Source
from simon.lib.later_text import later
from simon.snelstart_sync import failures, integration_log, leases, upsert
from simon.snelstart_sync.connection import client_for
from simon.snelstart_sync.models import (
    Connection,
    Kind,
    RunKind,
    Stream,
    StreamCursor,
    SyncRun,
    Table,
)
from simon.snelstart_sync.run_context import RunContext
from simon.snelstart_sync.sync import interval
from snelstart import NotFoundError, SnelStartClient, odata

log = logging.getLogger("simon.snelstart_sync.cleanup")

# Records SnelStart has but Simon lacks are fetched one by one up to this many; beyond it the
# stream is simply read again in full at the next sync.
REPAIR_LIMIT = 200


@dataclass
class CleanupReport:
    customers_removed: int = 0
    customers_hidden: int = 0
    articles_removed: int = 0
    articles_hidden: int = 0
    repaired: int = 0
    ok: bool = False
    error: str = ""


def _active_customer_ids(client: SnelStartClient) -> set[UUID]:
    query = odata.and_(odata.relatiesoort_is("Klant"), odata.eq("Nonactief", False))
    return {r.id for r in client.relaties.iter(filter=query, select=["Id"]) if r.id}


def _active_article_ids(client: SnelStartClient, chosen: set[UUID] | None) -> set[UUID]:
    query = odata.eq("IsNonActief", False)
    if chosen is not None:
        if not chosen:
            return set()
        groups = odata.or_(*(odata.eq("ArtikelOmzetgroep/Id", gid) for gid in sorted(chosen)))
        query = odata.and_(query, groups)
    return {a.id for a in client.artikelen.iter(filter=query, select=["Id"]) if a.id}


def _remove_strays(queryset, keep: set[UUID], remove, report: CleanupReport, kind: str) -> None:  # type: ignore[no-untyped-def]
    strays = queryset.filter(active=True).filter(
        Q(source=Source.LOCAL) | Q(snelstart_id__isnull=True) | ~Q(snelstart_id__in=keep)
    )
    for row in strays.iterator():
        deleted = remove(row, from_integration=True)
        if kind == "customer":
            report.customers_removed += deleted
            report.customers_hidden += not deleted
        else:
            report.articles_removed += deleted
            report.articles_hidden += not deleted


def _repair(
    work: RunContext,
    snelstart_ids: set[UUID],
    queryset: QuerySet[Customer] | QuerySet[Article],
    stream: str,
) -> int:
    have = set(queryset.filter(active=True).values_list("snelstart_id", flat=True))
    missing = snelstart_ids - have
    if not missing:
        return 0
    if len(missing) > REPAIR_LIMIT:
        StreamCursor.objects.filter(organization=work.organization, stream=stream).delete()
        return 0
    resource = work.client.relaties if stream == Stream.CUSTOMERS else work.client.artikelen
    records: list[Any] = []  # Relatie or Artikel, by stream
    for sid in sorted(missing):
        try:
            records.append(resource.get(sid))
        except NotFoundError:
            continue  # deleted since the listing
    with transaction.atomic():
        if stream == Stream.CUSTOMERS:
            work.learn_countries(records)
            upsert.upsert_customers(work.organization, records, work.countries)
        else:
            upsert.upsert_articles(work.organization, records, work.chosen, work.group_pks)
    return len(records)


def cleanup_organization(organization_id: int) -> CleanupReport | None:
    """Clean up one organization now; None when not active or another worker holds the lease."""
    connection = (
        Connection.objects.select_related("organization", "country_codes")
        .filter(organization_id=organization_id)
        .first()
    )
    if connection is None or not connection.is_running:
        return None
    with leases.held(connection.pk) as owner:
        if owner is None:
            return None
        return _cleanup_with_lease(connection, owner)


def _cleanup_with_lease(connection: Connection, owner: str) -> CleanupReport:
    organization = connection.organization
    report = CleanupReport()
    summary = ""
    run = SyncRun.objects.create(
        organization=organization, kind=RunKind.CLEANUP, worker=owner, started_at=timezone.now()
    )
    client = None
    try:
        client = client_for(connection)
        work = RunContext(connection, client, owner)
        work.sync_groups()
        customer_ids = _active_customer_ids(client)
        article_ids = _active_article_ids(client, work.chosen)
        customers = Customer.objects.filter(organization=organization)
        articles = Article.objects.filter(organization=organization)
        _remove_strays(customers, customer_ids, remove_customer, report, "customer")
        _remove_strays(articles, article_ids, remove_article, report, "article")
        report.repaired = _repair(work, customer_ids, customers, Stream.CUSTOMERS)
        report.repaired += _repair(work, article_ids, articles, Stream.ARTICLES)
        report.ok = True
        _cleaned(connection, report)
    except Exception as exc:
        report.error = f"{type(exc).__name__}: {exc}"
        log.warning("clean-up of org %s failed: %s", organization.pk, report.error)
        explanation = failures.explain(exc)
        summary = explanation.message
        integration_log.record(
            organization,
            kind=explanation.kind,
            table=Table.INTEGRATION,
            message=later(
                gettext_noop("Opschonen mislukt: %(message)s"), message=explanation.message
            ),
            action=explanation.action,
        )
        Connection.objects.filter(pk=connection.pk).update(
            next_cleanup_at=timezone.now() + interval() * 30
        )
    finally:
        SyncRun.objects.filter(pk=run.pk).update(
            finished_at=timezone.now(),
            ok=report.ok,
            requests=client.stats.requests if client else 0,
            statuses=dict(client.stats.by_status) if client else {},
            quota_wait_ms=round(client.stats.limiter_seconds * 1000) if client else 0,
            records=report.customers_removed + report.articles_removed + report.repaired,
            detail=report.error[:2000],
            summary=later_text.to_json(summary) or {},
        )
        if client is not None:
            client.close()
    return report


def _cleaned(connection: Connection, report: CleanupReport) -> None:
    now = timezone.now()
    Connection.objects.filter(pk=connection.pk).update(
        last_cleanup_at=now,
        next_cleanup_at=now + timedelta(hours=settings.SNELSTART_CLEANUP_INTERVAL_HOURS),
    )
    changed = (
        report.customers_removed
        + report.customers_hidden
        + report.articles_removed
        + report.articles_hidden
    )
    integration_log.record(
        connection.organization,
        kind=Kind.INFO,
        table=Table.INTEGRATION,
        message=later(
            gettext_noop(
                "Opgeschoond: %(customers)d klanten en %(articles)d artikelen verwijderd of "
                "verborgen, %(repaired)d records opnieuw opgehaald."
            ),
            customers=report.customers_removed + report.customers_hidden,
            articles=report.articles_removed + report.articles_hidden,
            repaired=report.repaired,
        )
        if changed or report.repaired
        else later(gettext_noop("Opgeschoond: Simon en SnelStart kwamen al overeen.")),
    )
