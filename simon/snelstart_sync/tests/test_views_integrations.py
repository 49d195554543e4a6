"""'Integraties' → 'Activeer integratie' → SnelStart 'Inzetbaar' → 'Start activatie' (S27)."""

from __future__ import annotations

import pytest
from django.test import Client

from simon.snelstart_sync.models import Connection, State
from simon.snelstart_sync.tests.screens import bare_connection, url

pytestmark = pytest.mark.django_db

PAGES = ["integrations", "catalogue", "start", "terms"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_users_are_sent_to_the_login(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/integraties/")


@pytest.mark.parametrize("name", PAGES)
def test_office_and_field_users_are_refused(karin_client, bob_client, name):
    assert karin_client.get(url(name)).status_code == 403
    assert bob_client.get(url(name)).status_code == 403
    assert bob_client.post(url("start")).status_code == 403
    assert not Connection.objects.exists()


def test_the_tile_says_inzetbaar_before_activation(alice_client):
    page = alice_client.get(url("integrations")).content.decode()
    assert "SnelStart" in page
    assert 'status-inactive">Inzetbaar</span>' in page
    assert 'href="/integraties/activeer/">Activeer integratie</a>' in page


def test_activeer_integratie_offers_snelstart_as_inzetbaar(alice_client):
    page = alice_client.get(url("catalogue")).content.decode()
    assert f'href="{url("start")}">Inzetbaar</a>' in page


def test_the_start_page_explains_the_integration_with_a_green_button(alice_client):
    page = alice_client.get(url("start")).content.decode()
    assert "SnelStart is leidend voor klanten en artikelen" in page
    assert "gearchiveerde werkbon gaat als verkooporder naar SnelStart" in page
    assert "'Wissen Simon data'" in page
    assert "koppelsleutel" in page
    assert '<button type="submit" class="go">Start activatie</button>' in page
    assert not Connection.objects.exists()  # looking is free


def test_start_activatie_creates_the_connection_and_goes_to_the_wipe(alice_client, org_a):
    response = alice_client.post(url("start"))
    connection = Connection.objects.get(organization=org_a)
    assert connection.state == State.INACTIVE
    assert response.status_code == 302
    assert response["Location"] == url("wipe", connection)


def test_start_activatie_resumes_a_half_finished_activation(alice_client, org_a):
    connection = bare_connection(org_a, State.WIPED)
    response = alice_client.post(url("start"))
    assert response["Location"] == url("connect", connection)
    assert Connection.objects.count() == 1


def test_a_running_integration_shows_actief(alice_client, org_a):
    connection = bare_connection(org_a, State.ACTIVE)
    page = alice_client.get(url("integrations")).content.decode()
    assert 'status-active">Actief</span>' in page
    assert f'href="{url("overview", connection)}">Openen</a>' in page
    catalogue = alice_client.get(url("catalogue")).content.decode()
    assert f'href="{url("overview", connection)}">Actief</a>' in catalogue


def test_the_nav_links_to_integraties_for_admins_only(alice_client, karin_client):
    assert 'href="/integraties/"' in alice_client.get(url("integrations")).content.decode()
    assert 'href="/integraties/"' not in karin_client.get("/klanten/").content.decode()


def test_start_without_csrf_token_is_refused(alice, org_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(url("start")).status_code == 403
    assert not Connection.objects.exists()


def test_charlie_sees_and_changes_nothing_of_organization_a(charlie_client, org_a, org_b):
    a = bare_connection(org_a, State.ACTIVE)
    a.administration_name = "Administratie van Alfa"
    a.save()
    page = charlie_client.get(url("integrations")).content.decode()
    assert "Administratie van Alfa" not in page
    assert 'status-inactive">Inzetbaar</span>' in page
    charlie_client.post(url("start"))
    b = Connection.objects.get(organization=org_b)
    assert b.state == State.INACTIVE
    a.refresh_from_db()
    assert a.state == State.ACTIVE


def test_the_terms_the_settings_ask_to_accept_can_be_read(alice_client):
    page = alice_client.get(url("terms")).content.decode()
    assert "Voorwaarden van de SnelStart-integratie" in page
    assert "Simon schrijft alleen verkooporders" in page
