"""Helpers of the screen tests: connections in a given state, settings as a user posts them."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from simon.snelstart_sync import crypto
from simon.snelstart_sync.models import Connection, State
from simon.tenants.models import Organization
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer

# Values that pass every check against a demo administration of the emulator.
GOOD_SETTINGS: dict[str, str] = {
    "travel_article_code": "REISTIJD",
    "work_article_code": "ARBEID",
    "article_groups": "Arbeid\nMaterialen",
    "fixed_article_code": "VOORRIJ",
    "order_description": "werkomschrijving",
    "payment_reference": "werkbonnummer",
    "memo": "werkadres",
    "first_line_description": "ja",
    "send_filter_word": "Garantie",
    "template_name": "Werkbon",
    "order_type": "werkbon",
    "pull_orders": "nee",
    "pull_filter_word": "",
    "pull_with_lines": "ja",
    "pull_description": "omschrijving",
    "description_suffix": "XXX",
}
CHECKED = ["administration", *GOOD_SETTINGS]


def bare_connection(organization: Organization, state: State = State.INACTIVE) -> Connection:
    """A connection without SnelStart behind it, for screens that do not call SnelStart."""
    return Connection.objects.create(
        organization=organization,
        state=state,
        ever_activated=state not in (State.INACTIVE,),
        administration_name="Administratie zonder server",
    )


def linked_connection(
    organization: Organization,
    emulator: EmulatorServer,
    state: State,
    *,
    ever_activated: bool = False,
    **spec: Any,
) -> tuple[Connection, AdministrationInfo]:
    """A connection whose stored key opens a fresh demo administration of the emulator."""
    admin = emulator.create_administration(
        **{"customers": 5, "articles": 10, "orders": 0, "name": "Installatiebedrijf Jansen", **spec}
    )
    connection = Connection.objects.create(
        organization=organization,
        state=state,
        client_key_encrypted=crypto.encrypt(admin.client_key),
        client_key_hint=crypto.hint(admin.client_key),
        administration_id=admin.administration_id,
        administration_name=admin.name,
        connected_at=timezone.now(),
        ever_activated=ever_activated,
    )
    return connection, admin


def url(name: str, connection: Connection | None = None, *args: Any) -> str:
    if connection is None:
        return reverse(f"snelstart_sync:{name}", args=args)
    return reverse(f"snelstart_sync:{name}", args=[connection.code, *args])


def check(client: Client, connection: Connection, name: str, value: str | None = None) -> str:
    """Press 'Controleer' for one setting, as htmx does; returns the fragment."""
    data = {} if name == "administration" else {name: value if value is not None else ""}
    response = client.post(url("check", connection, name), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.content
    return response.content.decode()


def check_all(client: Client, connection: Connection, values: dict[str, str]) -> None:
    for name in CHECKED:
        fragment = check(client, connection, name, values.get(name))
        assert "data-passed" in fragment, (name, fragment)


def save(client: Client, connection: Connection, values: dict[str, str], terms: bool = True) -> Any:
    data = dict(values)
    if terms:
        data["terms"] = "on"
    return client.post(url("settings", connection), data)
