"""'Wissen Simon data' and 'Koppel' → 'Check in SnelStart' (S27; manual 4.3)."""

from __future__ import annotations

import logging

import pytest

from simon.catalog.models import Article, ArticleGroup
from simon.customers.models import Customer, WorkAddress
from simon.snelstart_sync import crypto
from simon.snelstart_sync.models import Connection, LogMessage, State
from simon.snelstart_sync.tests.screens import bare_connection, url
from simon.testing import make_address, make_article, make_customer, make_group
from simon.workorders.services.lifecycle import create_work_order
from simon.workorders.services.registrations import add_material

pytestmark = pytest.mark.django_db


@pytest.fixture
def master_data(org_a, alice):
    """Two customers, two articles, one group; a work order uses one customer and one article."""
    group = make_group(org_a, "Materialen")
    used = make_customer(org_a, "Bakkerij Jansen")
    make_customer(org_a, "Garage Pietersen")
    address = make_address(used, "Filiaal")
    kraan = make_article(org_a, "KRAAN-15", group=group)
    make_article(org_a, "BUIS-22", "Buis 22 mm", group=group)
    order = create_work_order(org_a, by=alice, customer=used, work_address=address)
    add_material(order, by=alice, article=kraan, quantity="2")
    return order


# --- permissions and tenants --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["wipe", "connect"])
def test_anonymous_karin_and_bob_cannot_open_the_steps(
    client, karin_client, bob_client, org_a, name
):
    connection = bare_connection(org_a, State.INACTIVE if name == "wipe" else State.WIPED)
    assert client.get(url(name, connection)).status_code == 302
    assert karin_client.get(url(name, connection)).status_code == 403
    assert bob_client.post(url(name, connection), {"confirmed": "on"}).status_code == 403
    connection.refresh_from_db()
    assert connection.state == (State.INACTIVE if name == "wipe" else State.WIPED)


def test_charlie_cannot_wipe_or_link_organization_a(charlie_client, org_a, master_data):
    wipe_a = bare_connection(org_a, State.INACTIVE)
    assert charlie_client.get(url("wipe", wipe_a)).status_code == 404
    assert charlie_client.post(url("wipe", wipe_a), {"confirmed": "on"}).status_code == 404
    assert Customer.objects.filter(organization=org_a).count() == 2
    wipe_a.state = State.WIPED
    wipe_a.save()
    response = charlie_client.post(url("connect", wipe_a), {"koppelsleutel": "iets"})
    assert response.status_code == 404
    wipe_a.refresh_from_db()
    assert (wipe_a.state, wipe_a.client_key_encrypted) == (State.WIPED, "")


# --- 'Wissen Simon data' -----------------------------------------------------------------------


def test_the_wipe_shows_every_part_with_counts_and_what_work_orders_keep(
    alice_client, org_a, master_data
):
    connection = bare_connection(org_a)
    hidden = Article.objects.filter(organization=org_a).exclude(material_lines__isnull=False)
    hidden.update(active=False)  # one article hidden: not counted as 'in Simon', said apart
    page = alice_client.get(url("wipe", connection)).content.decode()
    rows = {
        part: (page.split(f'data-part="{part}"')[1].split("</tr>")[0])
        for part in ("klanten", "werkadressen", "artikelen", "artikelgroepen")
    }
    assert '<td class="num total">2</td>' in rows["klanten"]
    assert '<td class="num kept">1</td>' in rows["klanten"]
    assert '<td class="num total">1</td>' in rows["werkadressen"]
    assert '<td class="num kept">1</td>' in rows["werkadressen"]
    assert (
        '<td class="num total">1 <span class="muted">(en 1 verborgen)</span></td>'
        in rows["artikelen"]
    )
    assert '<td class="num kept">1</td>' in rows["artikelen"]
    assert '<td class="num total">1</td>' in rows["artikelgroepen"]
    assert "Bij de eerste activatie worden alle onderdelen gewist" in page
    assert 'type="checkbox" name="parts"' not in page  # no choice the first time
    assert "Werkbonnen worden nooit gewist" in page
    assert "worden niet verwijderd maar verborgen" in page


def test_the_first_activation_asks_for_confirmation_then_wipes_every_part(
    alice_client, org_a, master_data
):
    connection = bare_connection(org_a)
    # Choosing parts is ignored on a first activation: everything goes.
    confirm = alice_client.post(url("wipe", connection), {"parts": ["artikelen"]})
    page = confirm.content.decode()
    assert "Weet je zeker dat je deze Simon-data wilt wissen?" in page
    # Said before anything happens: 'worden gewist', not 'gewist'.
    assert "Klanten: 2 worden gewist, waarvan 1 verborgen bewaard" in page
    assert "Artikelgroepen: 1 worden gewist" in page
    assert Customer.objects.filter(organization=org_a, active=True).count() == 2  # not yet

    response = alice_client.post(
        url("wipe", connection),
        {"parts": ["klanten", "werkadressen", "artikelen", "artikelgroepen"], "confirmed": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("connect", connection)
    connection.refresh_from_db()
    assert connection.state == State.WIPED
    kept = Customer.objects.get(organization=org_a)
    assert (kept.name, kept.active, kept.snelstart_id) == ("Bakkerij Jansen", False, None)
    assert list(
        Article.objects.filter(organization=org_a).values_list("article_code", "active")
    ) == [("KRAAN-15", False)]
    assert WorkAddress.objects.filter(organization=org_a, active=True).count() == 0
    master_data.refresh_from_db()
    assert master_data.customer == kept  # the work order keeps its customer


def test_re_activation_offers_checkboxes_and_leaves_other_parts_alone(
    alice_client, org_a, master_data
):
    connection = bare_connection(org_a, State.DEACTIVATED)
    page = alice_client.get(url("wipe", connection)).content.decode()
    assert 'type="checkbox" name="parts" value="klanten"' in page
    assert "Vink aan welke onderdelen Simon moet wissen" in page
    nothing = alice_client.post(url("wipe", connection), {}).content.decode()
    assert "Verder zonder iets te wissen?" in nothing and "wilt wissen" not in nothing
    alice_client.post(url("wipe", connection), {"parts": ["artikelen"], "confirmed": "on"})
    connection.refresh_from_db()
    assert connection.state == State.WIPED
    assert Customer.objects.filter(organization=org_a, active=True).count() == 2
    assert WorkAddress.objects.filter(organization=org_a, active=True).count() == 1
    assert ArticleGroup.objects.filter(organization=org_a).count() == 1
    assert list(
        Article.objects.filter(organization=org_a).values_list("article_code", "active")
    ) == [("KRAAN-15", False)]


def test_re_activation_without_parts_wipes_nothing(alice_client, org_a, master_data):
    connection = bare_connection(org_a, State.DEACTIVATED)
    confirm = alice_client.post(url("wipe", connection), {})
    assert "er wordt niets gewist" in confirm.content.decode()
    alice_client.post(url("wipe", connection), {"confirmed": "on"})
    assert Customer.objects.filter(organization=org_a, active=True).count() == 2
    assert Article.objects.filter(organization=org_a, active=True).count() == 2


def test_the_wipe_is_not_offered_to_a_running_integration(alice_client, org_a, master_data):
    connection = bare_connection(org_a, State.ACTIVE)
    response = alice_client.post(url("wipe", connection), {"confirmed": "on"})
    assert response["Location"] == url("overview", connection)
    assert Customer.objects.filter(organization=org_a, active=True).count() == 2


# --- 'Koppel' and 'Check in SnelStart' ---------------------------------------------------------


def _refused(response) -> str:
    assert response.status_code == 400
    page = response.content.decode()
    assert "De koppelsleutel is niet opgeslagen." in page
    return page


def _nothing_stored(connection: Connection) -> None:
    connection.refresh_from_db()
    assert (connection.state, connection.client_key_encrypted, connection.client_key_hint) == (
        State.WIPED,
        "",
        "",
    )


def test_a_wrong_koppelsleutel_is_refused_and_nothing_is_stored(alice_client, org_a, snelstart_at):
    connection = bare_connection(org_a, State.WIPED)
    response = alice_client.post(url("connect", connection), {"koppelsleutel": "geen-sleutel"})
    page = _refused(response)
    assert (
        "SnelStart kent deze koppelsleutel niet, of de koppeling is in SnelStart ingetrokken."
        in page
    )
    assert "geen-sleutel" not in page
    _nothing_stored(connection)


def test_a_revoked_koppelsleutel_is_refused(alice_client, org_a, snelstart_at):
    admin = snelstart_at.create_administration(name="Ingetrokken BV", customers=0, articles=0)
    snelstart_at.revoke_key(admin.client_key)
    connection = bare_connection(org_a, State.WIPED)
    page = _refused(
        alice_client.post(url("connect", connection), {"koppelsleutel": admin.client_key})
    )
    assert "de koppeling is in SnelStart ingetrokken" in page
    assert admin.client_key not in page
    _nothing_stored(connection)


def test_a_refused_subscription_key_is_not_blamed_on_the_user(
    alice_client, org_a, snelstart_at, settings
):
    admin = snelstart_at.create_administration(name="Alfa", customers=0, articles=0)
    settings.SNELSTART_SUBSCRIPTION_KEY = "niet-de-goede"
    connection = bare_connection(org_a, State.WIPED)
    page = _refused(
        alice_client.post(url("connect", connection), {"koppelsleutel": admin.client_key})
    )
    assert "SnelStart weigert de abonnementssleutel van Simon zelf" in page
    _nothing_stored(connection)


def test_snelstart_unreachable_is_said_as_such(alice_client, org_a, settings):
    settings.SNELSTART_TOKEN_URL = "http://127.0.0.1:9/b2b/token"
    settings.SNELSTART_BASE_URL = "http://127.0.0.1:9/v2"
    settings.SNELSTART_MAX_ATTEMPTS = 1
    connection = bare_connection(org_a, State.WIPED)
    page = _refused(alice_client.post(url("connect", connection), {"koppelsleutel": "abc"}))
    assert "SnelStart is op dit moment niet bereikbaar." in page
    _nothing_stored(connection)


def test_an_empty_key_asks_for_the_key(alice_client, org_a):
    connection = bare_connection(org_a, State.WIPED)
    response = alice_client.post(url("connect", connection), {"koppelsleutel": "  "})
    assert response.status_code == 400
    assert "Plak de koppelsleutel uit SnelStart." in response.content.decode()
    _nothing_stored(connection)


def test_a_good_key_is_stored_encrypted_and_never_shown_again(
    alice_client, org_a, snelstart_at, caplog
):
    caplog.set_level(logging.DEBUG)
    admin = snelstart_at.create_administration(name="Installatiebedrijf Jansen", customers=0)
    connection = bare_connection(org_a, State.WIPED)
    page = alice_client.get(url("connect", connection)).content.decode()
    assert 'name="koppelsleutel"' in page and "Check in SnelStart" in page

    response = alice_client.post(url("connect", connection), {"koppelsleutel": admin.client_key})
    assert response.status_code == 302
    assert response["Location"] == url("settings", connection)
    connection.refresh_from_db()
    assert connection.state == State.CONNECTED
    assert connection.client_key_encrypted
    assert admin.client_key not in connection.client_key_encrypted
    assert crypto.decrypt(connection.client_key_encrypted) == admin.client_key
    assert connection.client_key_hint == admin.client_key[-4:]
    assert (str(connection.administration_id), connection.administration_name) == (
        admin.administration_id,
        "Installatiebedrijf Jansen",
    )
    settings_page = alice_client.get(response["Location"]).content.decode()
    assert "Check in SnelStart gelukt" in settings_page
    assert "Installatiebedrijf Jansen" in settings_page
    assert admin.client_key not in settings_page
    again = alice_client.get(url("connect", connection)).content.decode()
    assert f"…{connection.client_key_hint}" in again and admin.client_key not in again
    overview = alice_client.get(url("overview", connection))  # not running yet: to settings
    assert overview["Location"] == url("settings", connection)
    assert admin.client_key not in caplog.text
    assert not LogMessage.objects.filter(message__contains=admin.client_key).exists()
    linked = "Gekoppeld met SnelStart-administratie 'Installatiebedrijf Jansen'."
    assert LogMessage.objects.filter(organization=org_a, message=linked).exists()


def test_koppel_is_not_offered_before_the_wipe(alice_client, org_a):
    connection = bare_connection(org_a, State.INACTIVE)
    response = alice_client.post(url("connect", connection), {"koppelsleutel": "abc"})
    assert response["Location"] == url("start")
    connection.refresh_from_db()
    assert connection.client_key_encrypted == ""
