"""'Integraties', 'Activeer integratie' and SnelStart's 'Start activatie' (manual 4.1, 4.2)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from simon.snelstart_sync import activation, lifecycle
from simon.snelstart_sync.models import State
from simon.snelstart_sync.views.common import (
    organization_connection,
    status_label,
    step_context,
    step_url,
)
from simon.tenants.scoping import admin_required
from simon.tenants.types import MemberRequest


def _tile(request: MemberRequest) -> dict[str, object]:
    connection = organization_connection(request)
    if connection is None or lifecycle.screen_allowed("start", connection.state):
        href = reverse("snelstart_sync:start")
    else:
        href = step_url(connection)
    return {
        "connection": connection,
        "status": status_label(connection),
        "href": href,
        "running": connection is not None and connection.is_running,
        "midway": connection is not None
        and lifecycle.NEXT_SCREEN[State(connection.state)] in ("connect", "settings"),
    }


@admin_required
@require_http_methods(["GET"])
def integrations(request: MemberRequest) -> HttpResponse:
    return render(request, "snelstart_sync/integrations.html", {"snelstart": _tile(request)})


@admin_required
@require_http_methods(["GET"])
def catalogue(request: MemberRequest) -> HttpResponse:
    return render(request, "snelstart_sync/catalogue.html", {"snelstart": _tile(request)})


@admin_required
@require_http_methods(["GET", "POST"])
def start(request: MemberRequest) -> HttpResponse:
    """The explanation with the green 'Start activatie' button; POST begins (or resumes)."""
    connection = organization_connection(request)
    resumable = connection is not None and not lifecycle.screen_allowed("start", connection.state)
    if resumable:
        assert connection is not None
        return redirect(step_url(connection))
    if request.method == "POST":
        connection = activation.connection_of(request.organization)
        return redirect("snelstart_sync:wipe", connection.code)
    return render(request, "snelstart_sync/start.html", step_context(connection, "start"))


@admin_required
@require_http_methods(["GET"])
def terms(request: MemberRequest) -> HttpResponse:
    """The terms the settings ask the beheerder to accept (manual 5.1)."""
    return render(request, "snelstart_sync/terms.html")
