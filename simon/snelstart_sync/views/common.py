"""What every screen of the integration shares: the scoped connection and the step routing."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simon.snelstart_sync import lifecycle
from simon.snelstart_sync.models import Connection, State
from simon.tenants.scoping import get_for_request
from simon.tenants.types import MemberRequest

# The steps of the activation as the manual names them, for the step indicator.
STEPS = [
    ("start", gettext_lazy("Start activatie")),
    ("wipe", gettext_lazy("Wissen Simon data")),
    ("connect", gettext_lazy("Koppel")),
    ("settings", gettext_lazy("Instellingen")),
    ("overview", gettext_lazy("Eerste import")),
]


def connection_for_user(request: HttpRequest, code: uuid.UUID) -> Connection:
    """The connection with this code in the user's organization; 404 for anyone else's."""
    return get_for_request(Connection.objects.select_related("organization"), request, code)


def organization_connection(request: MemberRequest) -> Connection | None:
    return (
        Connection.objects.select_related("organization")
        .filter(organization=request.organization)
        .first()
    )


def step_url(connection: Connection) -> str:
    name = lifecycle.NEXT_SCREEN[State(connection.state)]
    if name == "start":
        return reverse("snelstart_sync:start")
    return reverse(f"snelstart_sync:{name}", args=[connection.code])


def wrong_step(request: HttpRequest, connection: Connection) -> HttpResponse:
    """A screen opened in a state where it does not apply: go to the step that does."""
    messages.info(
        request,
        _("Die stap hoort niet bij de status '%(state)s'; je gaat verder bij de juiste stap.")
        % {"state": connection.get_state_display()},
    )
    return redirect(step_url(connection))


def status_label(connection: Connection | None) -> str:
    """The tile's word: the manual's 'Inzetbaar' until it runs, then 'Actief'."""
    if connection is None:
        return str(lifecycle.LABELS[State.INACTIVE])
    return str(lifecycle.LABELS[State(connection.state)])


def step_context(connection: Connection | None, step: str) -> dict[str, object]:
    """What the step indicator of the activation screens needs."""
    return {"connection": connection, "step": step, "steps": STEPS}
