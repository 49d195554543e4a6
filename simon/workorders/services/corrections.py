"""Correcting an archived work order that an integration could not deliver (S22).

Only what can make SnelStart refuse the sales order may change: the customer, the work address
and the article of a material line. Quantities, hours and texts stay as the office archived
them. Each correction is written into the work order's history.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from simon.catalog.models import Article
from simon.customers.models import Customer, WorkAddress
from simon.tenants.types import User
from simon.workorders.models import MaterialLine, WorkOrder, WorkOrderStatus
from simon.workorders.permissions import require_correct
from simon.workorders.services.common import lock
from simon.workorders.services.history import record_status_change
from simon.workorders.services.lifecycle import _check_customer_and_address
from simon.workorders.services.registrations import _check_article


def _note(work_order: WorkOrder, by: User | None, note: str) -> None:
    record_status_change(
        work_order,
        from_status=WorkOrderStatus.ARCHIVED,
        to_status=WorkOrderStatus.ARCHIVED,
        by=by,
        note=note[:250],
    )


def correct_header(
    work_order: WorkOrder,
    *,
    by: User | None,
    customer: Customer | None,
    work_address: WorkAddress | None,
) -> WorkOrder:
    with transaction.atomic():
        current = lock(work_order)
        require_correct(by, current)
        _check_customer_and_address(current.organization, customer, work_address, current)
        changes = []
        if customer != current.customer:
            changes.append(
                _("klant: %(old)s → %(new)s")
                % {"old": current.customer or "—", "new": customer or "—"}
            )
        if work_address != current.work_address:
            changes.append(
                _("werkadres: %(old)s → %(new)s")
                % {"old": current.work_address or "—", "new": work_address or "—"}
            )
        if changes:
            current.customer, current.work_address = customer, work_address
            current.save(update_fields=["customer", "work_address", "modified"])
            _note(
                current,
                by,
                _("Gecorrigeerd na mislukt versturen: %(changes)s")
                % {"changes": "; ".join(changes)},
            )
    return current


def correct_material_article(
    line: MaterialLine, *, by: User | None, article: Article
) -> MaterialLine:
    with transaction.atomic():
        current = lock(line.work_order)
        require_correct(by, current)
        line.refresh_from_db()
        previous = line.article
        line.article = _check_article(current, article, previous)
        if line.article.pk != previous.pk:
            line.save(update_fields=["article", "modified"])
            _note(
                current,
                by,
                _("Artikel vervangen na mislukt versturen: %(old)s → %(new)s")
                % {"old": previous.article_code, "new": line.article.article_code},
            )
    return line
