"""'Wissen Simon data': empty the master data SnelStart will fill again (S27, manual 4.3).

The wipe runs in one transaction and touches only the parts chosen. Records a work order
refers to are never destroyed (that would break the work order's history): they are hidden
and detached from SnelStart, so the import creates the SnelStart record fresh, and the work
order keeps showing the customer, work address or article it was made with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from simon.catalog.models import Article, ArticleGroup
from simon.customers.models import Customer, WorkAddress
from simon.tenants.models import Organization
from simon.workorders.models import MaterialLine, WorkOrder

PARTS: dict[str, object] = {
    "klanten": _("Klanten"),
    "werkadressen": _("Werkadressen"),
    "artikelen": _("Artikelen"),
    "artikelgroepen": _("Artikelgroepen"),
}


@dataclass(frozen=True)
class PartCount:
    part: str
    label: str
    total: int  # every row, hidden ones included: what a wipe goes through
    kept_for_work_orders: int
    visible: int = 0  # what the user sees in Simon's lists

    @property
    def hidden(self) -> int:
        return self.total - self.visible


def _customers(org: Organization) -> QuerySet[Customer]:
    return Customer.objects.filter(organization=org)


def _work_addresses(org: Organization) -> QuerySet[WorkAddress]:
    return WorkAddress.objects.filter(organization=org)


def _articles(org: Organization) -> QuerySet[Article]:
    return Article.objects.filter(organization=org)


def _groups(org: Organization) -> QuerySet[ArticleGroup]:
    return ArticleGroup.objects.filter(organization=org)


def _used_customers(org: Organization) -> QuerySet[Customer]:
    """Customers a work order refers to, directly or through one of their work addresses."""
    used_addresses = WorkOrder.objects.filter(work_address__customer=OuterRef("pk"))
    return _customers(org).filter(
        Exists(WorkOrder.objects.filter(customer=OuterRef("pk"))) | Exists(used_addresses)
    )


def _used_addresses(org: Organization) -> QuerySet[WorkAddress]:
    return _work_addresses(org).filter(
        Exists(WorkOrder.objects.filter(work_address=OuterRef("pk")))
    )


def _used_articles(org: Organization) -> QuerySet[Article]:
    return _articles(org).filter(Exists(MaterialLine.objects.filter(article=OuterRef("pk"))))


_QUERIES = {
    "klanten": (_customers, _used_customers),
    "werkadressen": (_work_addresses, _used_addresses),
    "artikelen": (_articles, _used_articles),
    "artikelgroepen": (_groups, lambda org: _groups(org).none()),
}

# After a wipe the part is filled again from SnelStart: these streams read everything anew.
STREAMS_TO_RESET = {
    "klanten": ["klanten"],
    "werkadressen": ["klanten"],
    "artikelen": ["artikelen"],
    "artikelgroepen": ["artikelgroepen", "artikelen"],
}


def counts(organization: Organization) -> list[PartCount]:
    """What each part holds now, and how much of it work orders keep (hidden, not deleted)."""
    result = []
    for part, label in PARTS.items():
        everything, used = _QUERIES[part]
        rows = everything(organization)
        result.append(
            PartCount(
                part=part,
                label=str(label),
                total=rows.count(),
                kept_for_work_orders=used(organization).count(),
                visible=rows.filter(active=True).count(),
            )
        )
    return result


def _hide(qs: QuerySet[Any]) -> int:
    """Hidden and detached: the import then creates the SnelStart record afresh."""
    return qs.update(active=False, snelstart_id=None)


def _wipe_part(organization: Organization, part: str) -> int:
    everything, used = _QUERIES[part]
    kept = list(used(organization).values_list("pk", flat=True))
    if part == "klanten":
        addresses = _work_addresses(organization).filter(customer_id__in=kept)
        used_addresses = _used_addresses(organization).values("pk")
        touched = addresses.filter(pk__in=used_addresses).update(active=False)
        touched += addresses.exclude(pk__in=used_addresses).delete()[0]
        # The relatiecode goes too: the imported customer will carry it.
        touched += (
            _customers(organization)
            .filter(pk__in=kept)
            .update(active=False, snelstart_id=None, relatiecode=None)
        )
    elif part == "werkadressen":
        touched = _work_addresses(organization).filter(pk__in=kept).update(active=False)
    elif part == "artikelen":
        touched = _hide(_articles(organization).filter(pk__in=kept))
    else:
        touched = 0
    deleted, _by_model = everything(organization).exclude(pk__in=kept).delete()
    return touched + deleted


def wipe(organization: Organization, parts: list[str]) -> dict[str, int]:
    """Wipe the chosen parts in one transaction; returns the number of rows per part."""
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown parts: {sorted(unknown)}")
    # Work addresses depend on customers: wiping customers wipes theirs as well.
    order = [p for p in ("werkadressen", "klanten", "artikelen", "artikelgroepen") if p in parts]
    with transaction.atomic():
        return {part: _wipe_part(organization, part) for part in order}
