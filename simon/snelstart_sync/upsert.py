"""Storing one page of SnelStart records: idempotent upserts keyed on (organization, SnelStart id).

Each function takes one page, writes it with a few bulk queries inside the caller's
transaction, and says what it did. Reading the same page twice changes nothing the second
time (unchanged rows are not written), so the overlap window and retries are harmless.
Nothing is ever deleted here: inactive records are hidden, which keeps work orders intact (S5).

A record whose values cannot be stored (``mapping.Unstorable``) is left out of the page and
reported in ``problems``; a record stored with a text shortened to fit is reported in ``cut``,
but only when its row was created or changed, so re-reading it does not warn again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import UUID

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from simon.catalog.models import Article, ArticleGroup
from simon.customers.models import Customer, WorkAddress
from simon.lib.choices import Source
from simon.snelstart_sync import bulk, mapping
from simon.tenants.models import Organization
from snelstart import Artikel, ArtikelOmzetgroep, Relatie

ModelT = TypeVar("ModelT", bound=Model)


@dataclass
class PageOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[tuple[Any, str]] = field(default_factory=list)
    #: (record, names of the fields shortened) for rows written with a shortened text.
    cut: list[tuple[Any, list[str]]] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.created + self.updated + self.unchanged

    def add(self, other: PageOutcome) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.skipped += other.skipped
        self.problems.extend(other.problems)
        self.cut.extend(other.cut)


def _latest_by_id(records: Iterable[Any]) -> dict[UUID, Any]:
    """De-duplicate a page by id (a record may appear twice when rows move between pages)."""
    return {r.id: r for r in records if r.id is not None}


def _existing(
    model: type[ModelT], organization: Organization, snelstart_ids: Collection[UUID]
) -> dict[UUID, ModelT]:
    """The organization's rows with these SnelStart ids, by id; models are loaded only for the
    ids that exist (on a first import: none)."""
    pks = bulk.pks_by_snelstart_id(model, organization.pk, snelstart_ids)
    if not pks:
        return {}
    rows = model._default_manager.filter(pk__in=pks.values()).order_by()
    return {row.snelstart_id: row for row in rows}  # type: ignore[attr-defined]


def _changed(row: Model, values: Mapping[str, Any]) -> bool:
    return any(getattr(row, name) != value for name, value in values.items())


def _apply(row: Model, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)


def upsert_groups(
    organization: Organization,
    groups: list[ArtikelOmzetgroep],
    pks: dict[UUID, int] | None = None,
) -> PageOutcome:
    """The complete list of article groups; groups gone from SnelStart are hidden. ``pks`` is
    filled with every SnelStart-sourced group's row id (the articles' upsert needs them)."""
    outcome = PageOutcome()
    incoming = _latest_by_id(groups)
    existing = {
        g.snelstart_id: g
        for g in ArticleGroup.objects.filter(organization=organization, snelstart_id__isnull=False)
    }
    if pks is not None:
        pks.update({sid: g.pk for sid, g in existing.items() if sid is not None})
    for sid, group in incoming.items():
        cut: list[str] = []
        values = mapping.group_fields(group, cut)
        row = existing.get(sid)
        if row is None:
            created = ArticleGroup.objects.create(
                organization=organization, snelstart_id=sid, **values
            )
            if pks is not None:
                pks[sid] = created.pk
            outcome.created += 1
        elif _changed(row, values):
            _apply(row, values)
            row.save()
            outcome.updated += 1
        else:
            outcome.unchanged += 1
            continue
        if cut:
            outcome.cut.append((group, cut))
    gone = [g.pk for sid, g in existing.items() if sid not in incoming and g.active]
    if gone:
        ArticleGroup.objects.filter(pk__in=gone).update(active=False)
        outcome.updated += len(gone)
    return outcome


ARTICLE_FIELDS = [
    "article_code", "description", "unit", "sales_price", "active", "source", "group",
    "modified",
]  # fmt: skip


def upsert_articles(
    organization: Organization,
    artikelen: list[Artikel],
    chosen: set[UUID] | None,
    group_pks: Mapping[UUID, int],
) -> PageOutcome:
    """Articles of one page (S2): created when visible, updated, hidden when inactive or when
    their group is no longer chosen (S5). Inactive ones that Simon never had are not created."""
    outcome = PageOutcome()
    incoming = _latest_by_id(artikelen)
    existing = _existing(Article, organization, incoming.keys())
    now = timezone.now()
    new_rows, changed_rows = [], []
    for sid, artikel in incoming.items():
        cut: list[str] = []
        try:
            values = mapping.article_fields(artikel, chosen, cut)
        except mapping.Unstorable as exc:
            outcome.problems.append((artikel, str(exc)))
            continue
        if not values["article_code"]:
            outcome.problems.append((artikel, _("artikelcode ontbreekt")))
            continue
        group_sid = mapping.article_group_id(artikel)
        values["group_id"] = group_pks.get(group_sid) if group_sid else None
        row = existing.get(sid)
        if row is None:
            if not values["active"]:
                outcome.skipped += 1
                continue
            new_rows.append({"organization_id": organization.pk, "snelstart_id": sid, **values})
        elif _changed(row, values):
            _apply(row, values)
            row.modified = now
            changed_rows.append(row)
        else:
            outcome.unchanged += 1
            continue
        if cut:
            outcome.cut.append((artikel, cut))
    bulk.insert_rows(Article, new_rows)
    Article.objects.bulk_update(changed_rows, ARTICLE_FIELDS)
    outcome.created += len(new_rows)
    outcome.updated += len(changed_rows)
    return outcome


CUSTOMER_FIELDS = [
    "name", "relatiecode", "email", "phone", "active", "source", "street", "house_number",
    "house_number_addition", "postcode", "city", "country_code", "modified",
]  # fmt: skip
ADDRESS_FIELDS = [
    "contact_name", "source", "active", "street", "house_number", "house_number_addition",
    "postcode", "city", "country_code", "modified",
]  # fmt: skip


def _free_relatiecodes(organization: Organization, wanted: Mapping[int, UUID]) -> None:
    """SnelStart leads: a relatiecode now used by another SnelStart relatie is taken away from
    the Simon row that still holds it (that row gets its own code when its change arrives)."""
    if not wanted:
        return
    holders = Customer.objects.filter(organization=organization, relatiecode__in=wanted)
    for holder in holders:
        if holder.snelstart_id != wanted[holder.relatiecode]:
            Customer.objects.filter(pk=holder.pk).update(relatiecode=None)


def upsert_customers(
    organization: Organization, relaties: list[Relatie], countries: Mapping[UUID, str]
) -> PageOutcome:
    """Customers of one page with their SnelStart-derived first work address (S1, S3, S5).

    Work addresses users added (source 'local') are never touched.
    """
    outcome = PageOutcome()
    incoming = {sid: r for sid, r in _latest_by_id(relaties).items() if mapping.is_customer(r)}
    outcome.skipped += len(relaties) - len(incoming)
    existing = _existing(Customer, organization, incoming.keys())
    now = timezone.now()
    values_by_sid: dict[UUID, dict[str, Any]] = {}
    addresses: dict[UUID, dict[str, Any]] = {}
    cuts: dict[UUID, list[str]] = {}
    for sid, relatie in incoming.items():
        cut: list[str] = []
        try:
            values = mapping.customer_fields(relatie, countries, cut)
            address = mapping.work_address_fields(relatie, countries, cut)
        except mapping.Unstorable as exc:
            outcome.problems.append((relatie, str(exc)))
            continue
        if sid not in existing and not values["active"]:
            outcome.skipped += 1  # inactive and never seen: nothing to show or hide
            continue
        values_by_sid[sid], addresses[sid], cuts[sid] = values, address, cut
    _free_relatiecodes(
        organization,
        {v["relatiecode"]: sid for sid, v in values_by_sid.items() if v["relatiecode"] is not None},
    )
    new_rows, changed_rows = [], []
    for sid, values in values_by_sid.items():
        row = existing.get(sid)
        if row is None:
            new_rows.append({"organization_id": organization.pk, "snelstart_id": sid, **values})
        elif _changed(row, values):
            _apply(row, values)
            row.modified = now
            changed_rows.append(row)
        else:
            outcome.unchanged += 1
            continue
        if cuts[sid]:
            outcome.cut.append((incoming[sid], cuts[sid]))
    bulk.insert_rows(Customer, new_rows)
    Customer.objects.bulk_update(changed_rows, CUSTOMER_FIELDS)
    outcome.created += len(new_rows)
    outcome.updated += len(changed_rows)
    created = bulk.pks_by_snelstart_id(
        Customer, organization.pk, [r["snelstart_id"] for r in new_rows]
    )
    _upsert_derived_addresses(
        organization,
        {sid: existing[sid].pk if sid in existing else created[sid] for sid in values_by_sid},
        addresses,
        new_customers=set(created.values()),
    )
    return outcome


def _upsert_derived_addresses(
    organization: Organization,
    customers: Mapping[UUID, int],
    wanted: Mapping[UUID, dict[str, Any]],
    new_customers: Collection[int] = (),
) -> None:
    """The SnelStart-derived work address of each customer (by customer pk); customers created
    on this page have none yet, so only the others' are looked up."""
    by_customer: dict[int, WorkAddress] = {}
    # By customer only (the customers are this organization's): the customer index finds the
    # few rows, where a filter on the organization too made SQLite scan all its addresses.
    looked_up = [pk for pk in customers.values() if pk not in new_customers]
    addresses = (
        WorkAddress.objects.filter(customer__in=looked_up, source=Source.SNELSTART)
        if looked_up
        else []
    )
    for address in sorted(addresses, key=lambda a: (a.active, a.id)):
        by_customer[address.customer_id] = address  # the active one (or newest) wins
    now = timezone.now()
    new_rows, changed_rows = [], []
    for sid, customer_pk in customers.items():
        values = wanted[sid]
        row = by_customer.get(customer_pk)
        if row is None:
            if values["active"]:
                new_rows.append(
                    {"organization_id": organization.pk, "customer_id": customer_pk, **values}
                )
        elif _changed(row, values):
            _apply(row, values)
            row.modified = now
            changed_rows.append(row)
    bulk.insert_rows(WorkAddress, new_rows)
    WorkAddress.objects.bulk_update(changed_rows, ADDRESS_FIELDS)
