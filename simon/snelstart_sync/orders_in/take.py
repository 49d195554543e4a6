"""Taking SnelStart sales orders into Simon as work orders, exactly once (S23–S26).

``store_page`` is the sales order stream's store function (``pull.run_stream`` calls it inside
the page's transaction); ``take_waiting`` gives orders that waited for their customer a second
chance after the customers stream. Each order is taken in its own savepoint, so one order that
cannot be stored never holds up the others.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from simon.catalog.models import Article
from simon.customers.models import Customer
from simon.lib.choices import Source
from simon.lib.later_text import later
from simon.snelstart_sync import integration_log
from simon.snelstart_sync.models import (
    IncomingOrder,
    IncomingState,
    IntegrationSettings,
    Kind,
    SalesOrderExport,
    Table,
)
from simon.snelstart_sync.orders_in.mapping import (
    ArticleRef,
    OrderFacts,
    matching_address,
    order_facts,
    plan,
    skip_reason,
)
from simon.snelstart_sync.upsert import PageOutcome
from simon.tenants.models import Organization
from simon.workorders import services
from simon.workorders.errors import WorkOrderError
from simon.workorders.models import WorkOrder
from snelstart import VerkoopOrder, to_snelstart_local

log = logging.getLogger("simon.snelstart_sync.orders_in")


def since_local(settings: IntegrationSettings) -> datetime | None:
    """The switch-on moment as SnelStart's (naive, Amsterdam) wall-clock time, to the whole
    second: SnelStart writes ``modifiedOn`` with as few as no fraction digits, so an order
    changed just after the switch can carry a time just before it."""
    if settings.pull_orders_since is None:
        return None
    return to_snelstart_local(settings.pull_orders_since).replace(microsecond=0)


def _articles(organization: Organization, facts: Iterable[OrderFacts]) -> dict[UUID, ArticleRef]:
    ids = {line.article_id for f in facts for line in f.lines if line.article_id}
    if not ids:
        return {}
    return {
        a.snelstart_id: ArticleRef(a.pk, a.article_code, a.description)
        for a in Article.objects.filter(
            organization=organization, snelstart_id__in=ids, active=True
        )
        if a.snelstart_id is not None
    }


def _own(organization: Organization, facts: list[OrderFacts]) -> tuple[set[UUID], set[str]]:
    ids = {f.id for f in facts}
    markers = {f.orderreferentie for f in facts if f.orderreferentie}
    exports = SalesOrderExport.objects.filter(organization=organization)
    own_ids = set(
        exports.filter(snelstart_order_id__in=ids).values_list("snelstart_order_id", flat=True)
    )
    own_markers = set(exports.filter(marker__in=markers).values_list("marker", flat=True))
    return {i for i in own_ids if i is not None}, own_markers


def _label(facts: OrderFacts) -> str:
    return later(gettext_noop("Verkooporder %(number)s"), number=facts.number)


def _make_work_order(
    organization: Organization, facts: OrderFacts, customer: Customer, settings: IntegrationSettings
) -> WorkOrder:
    work = plan(
        facts,
        description_choice=settings.pull_description,
        with_lines=settings.pull_with_lines,
        articles=_articles(organization, [facts]),
    )
    address = matching_address(facts, customer.work_addresses.filter(active=True))
    work_order = services.create_work_order(
        organization,
        by=None,
        customer=customer,
        work_address=address,
        description=work.description,
        source=Source.SNELSTART,
        snelstart_order_id=facts.id,
        note=later(gettext_noop("Uit SnelStart-verkooporder %(number)s"), number=facts.number),
    )
    articles = {a.pk: a for a in Article.objects.filter(pk__in=[pk for pk, _q in work.materials])}
    for article_pk, quantity in work.materials:
        services.add_material(work_order, by=None, article=articles[article_pk], quantity=quantity)
    return work_order


def _taken(organization: Organization, facts: OrderFacts, work_order: WorkOrder) -> None:
    integration_log.resolve_label(organization, table=Table.WORK_ORDER, label=_label(facts))
    integration_log.record(
        organization,
        kind=Kind.APPROVAL,
        table=Table.WORK_ORDER,
        message=later(
            gettext_noop("Verkooporder %(order)s uit SnelStart is werkbon %(number)s geworden."),
            order=facts.number,
            number=work_order.number,
        ),
        record_code=work_order.code,
        record_label=later(gettext_noop("Werkbon %(number)s"), number=work_order.number),
    )


def _waiting(organization: Organization, facts: OrderFacts) -> None:
    integration_log.record(
        organization,
        kind=Kind.WARNING,
        table=Table.WORK_ORDER,
        message=later(
            gettext_noop(
                "Verkooporder %(order)s uit SnelStart wacht: de klant (SnelStart-id %(relatie)s) "
                "staat niet in Simon."
            ),
            order=facts.number,
            relatie=facts.relatie_id,
        ),
        action=later(
            gettext_noop(
                "Controleer in SnelStart of de relatie een actieve klant is. Simon maakt de "
                "werkbon zodra de klant in Simon staat."
            )
        ),
        record_label=_label(facts),
    )


def _customer(organization: Organization, relatie_id: UUID | None) -> Customer | None:
    if relatie_id is None:
        return None
    return Customer.objects.filter(
        organization=organization, snelstart_id=relatie_id, active=True
    ).first()


def _take_one(
    organization: Organization,
    order: VerkoopOrder,
    facts: OrderFacts,
    settings: IntegrationSettings,
) -> str:
    """'created', 'waiting' or 'unchanged' (already taken)."""
    existing = IncomingOrder.objects.filter(
        organization=organization, snelstart_order_id=facts.id
    ).first()
    if existing is not None and existing.state == IncomingState.TAKEN:
        return "unchanged"  # eenmalig: later changes in SnelStart change nothing
    customer = _customer(organization, facts.relatie_id)
    if customer is None:
        _remember(organization, order, facts, IncomingState.WAITING)
        if existing is None:
            _waiting(organization, facts)
        return "waiting"
    work_order = _make_work_order(organization, facts, customer, settings)
    _remember(
        organization,
        order,
        facts,
        IncomingState.TAKEN,
        work_order=work_order,
        taken_at=timezone.now(),
    )
    _taken(organization, facts, work_order)
    return "created"


def _remember(
    organization: Organization,
    order: VerkoopOrder,
    facts: OrderFacts,
    state: IncomingState,
    **fields: Any,
) -> None:
    IncomingOrder.objects.update_or_create(
        organization=organization,
        snelstart_order_id=facts.id,
        defaults={
            "number": facts.number,
            "relatie_id": facts.relatie_id,
            "state": state,
            "raw": {"json": order.to_json().decode()},
            **fields,
        },
    )


def store_page(
    organization: Organization, orders: list[VerkoopOrder], settings: IntegrationSettings
) -> PageOutcome:
    """The sales order stream's store: take every qualifying order of the page once."""
    outcome = PageOutcome()
    if not orders:
        return outcome
    facts = [order_facts(o) for o in orders if o.id is not None]
    own_ids, own_markers = _own(organization, facts)
    since = since_local(settings)
    for order, fact in zip((o for o in orders if o.id is not None), facts, strict=True):
        if skip_reason(
            fact,
            filter_word=settings.pull_filter_word,
            since=since,
            own_ids=own_ids,
            own_markers=own_markers,
        ):
            outcome.skipped += 1
            continue
        try:
            with transaction.atomic():
                result = _take_one(organization, order, fact, settings)
        except (WorkOrderError, IntegrityError) as exc:
            message = getattr(exc, "message", str(exc))
            outcome.problems.append((order, str(message)))
            continue
        if result == "created":
            outcome.created += 1
        elif result == "waiting":
            outcome.skipped += 1
        else:
            outcome.unchanged += 1
    return outcome


def take_waiting(organization: Organization, settings: IntegrationSettings) -> int:
    """Orders that waited for their customer: take those whose customer is in Simon now."""
    waiting = IncomingOrder.objects.filter(organization=organization, state=IncomingState.WAITING)
    relaties = set(waiting.values_list("relatie_id", flat=True)) - {None}
    if not relaties:
        return 0
    present = set(
        Customer.objects.filter(
            organization=organization, snelstart_id__in=relaties, active=True
        ).values_list("snelstart_id", flat=True)
    )
    taken = 0
    for incoming in waiting.filter(relatie_id__in=present):
        order = VerkoopOrder.model_validate_json(incoming.raw.get("json", "{}"))
        try:
            with transaction.atomic():
                if _take_one(organization, order, order_facts(order), settings) == "created":
                    taken += 1
        except (WorkOrderError, IntegrityError) as exc:
            log.warning("incoming order %s could not be taken: %s", incoming.number, exc)
    return taken


def origin_numbers(work_orders: Iterable[Any]) -> dict[int, int | None]:
    """The SnelStart order number each of these work orders came from, by work order pk."""
    pks = [w.pk for w in work_orders if getattr(w, "snelstart_order_id", None)]
    if not pks:
        return {}
    return dict(
        IncomingOrder.objects.filter(work_order_id__in=pks).values_list("work_order_id", "number")
    )
