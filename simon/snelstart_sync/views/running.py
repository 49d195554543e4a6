"""The integration once set up: status, first import progress, sync and clean-up on demand,
'Deactiveren' (S28, S30, S31; manual 5.14, 5.15, 9)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from simon.snelstart_sync import activation, configuration, health, lifecycle, tasks
from simon.snelstart_sync.models import Connection, LogMessage, State, Table
from simon.snelstart_sync.views.common import (
    connection_for_user,
    status_label,
    step_context,
    wrong_step,
)
from simon.tenants.scoping import admin_required
from simon.tenants.types import MemberRequest


def _progress_context(connection: Connection) -> dict[str, object]:
    problem = None
    if connection.consecutive_failures:
        # The newest connection message explains why the import does not move on.
        problem = (
            LogMessage.objects.filter(
                organization=connection.organization, table=Table.INTEGRATION, resolved=False
            )
            .order_by("-last_seen")
            .first()
        )
    return {
        "connection": connection,
        "streams": health.import_progress(connection.organization_id),
        "importing": connection.state == State.CONFIGURED,
        "problem": problem,
        "status": status_label(connection),
    }


@admin_required
@require_http_methods(["GET"])
def overview(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    connection = connection_for_user(request, code)
    if not lifecycle.screen_allowed("overview", connection.state):
        return wrong_step(request, connection)
    context = {
        **_progress_context(connection),
        **step_context(connection, "overview"),
        "saved": configuration.current(connection.organization),
    }
    return render(request, "snelstart_sync/overview.html", context)


@admin_required
@require_http_methods(["GET"])
def progress(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    """The htmx fragment polled every 2 s. When the import is done the whole page reloads
    once: its other panel (status, last sync) changes too, not only this fragment."""
    connection = connection_for_user(request, code)
    if getattr(request, "htmx", False) and connection.state != State.CONFIGURED:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "snelstart_sync/_progress.html", _progress_context(connection))


def _enqueue(
    request: HttpRequest,
    code: uuid.UUID,
    task: Callable[[int], object],
    done: str,
) -> HttpResponse:
    connection = connection_for_user(request, code)
    if not lifecycle.screen_allowed("sync_now", connection.state):
        messages.error(request, _("De integratie is niet actief; er is niets ingepland."))
        return redirect("snelstart_sync:overview", connection.code)
    transaction.on_commit(partial(task, connection.organization_id))
    messages.success(request, done)
    return redirect("snelstart_sync:overview", connection.code)


@admin_required
@require_POST
def sync_now(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    return _enqueue(
        request,
        code,
        tasks.sync_organization_task,
        _("De synchronisatie is gestart; nieuwe en gewijzigde gegevens verschijnen zo in Simon."),
    )


@admin_required
@require_POST
def cleanup_now(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    return _enqueue(
        request,
        code,
        tasks.cleanup_organization_task,
        _("Opschonen is gestart; het resultaat verschijnt bij 'Logging'."),
    )


@admin_required
@require_http_methods(["GET", "POST"])
def deactivate(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    """'Deactiveren' asks the manual's question first (9.1); then nothing is pulled or pushed."""
    connection = connection_for_user(request, code)
    if not lifecycle.screen_allowed("deactivate", connection.state):
        return wrong_step(request, connection)
    if request.method == "GET":
        return render(request, "snelstart_sync/deactivate.html", {"connection": connection})
    try:
        activation.deactivate(connection)
    except activation.ActivationError as exc:
        messages.error(request, exc.message)
        return redirect("snelstart_sync:overview", connection.code)
    messages.success(
        request,
        _("De integratie met SnelStart is gedeactiveerd. Je kunt haar later opnieuw activeren."),
    )
    return redirect("snelstart_sync:integrations")
