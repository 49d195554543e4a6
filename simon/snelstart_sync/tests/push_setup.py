"""A linked organization with SnelStart customers and articles, and completed work orders to
archive: the starting point of the push tests (issue 8)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx

from simon.catalog.models import Article
from simon.customers.models import Customer
from simon.snelstart_sync.configuration import save_version
from simon.snelstart_sync.models import IntegrationSettings
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.conftest import Linked
from simon.workorders import services
from simon.workorders.models import WorkOrder

ARTICLE_CODES = ("UUR", "REIS", "VOORRIJ", "KRAAN", "BUIS")


@dataclass
class Shop:
    linked: Linked
    office: Any  # the user who archives
    relaties: dict[str, dict] = field(default_factory=dict)
    artikelen: dict[str, dict] = field(default_factory=dict)

    @property
    def organization(self) -> Any:
        return self.linked.organization

    @property
    def api(self) -> httpx.Client:
        return self.linked.api

    def customer(self, name: str) -> Customer:
        return Customer.objects.get(organization=self.organization, name=name)

    def article(self, code: str) -> Article:
        return Article.objects.get(organization=self.organization, article_code=code)

    def settings(self, **values: Any) -> IntegrationSettings:
        """A new settings version, articles named by code (their SnelStart ids looked up)."""
        for role in ("work", "travel", "fixed"):
            code = values.get(f"{role}_article_code")
            if code and f"{role}_article_id" not in values:
                values[f"{role}_article_id"] = self.artikelen[code]["id"]
        return save_version(self.organization, by=None, values=values)

    def completed(
        self,
        customer: str | None = "Bakkerij de Vries",
        *,
        description: str = "CV-ketel vervangen",
        reference: str = "PO-77",
        work: int = 120,
        travel: int = 15,
        materials: tuple[tuple[str, str], ...] = (("KRAAN", "2"), ("BUIS", "1,5")),
    ) -> WorkOrder:
        chosen = self.customer(customer) if customer else None
        address = chosen.work_addresses.first() if chosen else None
        work_order = services.create_work_order(
            self.organization,
            by=self.office,
            customer=chosen,
            work_address=address,
            description=description,
            customer_reference=reference,
        )
        day = work_order.created.date()
        for kind, minutes in (("werktijd", work), ("reistijd", travel)):
            if minutes:
                services.add_time_entry(
                    work_order,
                    by=self.office,
                    employee=self.office,
                    kind=kind,
                    date=day,
                    minutes=minutes,
                )
        for code, quantity in materials:
            services.add_material(
                work_order, by=self.office, article=self.article(code), quantity=quantity
            )
        return services.report_complete(work_order, by=self.office)

    def orders(self) -> list[dict]:
        return ss.all_pages(self.api, "/verkooporders")

    def orders_for(self, work_order: WorkOrder) -> list[dict]:
        marker = work_order.snelstart_export.marker
        return [o for o in self.orders() if o.get("orderreferentie") == marker]


def open_shop(linked: Linked, office: Any) -> Shop:
    shop = Shop(linked, office)
    group = ss.groups(linked.api)[0]
    for code in ARTICLE_CODES:
        shop.artikelen[code] = ss.create_article(
            linked.api, code, group, omschrijving=f"Artikel {code}"
        )
    for name, street in (("Bakkerij de Vries", "Kerkstraat 12A"), ("Slagerij Jansen", "Markt 3")):
        shop.relaties[name] = ss.create_customer(linked.api, name, street)
    report = sync_organization(linked.organization.pk)
    assert report is not None and report.ok, report
    return shop


def quantity(value: Any) -> Decimal:
    return Decimal(str(value)).normalize()
