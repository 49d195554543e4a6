"""'Instellingen' with 'Controleer' per setting, and 'Opslaan' (S28, S29, manual 5 and 6).

'Opslaan' is refused unless every setting passed its check with exactly the value posted and
the terms are accepted; the button's state in the browser is only a convenience.
"""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from simon.snelstart_sync import activation, checks, configuration, lifecycle, tasks, ticks
from simon.snelstart_sync.connection import NotConnected, client_for
from simon.snelstart_sync.crypto import CredentialUnreadable
from simon.snelstart_sync.forms import SETTING_NAMES, SettingsForm, initial_from
from simon.snelstart_sync.models import Connection, IntegrationSettings, State
from simon.snelstart_sync.views.common import connection_for_user, step_context, wrong_step
from simon.tenants.scoping import admin_required
from simon.tenants.types import MemberRequest
from snelstart import SnelStartError, odata

ADMINISTRATION = "administration"
CHECKED = [ADMINISTRATION, *SETTING_NAMES]
# The SnelStart id stored beside each code or name that a check resolved.
RESOLVED_IDS = {
    "travel_article_code": "travel_article_id",
    "work_article_code": "work_article_id",
    "fixed_article_code": "fixed_article_id",
    "template_name": "template_id",
}


def _label(name: str) -> str:
    if name == ADMINISTRATION:
        return str(gettext_lazy("Administratie"))
    return str(SettingsForm.base_fields[name].label)


def _templates(connection: Connection) -> tuple[list[str], str]:
    """SnelStart's active templates for the choice, or why they could not be read."""
    try:
        with client_for(connection) as client:
            found = client.verkoopordersjablonen.list()
    except (SnelStartError, NotConnected, CredentialUnreadable):
        return [], _("De sjablonen konden niet uit SnelStart worden gelezen; probeer het later.")
    return [t.omschrijving for t in found if t.omschrijving and not t.nonactief], ""


def _values(form: SettingsForm, saved: IntegrationSettings | None) -> dict[str, Any] | None:
    """The normalized value of every setting as the form stands, or None when it is invalid."""
    if form.is_bound:
        return form.settings_values() if form.is_valid() else None
    source = saved or IntegrationSettings()
    return {name: getattr(source, name) for name in SETTING_NAMES}


def _with_administration(connection: Connection, values: dict[str, Any]) -> dict[str, Any]:
    return {ADMINISTRATION: str(connection.administration_id or ""), **values}


def _render(
    request: HttpRequest,
    connection: Connection,
    form: SettingsForm,
    status: int = 200,
    refusal: str = "",
) -> HttpResponse:
    saved = configuration.current(connection.organization)
    templates, templates_problem = _templates(connection)
    form.set_templates(templates)
    form.offer_article_search(reverse("snelstart_sync:article_search", args=[connection.code]))
    values = _values(form, saved)
    rows = []
    for name in CHECKED:
        passed = values is not None and ticks.passed(
            request.session, connection, name, _with_administration(connection, values)[name]
        )
        field = form[name] if name != ADMINISTRATION else None
        rows.append({"name": name, "label": _label(name), "field": field, "passed": passed})
    context = {
        **step_context(connection, "settings"),
        "form": form,
        "rows": rows,
        "saved": saved,
        "changing": connection.state != State.CONNECTED,
        "templates_problem": templates_problem,
        "refusal": refusal,
        "all_passed": all(row["passed"] for row in rows),
    }
    return render(request, "snelstart_sync/settings.html", context, status=status)


@admin_required
@require_http_methods(["GET", "POST"])
def settings_page(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    connection = connection_for_user(request, code)
    if not lifecycle.screen_allowed("settings", connection.state):
        return wrong_step(request, connection)
    if request.method == "GET":
        saved = configuration.current(connection.organization)
        return _render(request, connection, SettingsForm(initial=initial_from(saved)))
    form = SettingsForm(request.POST)
    if not form.is_valid():
        return _render(request, connection, form, status=400)
    values = form.settings_values()
    unchecked = [
        _label(name)
        for name, value in _with_administration(connection, values).items()
        if not ticks.passed(request.session, connection, name, value)
    ]
    if unchecked:
        refusal = _(
            "Opslaan kan pas als elke instelling met de huidige waarde is gecontroleerd. Nog "
            "niet (opnieuw) gecontroleerd: %(names)s."
        ) % {"names": ", ".join(unchecked)}
        return _render(request, connection, form, 400, refusal)
    if not form.cleaned_data["terms"]:
        refusal = _("Ga eerst akkoord met de algemene voorwaarden van de integratie.")
        return _render(request, connection, form, 400, refusal)
    return _save(request, connection, values)


def _save(request: MemberRequest, connection: Connection, values: dict[str, Any]) -> HttpResponse:
    found = ticks.resolved(request.session, connection)
    for source, target in RESOLVED_IDS.items():
        values[target] = found.get(target) if values[source] else None
    organization = connection.organization
    first = connection.state == State.CONNECTED
    try:
        with transaction.atomic():
            saved = configuration.save_version(organization, by=request.user, values=values)
            activation.accept_terms(connection, request.user)
            if first:
                activation.start_running(connection)
            # The first import (or the next sync under the new settings) starts after commit.
            transaction.on_commit(partial(tasks.sync_organization_task, organization.pk))
    except activation.ActivationError as exc:
        messages.error(request, exc.message)
        return redirect("snelstart_sync:settings", connection.code)
    ticks.clear(request.session, connection)
    if first:
        messages.success(
            request,
            _(
                "De instellingen zijn opgeslagen en de integratie is gestart. Simon haalt nu je "
                "klanten en artikelen op uit SnelStart."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "Instellingen opgeslagen als versie %(version)d. Ze gelden vanaf nu "
                "(%(moment)s), niet met terugwerkende kracht."
            )
            % {
                "version": saved.version,
                "moment": timezone.localtime(saved.created).strftime("%d-%m-%Y %H:%M"),
            },
        )
    return redirect("snelstart_sync:overview", connection.code)


def _check_and_tick(
    request: HttpRequest, connection: Connection, names: list[str]
) -> dict[str, checks.CheckResult]:
    """Check the posted values of these settings and tick (or untick) each in the session."""
    if not lifecycle.screen_allowed("settings", connection.state):
        return {name: checks.failed(_("Koppel eerst Simon met SnelStart.")) for name in names}
    values: dict[str, Any] = {}
    results: dict[str, checks.CheckResult] = {}
    for name in names:
        try:
            values[name] = _posted_value(connection, name, request)
        except ValidationError as exc:
            results[name] = checks.failed(" ".join(exc.messages))
    results.update(checks.run_checks(connection, values))
    for name, result in results.items():
        if result.ok:
            ticks.record(request.session, connection, name, values[name], result.resolved)
        else:
            ticks.forget(request.session, connection, name)
    return {name: results[name] for name in names}


@admin_required
@require_POST
def check(request: MemberRequest, code: uuid.UUID, name: str) -> HttpResponse:
    """'Controleer' (htmx): checks the posted value of one setting and ticks it when it passes."""
    connection = connection_for_user(request, code)
    if name not in CHECKED:
        raise Http404
    result = _check_and_tick(request, connection, [name])[name]
    return render(request, "snelstart_sync/_check.html", {"name": name, "result": result})


@admin_required
@require_POST
def check_all(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    """'Alles controleren' (htmx): every 'Controleer' at once, with one SnelStart client and one
    session write (parallel requests would each save the session and lose each other's ticks).
    Answers one out-of-band fragment per setting."""
    connection = connection_for_user(request, code)
    results = _check_and_tick(request, connection, CHECKED)
    fragments = [
        render(
            request,
            "snelstart_sync/_check.html",
            {"name": name, "result": result, "oob": True},
        ).content.decode()
        for name, result in results.items()
    ]
    return HttpResponse("".join(fragments))


def _posted_value(connection: Connection, name: str, request: HttpRequest) -> Any:
    if name == ADMINISTRATION:
        return str(connection.administration_id or "")
    return SettingsForm.clean_one(name, request.POST)


# At most this many articles per answer of the picker; typing more narrows them down.
PICKER_LIMIT = 20


@admin_required
@require_http_methods(["GET"])
def article_search(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    """The article code fields' picker: SnelStart's active articles whose code starts with, or
    whose description contains, what was typed. Asked of SnelStart itself, because before the
    first import Simon holds no articles yet; the 'Controleer' of the field still decides."""
    connection = connection_for_user(request, code)
    typed = next((request.GET[n] for n in RESOLVED_IDS if n in request.GET), "").strip()
    if not lifecycle.screen_allowed("settings", connection.state) or not 2 <= len(typed) <= 50:
        return render(request, "snelstart_sync/_article_options.html", {"articles": []})
    # SnelStart may compare case-sensitively (the emulator does): codes are mostly capitals,
    # descriptions start with one.
    wanted = odata.and_(
        odata.or_(
            odata.startswith("Artikelcode", typed),
            odata.startswith("Artikelcode", typed.upper()),
            odata.contains("Omschrijving", typed),
            odata.contains("Omschrijving", typed[:1].upper() + typed[1:]),
        ),
        odata.eq("IsNonActief", False),
    )
    try:
        with client_for(connection) as client:
            found = client.artikelen.page(0, PICKER_LIMIT, wanted)
    except (SnelStartError, NotConnected, CredentialUnreadable):
        found = []
    return render(request, "snelstart_sync/_article_options.html", {"articles": found})
