"""The export intent: recorded in the archive's transaction, handed to the job queue after it.

``record_intent`` listens to ``work_order_archived`` (sent inside the archive transaction), so
an archived work order without its intent cannot exist (S22). It pins the settings version in
force at that moment (S29) and decides, once, whether the order goes at all: not while the
integration is not running (S30), not when the description holds the filter word (S18).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from simon.lib.errors import DomainError
from simon.lib.later_text import later
from simon.snelstart_sync import configuration, integration_log
from simon.snelstart_sync.models import (
    Connection,
    ExportState,
    IntegrationSettings,
    SalesOrderExport,
    SkipReason,
    Table,
)
from simon.snelstart_sync.push import messages, readiness
from simon.snelstart_sync.push.facts import export_settings, work_order_facts
from simon.snelstart_sync.push.payload import is_filtered, marker_for
from simon.tenants.types import User
from simon.workorders.models import WorkOrder

log = logging.getLogger("simon.snelstart_sync.push")


class ResendRefused(DomainError):
    """'Opnieuw versturen' is not possible now; the message says why."""


def running_settings(organization_id: int) -> IntegrationSettings | None:
    """The settings version in force while the integration is on (running, or paused until
    'Koppel opnieuw': then orders wait); None when it is not."""
    connection = Connection.objects.filter(organization_id=organization_id).first()
    if connection is None or not connection.is_on:
        return None
    return configuration.current(connection.organization)


def archive_refusal(work_order: WorkOrder) -> str | None:
    """Why archiving would make an order SnelStart refuses (S7); None when it may be archived."""
    version = running_settings(work_order.organization_id)
    if version is None or is_filtered(work_order.description, version.send_filter_word):
        return None
    problems = readiness.problems(work_order_facts(work_order), export_settings(version))
    if not problems:
        return None
    return " ".join(f"{p.message} {p.action}" for p in problems)


def hand_off(export_id: int) -> None:
    """Give the export to the job queue. A lost hand-off (queue down, process killed) is no
    loss: the sweep finds every pending export that is overdue."""
    from simon.snelstart_sync import tasks

    try:
        tasks.send_export_task(export_id)
    except Exception:
        log.exception(
            "export %s: hand-off to the job queue failed; the sweep will send it", export_id
        )


def record_intent(work_order: WorkOrder, by: User | None = None) -> SalesOrderExport | None:
    """Called inside the archive transaction. None when the organization has no integration."""
    connection = Connection.objects.filter(organization_id=work_order.organization_id).first()
    if connection is None or SalesOrderExport.objects.filter(work_order=work_order).exists():
        return None
    version = configuration.current(connection.organization) if connection.is_on else None
    export = SalesOrderExport(
        organization_id=work_order.organization_id,
        work_order=work_order,
        settings_version=version,
        marker=marker_for(work_order.number, work_order.code),
        created_by=by if getattr(by, "pk", None) else None,
    )
    if version is None:
        export.state, export.skip_reason = ExportState.SKIPPED, SkipReason.NOT_ACTIVE
        export.save()
        messages.skipped_not_active(work_order)
    elif is_filtered(work_order.description, version.send_filter_word):
        export.state, export.skip_reason = ExportState.SKIPPED, SkipReason.FILTER_WORD
        export.save()
        messages.skipped_filter_word(work_order, version.send_filter_word)
    else:
        export.state, export.next_attempt_at = ExportState.PENDING, timezone.now()
        export.save()
        transaction.on_commit(lambda: hand_off(export.pk))
    return export


def on_archived(sender: Any, work_order: WorkOrder, by: User | None = None, **kwargs: Any) -> None:
    record_intent(work_order, by)


def can_resend(export: SalesOrderExport) -> bool:
    return export.state == ExportState.FAILED or (
        export.state == ExportState.SKIPPED and export.skip_reason == SkipReason.NOT_ACTIVE
    )


def resend(export: SalesOrderExport, *, by: User | None) -> SalesOrderExport:
    """'Opnieuw versturen' after the office fixed the cause (S22), or 'Alsnog versturen' of a
    work order archived while the integration was not active. Uses the settings in force now:
    the page shows exactly that order before the button is pressed."""
    if not can_resend(export):
        raise ResendRefused(
            later(gettext_noop("Deze werkbon wordt al verstuurd of staat al in SnelStart."))
        )
    version = running_settings(export.organization_id)
    if version is None:
        raise ResendRefused(
            later(
                gettext_noop(
                    "De koppeling met SnelStart is niet actief; activeer de integratie eerst."
                )
            )
        )
    # Read again: the office may just have corrected the customer or an article.
    work_order = WorkOrder.objects.select_related("customer", "work_address", "organization").get(
        pk=export.work_order_id
    )
    problems = readiness.problems(work_order_facts(work_order), export_settings(version))
    if problems:
        raise ResendRefused(" ".join(f"{p.message} {p.action}" for p in problems))
    with transaction.atomic():
        moved = SalesOrderExport.objects.filter(pk=export.pk, state=export.state).update(
            state=ExportState.PENDING,
            skip_reason="",
            settings_version=version,
            next_attempt_at=timezone.now(),
            failures_in_a_row=0,
            problem="",
            action="",
            texts={},
        )
        if moved != 1:
            raise ResendRefused(
                later(gettext_noop("Deze werkbon wordt al verstuurd of staat al in SnelStart."))
            )
        integration_log.resolve(
            work_order.organization, table=Table.WORK_ORDER, record_code=work_order.code
        )
        name = (by.get_full_name() or by.get_username()) if by is not None else "Simon"
        messages.resent(work_order, name)
        transaction.on_commit(lambda: hand_off(export.pk))
    export.refresh_from_db()
    return export
