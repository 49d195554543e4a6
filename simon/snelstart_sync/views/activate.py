"""'Wissen Simon data' and 'Koppel' with 'Check in SnelStart' (manual 4.3, S27)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from simon.snelstart_sync import activation, keycheck, lifecycle, wipe
from simon.snelstart_sync.forms import KeyForm, WipeForm
from simon.snelstart_sync.models import Connection, State
from simon.snelstart_sync.views.common import connection_for_user, step_context, wrong_step
from simon.tenants.scoping import admin_required
from simon.tenants.types import MemberRequest


@admin_required
@require_http_methods(["GET", "POST"])
def wipe_data(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    """Show the parts and their counts; a first POST asks for confirmation, the second wipes."""
    connection = connection_for_user(request, code)
    if not lifecycle.screen_allowed("wipe", connection.state):
        return wrong_step(request, connection)
    all_parts, free = activation.wipe_parts_for(connection)
    counts = wipe.counts(connection.organization)
    form = WipeForm(request.POST if request.method == "POST" else None)
    context = {**step_context(connection, "wipe"), "free": free, "form": form}
    if request.method == "GET" or not form.is_valid():
        return render(request, "snelstart_sync/wipe.html", {**context, "counts": counts})
    chosen = form.cleaned_data["parts"] if free else all_parts
    if not form.cleaned_data["confirmed"]:
        chosen_counts = [c for c in counts if c.part in chosen]
        return render(
            request,
            "snelstart_sync/wipe_confirm.html",
            {**context, "chosen": chosen, "counts": chosen_counts},
        )
    try:
        activation.wipe_and_continue(connection, chosen)
    except activation.ActivationError as exc:
        messages.error(request, exc.message)
        return redirect("snelstart_sync:wipe", connection.code)
    messages.success(request, _("De Simon-data is gewist. Koppel nu Simon met SnelStart."))
    return redirect("snelstart_sync:connect", connection.code)


@sensitive_post_parameters("koppelsleutel")
@admin_required
@require_http_methods(["GET", "POST"])
def connect(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    """'Koppel': the key is checked with SnelStart and only then stored, encrypted."""
    connection = connection_for_user(request, code)
    if not lifecycle.screen_allowed("connect", connection.state):
        return wrong_step(request, connection)
    form = KeyForm(request.POST if request.method == "POST" else None)
    context = {**step_context(connection, "connect"), "form": form}
    if request.method == "GET" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "snelstart_sync/connect.html", context, status=status)
    result = keycheck.check_key(form.cleaned_data["koppelsleutel"])
    if not result.ok:
        context.update(refusal=result.message, form=KeyForm())
        return render(request, "snelstart_sync/connect.html", context, status=400)
    if connection.state == State.PAUSED:
        return _reconnect(request, connection, form.cleaned_data["koppelsleutel"], result)
    try:
        activation.store_key(
            connection,
            form.cleaned_data["koppelsleutel"],
            result.administration_id,  # type: ignore[arg-type]
            result.administration_name,
        )
    except activation.ActivationError as exc:
        messages.error(request, exc.message)
        return redirect("snelstart_sync:connect", connection.code)
    messages.success(
        request,
        _("Check in SnelStart gelukt: Simon is gekoppeld met de administratie '%(name)s'.")
        % {"name": result.administration_name},
    )
    return redirect("snelstart_sync:settings", connection.code)


def _reconnect(
    request: HttpRequest, connection: Connection, key: str, result: keycheck.KeyCheck
) -> HttpResponse:
    """'Koppel opnieuw' of a paused integration: same administration, no wipe, no settings."""
    try:
        activation.reconnect(
            connection,
            key,
            result.administration_id,  # type: ignore[arg-type]
            result.administration_name,
        )
    except activation.ActivationError as exc:
        context = {
            **step_context(connection, "connect"),
            "form": KeyForm(),
            "refusal": exc.message,
        }
        return render(request, "snelstart_sync/connect.html", context, status=400)
    messages.success(
        request,
        _(
            "Opnieuw gekoppeld met '%(name)s'. Simon synchroniseert weer en verstuurt de "
            "werkbonnen die wachtten."
        )
        % {"name": result.administration_name},
    )
    return redirect("snelstart_sync:overview", connection.code)
