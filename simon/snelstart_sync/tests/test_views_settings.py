"""'Instellingen': 'Controleer' per setting, 'Opslaan', 'Wijzig' (S28, S29; manual 5 and 6)."""

from __future__ import annotations

import pytest

from simon.catalog.models import Article
from simon.customers.models import Customer
from simon.snelstart_sync import ticks
from simon.snelstart_sync.forms import SettingsForm
from simon.snelstart_sync.models import IntegrationSettings, State
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.screens import (
    CHECKED,
    GOOD_SETTINGS,
    check,
    check_all,
    linked_connection,
    save,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def connected(org_a, snelstart_at):
    connection, admin = linked_connection(org_a, snelstart_at, State.CONNECTED)
    api = snelstart_at.api_client(admin.client_key, timeout=30)
    yield connection, admin, api
    api.close()


def _article_id(api, code: str) -> str:
    return api.get("/artikelen", params={"$filter": f"Artikelcode eq '{code}'"}).json()[0]["id"]


# --- permissions and tenants --------------------------------------------------------------------


def test_only_the_beheerder_of_the_organization_gets_the_settings(
    client, karin_client, bob_client, charlie_client, connected
):
    connection = connected[0]
    assert client.get(url("settings", connection)).status_code == 302
    assert karin_client.get(url("settings", connection)).status_code == 403
    assert bob_client.post(url("check", connection, "memo"), {"memo": "geen"}).status_code == 403
    assert charlie_client.get(url("settings", connection)).status_code == 404
    assert (
        charlie_client.post(url("check", connection, "memo"), {"memo": "geen"}).status_code == 404
    )
    response = charlie_client.post(url("settings", connection), {**GOOD_SETTINGS, "terms": "on"})
    assert response.status_code == 404
    assert not IntegrationSettings.objects.exists()
    connection.refresh_from_db()
    assert connection.state == State.CONNECTED


def test_an_unknown_setting_cannot_be_checked(alice_client, connected):
    response = alice_client.post(url("check", connected[0], "geheim"), {"geheim": "x"})
    assert response.status_code == 404


# --- the page -----------------------------------------------------------------------------------


def test_the_page_lists_every_setting_with_controleer_and_a_disabled_opslaan(
    alice_client, connected
):
    page = alice_client.get(url("settings", connected[0])).content.decode()
    for name in CHECKED:
        assert f'<tr data-check="{name}">' in page
    assert page.count(">Controleer</button>") == len(CHECKED) == 17
    assert '<option value="Werkbon">Werkbon</option>' in page
    assert '<option value="" selected>Geen: SnelStart bepaalt het sjabloon</option>' in page
    assert "Door gebruik te maken van de integratie, ga je akkoord met de algemene voorwaarden" in (
        page
    )
    assert '<button type="submit" id="save-settings" disabled>Opslaan</button>' in page
    assert 'data-passed="1"' not in page


# --- 'Controleer' -------------------------------------------------------------------------------


def test_an_article_code_that_does_not_exist(alice_client, connected):
    fragment = check(alice_client, connected[0], "work_article_code", "BESTAATNIET")
    assert "Artikelcode &#x27;BESTAATNIET&#x27; bestaat niet in SnelStart." in fragment
    assert "data-passed" not in fragment and 'class="check-result fail"' in fragment


def test_an_article_code_in_the_wrong_case_gets_a_suggestion(alice_client, connected):
    fragment = check(alice_client, connected[0], "work_article_code", "arbeid")
    assert "bedoelde je &#x27;ARBEID&#x27;?" in fragment
    assert "data-passed" not in fragment


def test_an_inactive_article_code(alice_client, connected):
    connection, _admin, api = connected
    ss.create_article(api, "OUD-1", ss.groups(api)[0], isNonActief=True)
    fragment = check(alice_client, connection, "travel_article_code", "OUD-1")
    assert "Artikel &#x27;OUD-1&#x27; (Artikel OUD-1) staat in SnelStart op non-actief." in fragment
    assert "data-passed" not in fragment


def test_an_existing_active_article_passes_with_a_green_tick(alice_client, connected):
    connection, _admin, api = connected
    fragment = check(alice_client, connection, "work_article_code", "ARBEID")
    assert 'class="check-result ok" data-passed="1"' in fragment
    assert "✓" in fragment
    assert "Artikel &#x27;ARBEID&#x27; gevonden en actief: Arbeid per uur." in fragment
    session = alice_client.session
    assert ticks.passed(session, connection, "work_article_code", "ARBEID")
    assert not ticks.passed(session, connection, "work_article_code", "REISTIJD")
    assert ticks.resolved(session, connection) == {"work_article_id": _article_id(api, "ARBEID")}


def test_a_group_name_in_the_wrong_case_gets_a_suggestion(alice_client, connected):
    fragment = check(alice_client, connected[0], "article_groups", "Materialen\narbeid")
    assert (
        "Artikelgroep &quot;arbeid&quot; bestaat niet in SnelStart; bedoelde je "
        "&quot;Arbeid&quot;? De namen zijn hoofdlettergevoelig." in fragment
    )
    assert "data-passed" not in fragment


def test_group_names_that_exist_exactly_pass(alice_client, connected):
    fragment = check(alice_client, connected[0], "article_groups", "Arbeid\n\nMaterialen\n")
    assert "Gevonden in SnelStart: &quot;Arbeid&quot;, &quot;Materialen&quot;." in fragment
    empty = check(alice_client, connected[0], "article_groups", "")
    assert "Leeg: alle 6 artikelgroepen uit SnelStart worden overgenomen." in empty


def test_a_template_that_does_not_exist(alice_client, connected):
    fragment = check(alice_client, connected[0], "template_name", "Onderhoud")
    assert "Sjabloon &quot;Onderhoud&quot; bestaat niet in SnelStart." in fragment
    assert "data-passed" not in fragment
    near = check(alice_client, connected[0], "template_name", "werkbon")
    assert "bedoelde je &quot;Werkbon&quot;?" in near


def test_the_suffix_may_have_three_characters_at_most(alice_client, connected):
    fragment = check(alice_client, connected[0], "description_suffix", "XXXX")
    assert "De toevoeging &#x27;XXXX&#x27; is 4 tekens lang; maximaal 3" in fragment
    assert "data-passed" in check(alice_client, connected[0], "description_suffix", "XXX")


def test_a_filter_word_of_one_character_is_refused(alice_client, connected):
    fragment = check(alice_client, connected[0], "send_filter_word", "a")
    assert "Een filterwoord van één teken komt in bijna elke omschrijving voor" in fragment


def test_the_administration_check_reads_company_info(alice_client, connected):
    fragment = check(alice_client, connected[0], "administration")
    assert "Administratie &#x27;Installatiebedrijf Jansen&#x27; is bekend in SnelStart." in fragment


def test_a_check_says_when_snelstart_refuses_the_stored_key(alice_client, connected, snelstart_at):
    connection, admin, _api = connected
    snelstart_at.revoke_key(admin.client_key)
    fragment = check(alice_client, connection, "work_article_code", "ARBEID")
    assert "SnelStart accepteert de koppelsleutel niet (meer)." in fragment
    assert "data-passed" not in fragment


def test_a_failed_check_clears_an_earlier_tick(alice_client, connected):
    connection = connected[0]
    check(alice_client, connection, "work_article_code", "ARBEID")
    check(alice_client, connection, "work_article_code", "BESTAATNIET")
    assert not ticks.passed(alice_client.session, connection, "work_article_code", "ARBEID")


def test_alles_controleren_checks_every_setting_in_one_request(
    alice_client, charlie_client, karin_client, connected
):
    connection = connected[0]
    wrong = {**GOOD_SETTINGS, "work_article_code": "BESTAATNIET"}
    assert charlie_client.post(url("check_all", connection), wrong).status_code == 404
    assert karin_client.post(url("check_all", connection), wrong).status_code == 403
    response = alice_client.post(url("check_all", connection), wrong, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.count('hx-swap-oob="true"') == 17
    assert body.count('data-passed="1"') == 16
    assert "Artikelcode &#x27;BESTAATNIET&#x27; bestaat niet in SnelStart." in body
    session = alice_client.session
    passed = [
        n
        for n in CHECKED
        if ticks.passed(session, connection, n, _normalized(connection, wrong, n))
    ]
    assert passed == [n for n in CHECKED if n != "work_article_code"]


def _normalized(connection, values: dict[str, str], name: str) -> object:
    if name == "administration":
        return str(connection.administration_id)
    return SettingsForm.clean_one(name, values)


# --- 'Opslaan' ----------------------------------------------------------------------------------


def test_opslaan_is_refused_when_a_check_is_missing(alice_client, connected):
    connection = connected[0]
    for name in CHECKED:
        if name != "work_article_code":
            check(alice_client, connection, name, GOOD_SETTINGS.get(name))
    response = save(alice_client, connection, GOOD_SETTINGS)
    assert response.status_code == 400
    assert "Nog niet (opnieuw) gecontroleerd: Artikel voor werktijd." in response.content.decode()
    assert not IntegrationSettings.objects.exists()
    connection.refresh_from_db()
    assert (connection.state, connection.terms_accepted_at) == (State.CONNECTED, None)


def test_opslaan_is_refused_when_a_value_changed_after_its_check(alice_client, connected):
    connection = connected[0]
    check_all(alice_client, connection, GOOD_SETTINGS)
    changed = {**GOOD_SETTINGS, "article_groups": "Arbeid", "description_suffix": "WB"}
    response = save(alice_client, connection, changed)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Nog niet (opnieuw) gecontroleerd: Artikelgroepen die Simon overhaalt, Toevoeging "
        "achter de omschrijving (max. 3 tekens)." in page
    )
    assert not IntegrationSettings.objects.exists()


def test_opslaan_is_refused_without_accepting_the_terms(alice_client, connected):
    connection = connected[0]
    check_all(alice_client, connection, GOOD_SETTINGS)
    response = save(alice_client, connection, GOOD_SETTINGS, terms=False)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ga eerst akkoord met de algemene voorwaarden van de integratie." in page
    assert page.count('data-passed="1"') == 17  # the posted values keep their ticks
    assert not IntegrationSettings.objects.exists()


def test_a_good_save_creates_version_1_and_runs_the_first_import(
    alice_client, alice, org_a, connected, django_capture_on_commit_callbacks
):
    connection, _admin, api = connected
    check_all(alice_client, connection, GOOD_SETTINGS)
    with django_capture_on_commit_callbacks(execute=True):
        response = save(alice_client, connection, GOOD_SETTINGS)
    assert response.status_code == 302
    assert response["Location"] == url("overview", connection)

    saved = IntegrationSettings.objects.get(organization=org_a)
    assert (saved.version, saved.created_by) == (1, alice)
    assert saved.article_groups == ["Arbeid", "Materialen"]
    assert (saved.work_article_code, str(saved.work_article_id)) == (
        "ARBEID",
        _article_id(api, "ARBEID"),
    )
    assert str(saved.travel_article_id) == _article_id(api, "REISTIJD")
    assert str(saved.fixed_article_id) == _article_id(api, "VOORRIJ")
    assert saved.template_name == "Werkbon" and saved.template_id is not None
    assert (saved.first_line_description, saved.pull_orders, saved.pull_with_lines) == (
        True,
        False,
        True,
    )
    assert (saved.order_type, saved.description_suffix) == ("werkbon", "XXX")
    connection.refresh_from_db()
    assert connection.state == State.ACTIVE  # the first import ran inline and finished
    assert connection.terms_accepted_by == alice and connection.terms_accepted_at is not None
    snelstart_customers = [
        r
        for r in api.get("/relaties").json()
        if "Klant" in r["relatiesoort"] and not r["nonactief"]
    ]
    visible = Customer.objects.filter(organization=org_a).visible()
    assert sorted(visible.values_list("name", flat=True)) == sorted(
        r["naam"] for r in snelstart_customers
    )
    assert Article.objects.filter(organization=org_a, article_code="ARBEID", active=True).exists()
    assert ticks.resolved(alice_client.session, connection) == {}  # 'Wijzig' checks again

    overview = alice_client.get(response["Location"]).content.decode()
    assert "De instellingen zijn opgeslagen en de integratie is gestart." in overview
    assert 'status-active">Actief</span>' in overview


def test_wijzig_needs_every_check_again_and_saves_version_2(
    alice_client, org_a, connected, django_capture_on_commit_callbacks
):
    connection = connected[0]
    check_all(alice_client, connection, GOOD_SETTINGS)
    with django_capture_on_commit_callbacks(execute=True):
        save(alice_client, connection, GOOD_SETTINGS)

    page = alice_client.get(url("settings", connection)).content.decode()
    assert "Instellingen wijzigen" in page and "Nu geldt versie 1." in page
    assert "niet met terugwerkende kracht" in page
    assert 'name="work_article_code" value="ARBEID"' in page
    assert 'data-passed="1"' not in page

    changed = {**GOOD_SETTINGS, "description_suffix": "WB", "payment_reference": "beide"}
    refused = save(alice_client, connection, changed)
    assert refused.status_code == 400
    assert IntegrationSettings.objects.filter(organization=org_a).count() == 1

    check_all(alice_client, connection, changed)
    with django_capture_on_commit_callbacks(execute=True):
        response = save(alice_client, connection, changed)
    assert response.status_code == 302
    versions = IntegrationSettings.objects.filter(organization=org_a).order_by("version")
    assert [(v.version, v.description_suffix, v.payment_reference) for v in versions] == [
        (1, "XXX", "werkbonnummer"),
        (2, "WB", "beide"),
    ]
    connection.refresh_from_db()
    assert connection.state == State.ACTIVE
    overview = alice_client.get(response["Location"]).content.decode()
    assert "Instellingen opgeslagen als versie 2. Ze gelden vanaf nu" in overview


# --- the article picker (issue 14) ---------------------------------------------------------------


def test_typing_an_article_code_suggests_snelstarts_articles(
    alice_client, karin_client, charlie_client, connected
):
    connection, _admin, api = connected
    page = alice_client.get(url("settings", connection)).content.decode()
    search = url("article_search", connection)
    assert f'hx-get="{search}"' in page and 'list="travel_article_code-options"' in page
    assert '<datalist id="work_article_code-options"></datalist>' in page

    answer = alice_client.get(search, {"travel_article_code": "reis"}).content.decode()

    active = [
        a
        for a in ss.all_pages(api, "/artikelen")
        if not a["isNonActief"] and a["artikelcode"].startswith("REIS")
    ]
    assert active, "the demo administration holds a REIS… article"
    for article in active[:20]:
        assert f'<option value="{article["artikelcode"]}">' in answer
    assert alice_client.get(search, {"travel_article_code": "r"}).content.strip() == b""
    assert karin_client.get(search, {"travel_article_code": "reis"}).status_code == 403
    assert charlie_client.get(search, {"travel_article_code": "reis"}).status_code == 404
