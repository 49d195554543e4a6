"""Pulling customers and articles from SnelStart (S1, S2, S3, S5, S31) against the emulator."""

from __future__ import annotations

import pytest

from simon.catalog.models import Article
from simon.customers.models import Customer, WorkAddress
from simon.snelstart_sync.models import Connection, State, Stream, StreamCursor
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss

pytestmark = pytest.mark.django_db(transaction=True)


def test_s1_a_new_customer_in_snelstart_appears_in_simon_at_the_next_sync(linked_a):
    ss.create_customer(linked_a.api, "Bakkerij de Vries", "Kerkstraat 12A", relatiecode=5001)
    report = sync_organization(linked_a.organization.pk)
    assert report is not None and report.ok, report
    customer = Customer.objects.get(organization=linked_a.organization, relatiecode=5001)
    assert (
        customer.name,
        customer.street,
        customer.house_number,
        customer.house_number_addition,
    ) == (
        "Bakkerij de Vries",
        "Kerkstraat",
        "12",
        "A",
    )
    assert customer.source == "snelstart" and customer.active


def test_s3_the_debtor_address_becomes_the_first_work_address_and_user_addresses_survive(linked_a):
    relatie = ss.create_customer(linked_a.api, "Jansen BV", "Molenweg 3", relatiecode=5002)
    sync_organization(linked_a.organization.pk)
    customer = Customer.objects.get(relatiecode=5002)
    WorkAddress.objects.create(
        organization=customer.organization,
        customer=customer,
        label="Vakantiehuis",
        street="Strandweg",
        house_number="1",
        city="Zandvoort",
    )
    ss.update_relatie(
        linked_a.api,
        relatie,
        vestigingsAdres={**relatie["vestigingsAdres"], "straat": "Molenweg 5"},
    )
    sync_organization(linked_a.organization.pk)
    addresses = sorted(
        (a.source, a.street, a.house_number) for a in customer.work_addresses.filter(active=True)
    )
    assert addresses == [("local", "Strandweg", "1"), ("snelstart", "Molenweg", "5")]
    customer.refresh_from_db()
    assert customer.house_number == "5"


def test_s5_an_inactive_customer_disappears_at_the_next_incremental_sync(linked_a):
    relatie = ss.create_customer(linked_a.api, "Oud Klant", relatiecode=5003)
    sync_organization(linked_a.organization.pk)
    assert Customer.objects.visible().filter(relatiecode=5003).exists()
    ss.update_relatie(linked_a.api, relatie, nonactief=True)
    sync_organization(linked_a.organization.pk)
    assert not Customer.objects.visible().filter(relatiecode=5003).exists()
    assert Customer.objects.filter(relatiecode=5003, active=False).count() == 1


def test_s2_only_articles_of_the_chosen_groups_case_sensitively(linked_a):
    groups = ss.groups(linked_a.api)
    chosen, other = groups[0], groups[1]
    linked_a.settings(article_groups=[chosen["omschrijving"]])
    ss.create_article(linked_a.api, "IN-1", chosen)
    ss.create_article(linked_a.api, "OUT-1", other)
    sync_organization(linked_a.organization.pk)
    codes = set(Article.objects.visible().values_list("article_code", flat=True))
    assert "IN-1" in codes and "OUT-1" not in codes


def test_s5_an_article_moved_out_of_the_chosen_groups_is_hidden(linked_a):
    groups = ss.groups(linked_a.api)
    linked_a.settings(article_groups=[groups[0]["omschrijving"]])
    artikel = ss.create_article(linked_a.api, "MOVE-1", groups[0])
    sync_organization(linked_a.organization.pk)
    assert Article.objects.visible().filter(article_code="MOVE-1").exists()
    ss.update_article(linked_a.api, artikel, artikelOmzetgroep={"id": groups[1]["id"]})
    sync_organization(linked_a.organization.pk)
    assert not Article.objects.visible().filter(article_code="MOVE-1").exists()


def test_s31_an_idle_sync_costs_one_request_per_stream(linked_a):
    ss.create_customer(linked_a.api, "Eenmalig", relatiecode=5004)
    sync_organization(linked_a.organization.pk)
    emulator = linked_a.emulator
    emulator.reset_request_count(linked_a.admin.administration_id)
    report = sync_organization(linked_a.organization.pk)
    assert report.ok
    counts = emulator.request_counts(linked_a.admin.administration_id)["by_endpoint"]
    assert counts == {"GET /artikelomzetgroepen": 1, "GET /artikelen": 1, "GET /relaties": 1}


def test_the_first_completed_sync_makes_the_integration_active(linked_a):
    assert linked_a.connection.state == State.CONFIGURED
    sync_organization(linked_a.organization.pk)
    linked_a.connection.refresh_from_db()
    assert linked_a.connection.state == State.ACTIVE
    cursor = StreamCursor.objects.get(organization=linked_a.organization, stream=Stream.CUSTOMERS)
    assert cursor.bookmark is not None and cursor.run_started_at is None


def test_records_read_again_unchanged_are_not_stored_again_and_an_idle_sync_is_cheap(linked_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    relatie = ss.create_customer(linked_a.api, "Overlap BV", "Kerkstraat 1", relatiecode=5101)
    assert sync_organization(linked_a.organization.pk).ok
    customer = Customer.objects.get(relatiecode=5101)
    # Drift made behind the sync's back: a record re-read unchanged (the overlap) is not
    # written again, so the drift stays until SnelStart changes the record (or the clean-up).
    Customer.objects.filter(pk=customer.pk).update(name="Lokaal")

    with CaptureQueriesContext(connection) as idle:
        report = sync_organization(linked_a.organization.pk)

    assert report.ok and report.streams[Stream.CUSTOMERS].outcome.unchanged >= 1
    assert Customer.objects.get(pk=customer.pk).name == "Lokaal"
    writes = [q["sql"] for q in idle.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert not any('streamcursor" SET "bookmark"' in sql for sql in writes), writes
    assert len(idle.captured_queries) <= 10, [q["sql"][:80] for q in idle.captured_queries]

    ss.update_relatie(linked_a.api, relatie, naam="Overlap en Zonen BV")
    assert sync_organization(linked_a.organization.pk).ok
    assert Customer.objects.get(pk=customer.pk).name == "Overlap en Zonen BV"


def test_a_sync_that_changed_something_says_so_once_per_table(linked_a):
    from simon.snelstart_sync.models import Kind, LogMessage, Table

    Connection.objects.filter(pk=linked_a.connection.pk).update(state=State.ACTIVE)
    group = ss.groups(linked_a.api)[0]
    artikel = ss.create_article(linked_a.api, "LOG-1", group)
    assert sync_organization(linked_a.organization.pk).ok
    LogMessage.objects.all().delete()
    ss.create_customer(linked_a.api, "Log Een", relatiecode=5201)
    ss.create_customer(linked_a.api, "Log Twee", relatiecode=5202)
    ss.update_article(linked_a.api, artikel, omschrijving="Gewijzigd artikel")

    assert sync_organization(linked_a.organization.pk).ok

    rows = {
        (m.table, m.message)
        for m in LogMessage.objects.filter(organization=linked_a.organization, kind=Kind.INFO)
    }
    assert rows == {
        (
            Table.CUSTOMER,
            "Klanten en hun werkadressen uit SnelStart overgenomen: 2 nieuw, 0 gewijzigd.",
        ),
        (Table.ARTICLE, "Artikelen uit SnelStart overgenomen: 0 nieuw, 1 gewijzigd."),
    }
    LogMessage.objects.all().delete()
    assert sync_organization(linked_a.organization.pk).ok  # nothing changed: nothing said
    assert not LogMessage.objects.filter(kind=Kind.INFO).exists()
