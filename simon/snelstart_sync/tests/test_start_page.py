"""What the integration puts on the office's 'Overzicht' (issue 14 item 13)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from simon.snelstart_sync import integration_log
from simon.snelstart_sync.models import ExportState, Kind, SalesOrderExport, State, Table
from simon.snelstart_sync.tests.screens import bare_connection
from simon.workorders import services
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db

START = reverse("workorders:start")


def cards(client) -> list[str]:
    html = client.get(START).content.decode()
    found = re.findall(
        r'<div class="card attention-card[^"]*" data-testid="aandacht">.*?</div>', html, re.S
    )
    return [text(card) for card in found]


def export(org, by, state: ExportState, age: timedelta = timedelta(0)) -> SalesOrderExport:
    work_order = services.create_work_order(org, by=by, description="x")
    made = SalesOrderExport.objects.create(
        organization=org, work_order=work_order, state=state, marker=f"m{work_order.pk}"
    )
    SalesOrderExport.objects.filter(pk=made.pk).update(created=timezone.now() - age)
    return made


def test_without_the_integration_the_beheerder_is_invited_and_the_office_is_not(
    alice_client, karin_client
):
    [invitation] = cards(alice_client)
    assert invitation.startswith("Koppel Simon met SnelStart Pluk de voordelen")
    assert reverse("snelstart_sync:integrations") in alice_client.get(START).content.decode()
    assert cards(karin_client) == []


def test_a_running_integration_without_problems_says_nothing(alice_client, org_a):
    bare_connection(org_a, State.ACTIVE)
    assert cards(alice_client) == []


def test_failed_and_late_work_orders_link_to_the_list_that_shows_them(karin_client, org_a, karin):
    bare_connection(org_a, State.ACTIVE)
    export(org_a, karin, ExportState.FAILED)
    export(org_a, karin, ExportState.FAILED)
    export(org_a, karin, ExportState.PENDING, age=timedelta(minutes=30))
    export(org_a, karin, ExportState.PENDING)  # just archived: on its way, nothing to say

    failed, late = cards(karin_client)
    assert failed.startswith("Niet naar SnelStart verstuurd 2 2 gearchiveerde werkbonnen")
    assert late.startswith("Wacht op SnelStart 1 1 werkbon wacht al langer dan 10 minuten")
    assert "?export=niet-verstuurd" in karin_client.get(START).content.decode()


def test_a_paused_koppeling_tells_the_beheerder_how_to_get_back_and_the_office_what_it_means(
    alice_client, karin_client, org_a, karin
):
    connection = bare_connection(org_a, State.PAUSED)
    connection.pause_reason = "SnelStart accepteert de koppelsleutel niet (meer)."
    connection.save()
    export(org_a, karin, ExportState.PENDING, age=timedelta(hours=1))

    [paused] = cards(alice_client)  # waiting work orders are part of the pause, not a 2nd card
    assert paused.startswith("De koppeling met SnelStart is gepauzeerd SnelStart accepteert")
    assert paused.endswith("Koppel opnieuw")
    [office] = cards(karin_client)
    assert "tot de beheerder opnieuw koppelt" in office


def test_open_warnings_are_for_the_beheerder(alice_client, karin_client, org_a):
    bare_connection(org_a, State.ACTIVE)
    integration_log.record(org_a, kind=Kind.WARNING, table=Table.CUSTOMER, message="Let op.")
    integration_log.record(org_a, kind=Kind.INFO, table=Table.CUSTOMER, message="Gewoon info.")

    [warnings] = cards(alice_client)
    assert warnings.startswith("Meldingen van de integratie 1 1 waarschuwing of foutmelding")
    assert cards(karin_client) == []


def test_another_tenants_problems_stay_there(charlie_client, org_a, karin):
    bare_connection(org_a, State.PAUSED)
    export(org_a, karin, ExportState.FAILED)
    page = charlie_client.get(START).content.decode()
    assert "gepauzeerd" not in page and "Niet naar SnelStart verstuurd" not in page
