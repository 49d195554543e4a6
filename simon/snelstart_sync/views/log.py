"""'Logging' (S32, S33, B3, manual 8) and the operators' 'Technisch logboek'."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.db.models import DurationField, ExpressionWrapper, F, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from simon.catalog.models import Article
from simon.customers.models import Customer, WorkAddress
from simon.snelstart_sync import health
from simon.snelstart_sync.forms import LogFilterForm
from simon.snelstart_sync.models import LogMessage, SyncRun, Table
from simon.snelstart_sync.views.common import connection_for_user
from simon.tenants.models import Organization
from simon.tenants.scoping import admin_required
from simon.tenants.types import MemberRequest
from simon.workorders.models import WorkOrder

PER_PAGE = 50


@dataclass
class LogRow:
    message: LogMessage
    # Which detail page the 'Tabel' cell links to ("customer", "article", "workorder") and the
    # code in its URL; empty when the record is gone or has no page of its own.
    link_kind: str = ""
    link_code: str = ""


def _filtered(organization: Organization, form: LogFilterForm) -> QuerySet[LogMessage]:
    messages = LogMessage.objects.filter(organization=organization).order_by("-last_seen", "-id")
    if not form.is_valid():
        return messages
    if form.cleaned_data["soort"]:
        messages = messages.filter(kind=form.cleaned_data["soort"])
    if form.cleaned_data["tabel"]:
        messages = messages.filter(table=form.cleaned_data["tabel"])
    text = form.cleaned_data["zoek"].strip()
    if text:
        messages = messages.filter(
            Q(message__icontains=text) | Q(action__icontains=text) | Q(record_label__icontains=text)
        )
    return messages


def _codes(queryset: QuerySet[Any], wanted: set[uuid.UUID]) -> set[uuid.UUID]:
    return set(queryset.filter(code__in=wanted).values_list("code", flat=True)) if wanted else set()


def _rows(organization: Organization, page: list[LogMessage]) -> list[LogRow]:
    """Link each message to its record, looked up per table in one query, in this tenant only."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for message in page:
        if message.record_code:
            wanted.setdefault(message.table, set()).add(message.record_code)

    def existing(model: type[models.Model], table: str) -> set[uuid.UUID]:
        return _codes(
            model._default_manager.filter(organization=organization), wanted.get(table, set())
        )

    customers = existing(Customer, Table.CUSTOMER)
    articles = existing(Article, Table.ARTICLE)
    orders = existing(WorkOrder, Table.WORK_ORDER)
    address_owner = dict(
        WorkAddress.objects.filter(
            organization=organization, code__in=wanted.get(Table.WORK_ADDRESS, set())
        ).values_list("code", "customer__code")
    )
    rows = []
    for message in page:
        code = message.record_code
        row = LogRow(message)
        if code is None:
            pass
        elif message.table == Table.CUSTOMER and code in customers:
            row.link_kind, row.link_code = "customer", str(code)
        elif message.table == Table.WORK_ADDRESS and code in address_owner:
            row.link_kind, row.link_code = "customer", str(address_owner[code])
        elif message.table == Table.ARTICLE and code in articles:
            row.link_kind, row.link_code = "article", str(code)
        elif message.table == Table.WORK_ORDER and code in orders:
            row.link_kind, row.link_code = "workorder", str(code)
        rows.append(row)
    return rows


@admin_required
@require_http_methods(["GET"])
def logging_page(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    connection = connection_for_user(request, code)
    organization = connection.organization
    form = LogFilterForm(request.GET or None)
    page = Paginator(_filtered(organization, form), PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "connection": connection,
        "tab": "logging",
        "form": form,
        "page": page,
        "rows": _rows(organization, list(page.object_list)),
        "filtered": form.is_bound and any(form.data.get(k) for k in ("soort", "tabel", "zoek")),
        "marks": health.highest_modified(organization.pk),
        "health": health.health(connection),
    }
    return render(request, "snelstart_sync/logging.html", context)


@admin_required
@require_http_methods(["GET"])
def technical_log(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    connection = connection_for_user(request, code)
    runs = (
        SyncRun.objects.filter(organization=connection.organization)
        .annotate(
            duration=ExpressionWrapper(
                F("finished_at") - F("started_at"), output_field=DurationField()
            )
        )
        .order_by("-started_at")
    )
    page = Paginator(runs, PER_PAGE).get_page(request.GET.get("pagina"))
    context = {"connection": connection, "tab": "technical", "page": page}
    return render(request, "snelstart_sync/technical_log.html", context)
