"""Reading a work order and a settings version into the plain values the payload is built from."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Sum
from django.utils import timezone

from simon.catalog.models import Article
from simon.customers.models import WorkAddress
from simon.snelstart_sync.models import IntegrationSettings
from simon.snelstart_sync.push.payload import (
    ExportSettings,
    MaterialItem,
    SettingsArticle,
    WorkOrderFacts,
)
from simon.workorders.models import TimeKind, WorkOrder


def _address_block(address: WorkAddress | None) -> str:
    if address is None:
        return ""
    contact = " ".join(p for p in (address.contact_name, address.contact_phone) if p)
    lines = [address.label, address.address_line, contact]
    return "\n".join(line for line in lines if line)


def work_order_facts(work_order: WorkOrder) -> WorkOrderFacts:
    customer = work_order.customer
    address = work_order.work_address
    minutes = dict(
        work_order.time_entries.values_list("kind").annotate(total=Sum("minutes")).order_by()
    )
    materials = tuple(
        MaterialItem(
            article_id=line.article.snelstart_id,
            article_code=line.article.article_code,
            description=line.article.description,
            quantity=line.quantity,
            active=line.article.active,
        )
        for line in work_order.material_lines.select_related("article").order_by("position", "id")
    )
    archived = work_order.archived_at or timezone.now()
    return WorkOrderFacts(
        number=work_order.number,
        code=work_order.code,
        description=work_order.description,
        customer_reference=work_order.customer_reference,
        archived_on=timezone.localtime(archived).date(),
        customer_present=customer is not None,
        customer_id=customer.snelstart_id if customer else None,
        customer_name=customer.name if customer else "",
        customer_active=customer.active if customer else False,
        work_address=address.address_line if address else "",
        work_address_block=_address_block(address),
        work_minutes=minutes.get(TimeKind.WORK, 0) or 0,
        travel_minutes=minutes.get(TimeKind.TRAVEL, 0) or 0,
        materials=materials,
    )


def _settings_article(
    code: str, article_id: UUID | None, known: dict[UUID, Article]
) -> SettingsArticle | None:
    if not code:
        return None
    article = known.get(article_id) if article_id else None
    return SettingsArticle(
        article_id=article_id,
        code=code,
        description=article.description if article else "",
        known=article_id is not None and (article is None or article.active),
    )


def export_settings(version: IntegrationSettings) -> ExportSettings:
    """The sending part of one settings version, with the articles' texts as Simon knows them.

    A settings article Simon does not hold (its group is not imported) is not held against it:
    'Controleer' found it in SnelStart. One that Simon holds hidden was removed in SnelStart.
    """
    ids = [
        i
        for i in (version.work_article_id, version.travel_article_id, version.fixed_article_id)
        if i
    ]
    known = {
        a.snelstart_id: a
        for a in Article.objects.filter(
            organization_id=version.organization_id, snelstart_id__in=ids
        )
    }
    return ExportSettings(
        version=version.version,
        work_article=_settings_article(version.work_article_code, version.work_article_id, known),
        travel_article=_settings_article(
            version.travel_article_code, version.travel_article_id, known
        ),
        fixed_article=_settings_article(
            version.fixed_article_code, version.fixed_article_id, known
        ),
        order_description=version.order_description,
        payment_reference=version.payment_reference,
        memo=version.memo,
        first_line_description=version.first_line_description,
        filter_word=version.send_filter_word,
        template_id=version.template_id,
        template_name=version.template_name,
        order_type=version.order_type,
        suffix=version.description_suffix,
    )
