"""'Logging' and 'Technisch logboek' (S32, S33, B3; manual 8)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from simon.snelstart_sync import integration_log
from simon.snelstart_sync.models import (
    Kind,
    LogMessage,
    RunKind,
    State,
    StreamCursor,
    SyncRun,
    Table,
)
from simon.snelstart_sync.tests.screens import bare_connection, url
from simon.testing import make_article, make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def connection(org_a):
    return bare_connection(org_a, State.ACTIVE)


def _say(org, kind=Kind.INFO, table=Table.INTEGRATION, message="Gesynchroniseerd.", **kw):
    return integration_log.record(org, kind=kind, table=table, message=message, **kw)


def _rows(page: str) -> list[str]:
    body = page.split('<table class="log">')[1].split("</tbody>")[0]
    return body.split("<tr ")[1:]  # the header row is a bare <tr>


# --- permissions and tenants --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["logging", "technical_log"])
def test_only_the_beheerder_of_the_organization_reads_the_logs(
    client, karin_client, bob_client, charlie_client, connection, org_a, org_b, name
):
    _say(org_a, message="Geheim van Alfa.")
    assert client.get(url(name, connection)).status_code == 302
    assert karin_client.get(url(name, connection)).status_code == 403
    assert bob_client.get(url(name, connection)).status_code == 403
    assert charlie_client.get(url(name, connection)).status_code == 404
    own = bare_connection(org_b, State.ACTIVE)
    assert "Geheim van Alfa." not in charlie_client.get(url(name, own)).content.decode()


# --- the table ----------------------------------------------------------------------------------


def test_every_kind_has_the_manuals_colour_and_the_newest_comes_first(
    alice_client, connection, org_a
):
    for kind in (Kind.INFO, Kind.APPROVAL, Kind.WARNING, Kind.ERROR):
        _say(org_a, kind=kind, message=f"Melding {kind}.", action="Doe iets.")
    page = alice_client.get(url("logging", connection)).content.decode()
    rows = _rows(page)
    assert [row.split('"')[1] for row in rows] == [
        "log-foutmelding",
        "log-waarschuwing",
        "log-goedkeuring",
        "log-info",
    ]
    assert '<span class="kind">Foutmelding</span>' in rows[0]
    assert '<td class="text">Melding foutmelding.</td>' in rows[0]
    assert '<td class="action">Doe iets.</td>' in rows[0]
    for header in ("Datum/tijd", "Soort bericht", "Tabel", "Bericht", "Te nemen actie"):
        assert f"<th>{header}</th>" in page


def test_time_is_shown_in_amsterdam_time(alice_client, connection, org_a):
    message = _say(org_a)
    summer = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    LogMessage.objects.filter(pk=message.pk).update(last_seen=summer)
    page = alice_client.get(url("logging", connection)).content.decode()
    assert '<td class="when">1-7-2026 12:00:00' in page


def test_repeated_messages_are_folded_with_a_count(alice_client, connection, org_a):
    for _ in range(3):
        _say(org_a, kind=Kind.WARNING, message="SnelStart is op dit moment niet bereikbaar.")
    page = alice_client.get(url("logging", connection)).content.decode()
    assert len(_rows(page)) == 1
    assert '<span class="fold" title="zo vaak gemeld">x3</span>' in page


def test_filters_by_kind_table_and_text(alice_client, connection, org_a):
    _say(org_a, kind=Kind.ERROR, table=Table.CUSTOMER, message="Klant Jansen kapot.")
    _say(org_a, kind=Kind.ERROR, table=Table.ARTICLE, message="Artikel KRAAN kapot.")
    _say(org_a, kind=Kind.WARNING, table=Table.CUSTOMER, message="Klant Pietersen overgeslagen.")
    _say(org_a, kind=Kind.INFO, message="Opgeschoond.", action="Niets te doen voor Jansen.")

    def texts(**query: str) -> list[str]:
        page = alice_client.get(url("logging", connection), query).content.decode()
        if "Geen meldingen die aan je filter voldoen." in page:
            return []
        return [row.split('<td class="text">')[1].split("</td>")[0] for row in _rows(page)]

    assert texts(soort="foutmelding") == ["Artikel KRAAN kapot.", "Klant Jansen kapot."]
    assert texts(tabel="klant") == ["Klant Pietersen overgeslagen.", "Klant Jansen kapot."]
    assert texts(soort="foutmelding", tabel="klant") == ["Klant Jansen kapot."]
    assert texts(zoek="jansen") == ["Opgeschoond.", "Klant Jansen kapot."]
    assert texts(soort="goedkeuring") == []


def test_pages_of_fifty(alice_client, connection, org_a):
    start = timezone.now() - timedelta(hours=5)
    for i in range(120):
        message = _say(org_a, message=f"Melding {i:03d}.")
        LogMessage.objects.filter(pk=message.pk).update(last_seen=start + timedelta(minutes=i))
    first = alice_client.get(url("logging", connection)).content.decode()
    assert len(_rows(first)) == 50
    assert "Melding 119." in first and "Melding 070." in first and "Melding 069." not in first
    assert "Pagina 1 van 3" in first
    assert '<a href="?pagina=2" rel="next">Volgende</a>' in first
    last = alice_client.get(url("logging", connection), {"pagina": 3, "soort": "info"})
    page = last.content.decode()
    assert len(_rows(page)) == 20 and "Melding 000." in page
    assert '<a href="?pagina=2&amp;soort=info" rel="prev">Vorige</a>' in page


def test_empty_states(alice_client, connection, org_a):
    page = alice_client.get(url("logging", connection)).content.decode()
    assert "Nog geen meldingen." in page
    _say(org_a)
    filtered = alice_client.get(url("logging", connection), {"soort": "foutmelding"})
    assert "Geen meldingen die aan je filter voldoen." in filtered.content.decode()


def _detail(name: str, code: object) -> str | None:
    try:
        return reverse(name, args=[code])
    except NoReverseMatch:
        return None


def _links(alice_client, connection, org_a, org_b):
    customer = make_customer(org_a, "Bakkerij Jansen")
    article = make_article(org_a, "KRAAN-15")
    foreign = make_customer(org_b, "Klant van Bravo")
    _say(org_a, table=Table.CUSTOMER, message="Klant bijgewerkt.", record_code=customer.code,
         record_label="Bakkerij Jansen (1001)")  # fmt: skip
    _say(org_a, table=Table.ARTICLE, message="Artikel bijgewerkt.", record_code=article.code,
         record_label="KRAAN-15")  # fmt: skip
    _say(org_a, table=Table.CUSTOMER, message="Weg.", record_code=foreign.code,
         record_label="Onbekend")  # fmt: skip
    page = alice_client.get(url("logging", connection)).content.decode()
    return page, customer, article, foreign


@pytest.mark.urls("simon.snelstart_sync.tests.urls_with_details")
def test_the_table_links_to_records_that_exist_in_this_organization(
    alice_client, connection, org_a, org_b
):
    page, customer, article, foreign = _links(alice_client, connection, org_a, org_b)
    assert f'<a href="/klanten/{customer.code}/">Bakkerij Jansen (1001)</a>' in page
    assert f'<a href="/artikelen/{article.code}/">KRAAN-15</a>' in page
    assert str(foreign.code) not in page  # another tenant's record is not linked
    assert "Klant:\n        Onbekend" in page


def test_the_page_works_whether_or_not_detail_pages_exist(alice_client, connection, org_a, org_b):
    page, customer, _article, _foreign = _links(alice_client, connection, org_a, org_b)
    href = _detail("customers:detail", customer.code)
    if href is None:
        assert "Bakkerij Jansen (1001)</td>" in page and f"{customer.code}/" not in page
    else:
        assert f'<a href="{href}">Bakkerij Jansen (1001)</a>' in page


# --- hoogste mutatiedatum and health --------------------------------------------------------------


def test_the_hoogste_mutatiedatum_is_shown_per_stream(alice_client, connection, org_a):
    StreamCursor.objects.create(
        organization=org_a, stream="klanten", highest_modified_on="2026-10-25T02:30:00.12"
    )
    page = alice_client.get(url("logging", connection)).content.decode()
    block = page.split('id="highest-modified"')[1].split("</section>")[0]
    customers = block.split('data-stream="klanten"')[1].split("</tr>")[0]
    assert '<td class="highest">25 oktober 2026 02:30:00</td>' in customers
    articles = block.split('data-stream="artikelen"')[1].split("</tr>")[0]
    assert '<td class="highest">—</td>' in articles


def test_the_health_panel_counts_and_charts_the_last_24_hours(alice_client, connection, org_a):
    now = timezone.now()
    connection.last_sync_success_at = now - timedelta(minutes=5, seconds=3)
    connection.save()
    make_customer(org_a, "Zichtbaar")
    make_customer(org_a, "Verborgen", active=False)
    make_article(org_a, "A-1")
    for hours_ago, records, ok in ((1, 40, True), (1, 0, False), (3, 10, True), (30, 99, False)):
        started = now - timedelta(hours=hours_ago)
        finished = started + timedelta(seconds=2)
        SyncRun.objects.create(organization=org_a, kind=RunKind.SYNC, started_at=started,
                               finished_at=finished, ok=ok, records=records)  # fmt: skip
    page = alice_client.get(url("logging", connection)).content.decode()
    panel = page.split('id="health"')[1].split("</section>")[0]
    assert '<dd class="lag">5 min 3 s</dd>' in panel or '<dd class="lag">5 min 4 s</dd>' in panel
    assert '<dd class="count-customers">1</dd>' in panel
    assert '<dd class="count-articles">1</dd>' in panel
    assert '<dd class="runs">3</dd>' in panel and '<dd class="failures">1</dd>' in panel
    assert panel.count('class="bar-records"') == 24
    assert panel.count('class="bar-failed"') == 24
    assert 'height="100"></rect>' in panel  # the busiest hour fills the plot
    assert "hoogste staaf: 40 records" in panel


# --- technical log ------------------------------------------------------------------------------


def test_the_technical_log_lists_runs(alice_client, connection, org_a):
    started = timezone.now() - timedelta(minutes=10)
    SyncRun.objects.create(organization=org_a, kind=RunKind.SYNC, worker="web-1:42",
                           started_at=started, finished_at=started + timedelta(seconds=75),
                           ok=False, requests=7, retries=2, records=0,
                           detail="TransientError: 503")  # fmt: skip
    SyncRun.objects.create(organization=org_a, kind=RunKind.CLEANUP, worker="web-2:7",
                           started_at=started + timedelta(minutes=1))  # fmt: skip
    page = alice_client.get(url("technical_log", connection)).content.decode()
    body = page.split('<table class="runs">')[1]
    rows = body.split("</tbody>")[0].split("<tr ")[1:]
    assert rows[0].startswith('class="run-running"') and "Opschonen" in rows[0]
    assert "loopt" in rows[0]
    failed = rows[1]
    assert failed.startswith('class="run-failed"')
    assert "<code>web-1:42</code>" in failed and '<td class="num">1 min 15 s</td>' in failed
    assert '<td class="num">7</td>' in failed and '<td class="num">2</td>' in failed
    assert "<td>nee</td>" in failed and "TransientError: 503" in failed
