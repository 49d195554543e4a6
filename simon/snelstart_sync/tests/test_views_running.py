"""The integration once saved: first import progress, the active page, 'Nu synchroniseren',
'Nu opschonen', 'Deactiveren' and re-activation (S28, S30, S31; manual 5.14, 9)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from simon.customers.models import Customer
from simon.snelstart_sync.models import (
    Connection,
    IntegrationSettings,
    RunKind,
    State,
    Stream,
    StreamCursor,
    SyncRun,
)
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.conftest import link
from simon.snelstart_sync.tests.screens import (
    GOOD_SETTINGS,
    bare_connection,
    check_all,
    save,
    url,
)
from simon.testing import make_customer, make_group

pytestmark = pytest.mark.django_db

PAGES = ["overview", "progress", "deactivate"]
ACTIONS = ["sync_now", "cleanup_now", "deactivate"]


@pytest.fixture
def active(org_a, snelstart_at):
    linked = link(org_a, snelstart_at, state=State.ACTIVE, customers=0, articles=0)
    linked.settings()
    Connection.objects.filter(pk=linked.connection.pk).update(initial_import_done_at=timezone.now())
    linked.connection.refresh_from_db()
    yield linked
    linked.api.close()


# --- permissions and tenants --------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_pages_need_the_beheerder(client, karin_client, bob_client, org_a, name):
    connection = bare_connection(org_a, State.ACTIVE)
    assert client.get(url(name, connection)).status_code == 302
    assert karin_client.get(url(name, connection)).status_code == 403
    assert bob_client.get(url(name, connection)).status_code == 403


@pytest.mark.parametrize("name", ACTIONS)
def test_charlie_cannot_act_on_organization_a(charlie_client, karin_client, org_a, name):
    connection = bare_connection(org_a, State.ACTIVE)
    assert charlie_client.get(url("overview", connection)).status_code == 404
    assert charlie_client.post(url(name, connection)).status_code == 404
    assert karin_client.post(url(name, connection)).status_code == 403
    connection.refresh_from_db()
    assert connection.state == State.ACTIVE
    assert not SyncRun.objects.exists()


# --- first import progress ----------------------------------------------------------------------


def test_the_progress_fragment_shows_each_stream_and_keeps_polling(alice_client, org_a):
    connection = bare_connection(org_a, State.CONFIGURED)
    make_group(org_a, "Arbeid")
    make_group(org_a, "Materialen")
    now = timezone.now()
    StreamCursor.objects.create(
        organization=org_a, stream=Stream.ARTICLE_GROUPS, last_success_at=now, records_stored=6
    )
    StreamCursor.objects.create(
        organization=org_a,
        stream=Stream.ARTICLES,
        run_started_at=now,
        run_records=1500,
        run_estimated_total=6000,
    )
    fragment = alice_client.get(url("progress", connection)).content.decode()
    assert f'hx-get="{url("progress", connection)}" hx-trigger="every 2s"' in fragment
    assert "Eerste import loopt" in fragment
    groups = fragment.split('data-stream="artikelgroepen"')[1].split("</tr>")[0]
    articles = fragment.split('data-stream="artikelen"')[1].split("</tr>")[0]
    customers = fragment.split('data-stream="klanten"')[1].split("</tr>")[0]
    assert "klaar" in groups and '<td class="num">2 in Simon</td>' in groups
    assert "bezig" in articles and "1500 van ca. 6000" in articles
    assert '<progress max="100" value="25">25%</progress>' in articles
    assert "wacht" in customers
    page = alice_client.get(url("overview", connection)).content.decode()
    assert 'id="import-progress"' in page and 'hx-trigger="every 2s"' in page


def test_the_fragment_stops_polling_once_active(alice_client, org_a):
    connection = bare_connection(org_a, State.ACTIVE)
    fragment = alice_client.get(url("progress", connection)).content.decode()
    assert "hx-trigger" not in fragment
    assert "De eerste import is klaar" in fragment
    assert "Status" not in fragment  # the other panel says it, once


def test_when_the_import_is_done_the_polling_page_reloads_whole(alice_client, org_a):
    # Its other panel ('Actief', the last sync) changes too, not only the polled fragment.
    connection = bare_connection(org_a, State.ACTIVE)
    polled = alice_client.get(url("progress", connection), HTTP_HX_REQUEST="true")
    assert polled.status_code == 204 and polled["HX-Refresh"] == "true"


def test_a_failing_first_import_says_why(alice_client, active, snelstart_at):
    Connection.objects.filter(pk=active.connection.pk).update(state=State.CONFIGURED)
    snelstart_at.revoke_key(active.admin.client_key)
    sync_organization(active.organization.pk)
    fragment = alice_client.get(url("progress", active.connection)).content.decode()
    assert "SnelStart accepteert de koppelsleutel niet (meer)." in fragment
    assert "Te nemen actie" in fragment


# --- the active integration ---------------------------------------------------------------------


def test_the_active_page_shows_status_administration_and_key_hint(alice_client, active):
    sync_organization(active.organization.pk)
    page = alice_client.get(url("overview", active.connection)).content.decode()
    active.connection.refresh_from_db()
    assert 'status-active">Actief</span>' in page
    assert active.admin.name in page
    assert f"…{active.connection.client_key_hint}" in page
    assert active.admin.client_key not in page
    moment = timezone.localtime(active.connection.last_sync_success_at)
    assert moment.strftime("%H:%M:%S") in page
    for label in ("Nu synchroniseren", "Nu opschonen", "Wijzig", "Logging", "Deactiveren"):
        assert f">{label}</" in page


def test_nu_synchroniseren_brings_a_new_customer_in(
    alice_client, active, django_capture_on_commit_callbacks
):
    ss.create_customer(active.api, "Bakkerij de Vries", relatiecode=7001)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url("sync_now", active.connection))
    assert response["Location"] == url("overview", active.connection)
    customer = Customer.objects.get(organization=active.organization, relatiecode=7001)
    assert customer.name == "Bakkerij de Vries"
    assert SyncRun.objects.filter(organization=active.organization, kind=RunKind.SYNC).count() == 1
    page = alice_client.get(response["Location"]).content.decode()
    assert "De synchronisatie is gestart" in page


def test_nu_opschonen_removes_customers_made_in_simon(
    alice_client, active, django_capture_on_commit_callbacks
):
    local = make_customer(active.organization, "Handmatig in Simon")
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url("cleanup_now", active.connection))
    assert response["Location"] == url("overview", active.connection)
    assert not Customer.objects.filter(pk=local.pk, active=True).exists()
    run = SyncRun.objects.get(organization=active.organization)
    assert (run.kind, run.ok) == (RunKind.CLEANUP, True)


def test_deactiveren_asks_first_then_stops_syncing(alice_client, active):
    page = alice_client.get(url("deactivate", active.connection)).content.decode()
    assert "Weet je zeker dat je de integratie met SnelStart wilt stopzetten?" in page
    active.connection.refresh_from_db()
    assert active.connection.state == State.ACTIVE  # asking changes nothing

    response = alice_client.post(url("deactivate", active.connection))
    assert response["Location"] == url("integrations")
    active.connection.refresh_from_db()
    assert active.connection.state == State.DEACTIVATED
    assert sync_organization(active.organization.pk) is None
    refused = alice_client.post(url("sync_now", active.connection), follow=True)
    assert "De integratie is niet actief; er is niets ingepland." in refused.content.decode()
    assert not SyncRun.objects.exists()
    tile = alice_client.get(url("integrations")).content.decode()
    assert 'status-deactivated">Inzetbaar</span>' in tile


def test_re_activation_goes_through_the_same_steps_and_resumes(
    alice_client, active, django_capture_on_commit_callbacks
):
    sync_organization(active.organization.pk)
    alice_client.post(url("deactivate", active.connection))
    ss.create_customer(active.api, "Na deactivatie", relatiecode=7002)
    sync_organization(active.organization.pk)
    assert not Customer.objects.filter(relatiecode=7002).exists()  # nothing pulled meanwhile

    start = alice_client.get(url("start")).content.decode()
    assert "Je activeert de integratie opnieuw" in start
    response = alice_client.post(url("start"))
    assert response["Location"] == url("wipe", active.connection)
    alice_client.post(url("wipe", active.connection), {"confirmed": "on"})  # no parts chosen
    alice_client.post(url("connect", active.connection), {"koppelsleutel": active.admin.client_key})
    # This administration has no articles: no article codes this time.
    no_articles = {
        **GOOD_SETTINGS,
        **dict.fromkeys(["travel_article_code", "work_article_code", "fixed_article_code"], ""),
        "article_groups": "",
    }
    check_all(alice_client, active.connection, no_articles)
    with django_capture_on_commit_callbacks(execute=True):
        save(alice_client, active.connection, no_articles)
    active.connection.refresh_from_db()
    assert active.connection.state == State.ACTIVE
    assert IntegrationSettings.objects.filter(organization=active.organization).count() == 2
    assert Customer.objects.get(relatiecode=7002).name == "Na deactivatie"


def test_the_overview_of_a_deactivated_integration_offers_activation(alice_client, org_a):
    connection = bare_connection(org_a, State.DEACTIVATED)
    connection.deactivated_at = timezone.now() - timedelta(days=1)
    connection.save()
    page = alice_client.get(url("overview", connection)).content.decode()
    assert f'href="{url("start")}">Activeer integratie</a>' in page
    assert "Nu synchroniseren" not in page
