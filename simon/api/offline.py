"""The field app's offline package: what a phone needs to work a few days without a connection.

One request instead of one per work order, customer and form: the monteur's open and planned
work orders of today and the next ``days`` days (earlier ones still open, and unplanned ones,
included), what they reported complete today, their customers, the forms they can fill in and
the articles to search. The phone stores it (IndexedDB) and refreshes it while online.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from simon.api.auth import caller
from simon.api.errors import responses
from simon.api.guards import work_orders_of
from simon.api.schemas import OfflinePackageOut
from simon.api.services import Caller
from simon.catalog.models import Article
from simon.customers.models import Customer
from simon.forms.models import FormTemplate
from simon.workorders.models import MaterialLine, WorkOrder, WorkOrderStatus
from simon.workorders.permissions import FIELD_EDITABLE

router = Router(tags=["veld-app"])

DEFAULT_DAYS = 7
MAX_DAYS = 14
MAX_WORK_ORDERS = 100
# A catalogue up to this size goes to the phone whole; a bigger one (SnelStart administrations
# hold 100,000 articles) as the articles the organization used lately.
ALL_ARTICLES_UP_TO = 1000
USED_ARTICLES = 300
USED_SINCE = timedelta(days=90)
RECENT_ARTICLES = 12


class PackageQuery(Schema):
    days: int = Field(
        DEFAULT_DAYS, ge=0, le=MAX_DAYS, description="Hoeveel dagen na vandaag (0-14)."
    )


@router.get(
    "/offline-package",
    response=responses({200: OfflinePackageOut}, 422),
    summary="Alles om zonder verbinding te werken",
)
def offline_package(request: HttpRequest, query: Query[PackageQuery]) -> dict[str, Any]:
    """Mijn werkbonnen van vandaag en de komende dagen met hun klanten, de formulieren en de
    artikelen om in te zoeken. De app bewaart dit en haalt het opnieuw op zolang er verbinding
    is."""
    who = caller(request)
    today = timezone.localdate()
    until = today + timedelta(days=query.days)
    orders = list(_work_orders(who, today, until)[:MAX_WORK_ORDERS])
    articles, complete = _articles(who, orders)
    customer_ids = {o.customer_id for o in orders if o.customer_id}
    return {
        "today": today,
        "until": until,
        "work_orders": orders,
        "customers": Customer.objects.filter(pk__in=customer_ids),
        "form_templates": _templates(who),
        "articles": articles,
        "all_articles": complete,
        "recent_articles": _recent_articles(who),
    }


def _work_orders(who: Caller, today: date, until: date) -> QuerySet[WorkOrder]:
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    still_to_do = Q(status__in=FIELD_EDITABLE) & (
        Q(planned_date__isnull=True) | Q(planned_date__lte=until)
    )
    done_today = Q(status=WorkOrderStatus.COMPLETED, completed_at__gte=start_of_today)
    return (
        work_orders_of(who)
        .filter(assignments__user=who.user)
        .filter(still_to_do | done_today)
        .order_by(
            F("planned_date").asc(nulls_last=True),
            F("planned_start").asc(nulls_last=True),
            "number",
            "id",
        )
    )


def _templates(who: Caller) -> QuerySet[FormTemplate]:
    return (
        FormTemplate.objects.for_org(who.organization)
        .visible()
        .prefetch_related("questions")
        .order_by("name", "id")
    )


def _articles(who: Caller, orders: list[WorkOrder]) -> tuple[list[Article], bool]:
    """All visible articles when there are few, else the lately used ones and those on the
    packaged orders (so each line can be shown and changed offline)."""
    visible = Article.objects.for_org(who.organization).visible().select_related("group")
    if visible.count() <= ALL_ARTICLES_UP_TO:
        return list(visible.order_by("article_code", "id")), True
    since = timezone.now() - USED_SINCE
    used = (
        MaterialLine.objects.filter(organization=who.organization, created__gte=since)
        .values("article_id")
        .annotate(uses=Count("id"))
        .order_by("-uses", "article_id")
        .values_list("article_id", flat=True)[:USED_ARTICLES]
    )
    on_orders = MaterialLine.objects.filter(work_order__in=orders).values_list(
        "article_id", flat=True
    )
    wanted = {*used, *on_orders, *_recent_article_ids(who)}
    return list(visible.filter(pk__in=wanted).order_by("article_code", "id")), False


def _recent_article_ids(who: Caller) -> list[int]:
    lines = (
        MaterialLine.objects.filter(organization=who.organization, created_by=who.user)
        .order_by("-created", "-id")
        .values_list("article_id", flat=True)[: RECENT_ARTICLES * 10]
    )
    return list(dict.fromkeys(lines))[:RECENT_ARTICLES]


def _recent_articles(who: Caller) -> list[Any]:
    """Codes of the articles I booked last, newest first (visible ones only)."""
    ids = _recent_article_ids(who)
    codes = dict(
        Article.objects.for_org(who.organization)
        .visible()
        .filter(pk__in=ids)
        .values_list("pk", "code")
    )
    return [codes[pk] for pk in ids if pk in codes]
