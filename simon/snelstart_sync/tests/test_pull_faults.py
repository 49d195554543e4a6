"""The pull under failure: bad keys, revoked keys, 429 and 5xx storms, interrupted runs."""

from __future__ import annotations

import pytest

from simon.catalog.models import Article
from simon.customers.models import Customer
from simon.snelstart_sync import pull
from simon.snelstart_sync.models import (
    Connection,
    Kind,
    LogMessage,
    State,
    Stream,
    StreamCursor,
    SyncRun,
)
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.conftest import link

pytestmark = pytest.mark.django_db(transaction=True)


def errors_of(organization):
    return list(
        LogMessage.objects.filter(organization=organization).values_list(
            "kind", "message", "action"
        )
    )


def test_a_revoked_key_during_sync_becomes_an_error_with_the_action_to_take(linked_a):
    ss.create_customer(linked_a.api, "Voor intrekken", relatiecode=6001)
    assert sync_organization(linked_a.organization.pk).ok
    linked_a.emulator.revoke_key(linked_a.admin.client_key)
    report = sync_organization(linked_a.organization.pk)
    assert not report.ok
    message = LogMessage.objects.get(organization=linked_a.organization, kind=Kind.ERROR)
    assert "koppelsleutel niet (meer)" in message.message
    assert "nieuwe koppelsleutel" in message.action and "'Koppel opnieuw'" in message.action
    connection = Connection.objects.get(pk=linked_a.connection.pk)
    assert connection.consecutive_failures == 1
    # Retrying cannot help: paused until 'Koppel opnieuw' (issue 11), not retried every hour.
    assert connection.state == State.PAUSED and connection.next_sync_at is None
    # What was synced before stays.
    assert Customer.objects.filter(relatiecode=6001, active=True).exists()


def test_repeated_failures_fold_into_one_message(linked_a, settings):
    settings.SNELSTART_MAX_ATTEMPTS = 1
    for _ in range(3):
        linked_a.emulator.set_faults(
            linked_a.admin.administration_id, fail_next_count=1, fail_next_status=503
        )
        Connection.objects.filter(pk=linked_a.connection.pk).update(next_sync_at=None)
        sync_organization(linked_a.organization.pk)
    rows = LogMessage.objects.filter(organization=linked_a.organization, kind=Kind.WARNING)
    assert [(r.count, "niet bereikbaar" in r.message) for r in rows] == [(3, True)]


def test_a_paused_integration_is_not_retried(linked_a):
    linked_a.emulator.revoke_key(linked_a.admin.client_key)
    for _ in range(3):
        Connection.objects.filter(pk=linked_a.connection.pk).update(next_sync_at=None)
        sync_organization(linked_a.organization.pk)
    rows = LogMessage.objects.filter(organization=linked_a.organization, kind=Kind.ERROR)
    assert [(r.count, r.message.startswith("De koppeling is gepauzeerd")) for r in rows] == [
        (1, True)
    ]
    assert linked_a.emulator.request_counts(linked_a.admin.administration_id)["token"] == 1


def test_snelstart_answering_503_for_a_while_is_retried_within_the_sync(linked_a):
    ss.create_customer(linked_a.api, "Na storing", relatiecode=6002)
    linked_a.emulator.set_faults(
        linked_a.admin.administration_id, fail_next_count=2, fail_next_status=503
    )
    report = sync_organization(linked_a.organization.pk)
    assert report.ok, report.error
    assert Customer.objects.filter(relatiecode=6002).exists()
    # The run keeps SnelStart's answers by status for the metrics endpoint.
    run = SyncRun.objects.filter(organization=linked_a.organization).latest("started_at")
    assert run.statuses["503"] == 2 and run.statuses["200"] >= 3


def test_snelstart_down_for_long_warns_then_recovers_with_an_info_line(linked_a, settings):
    linked_a.emulator.set_faults(
        linked_a.admin.administration_id, fail_next_count=50, fail_next_status=503
    )
    report = sync_organization(linked_a.organization.pk)
    assert not report.ok
    assert [k for k, _m, _a in errors_of(linked_a.organization)] == [Kind.WARNING]
    linked_a.emulator.set_faults(linked_a.admin.administration_id)
    Connection.objects.filter(pk=linked_a.connection.pk).update(next_sync_at=None)
    assert sync_organization(linked_a.organization.pk).ok
    messages = [m for _k, m, _a in errors_of(linked_a.organization)]
    assert "De verbinding met SnelStart werkt weer." in messages


def test_429_storm_is_waited_out_and_nothing_is_lost(linked_a):
    for n in range(3):
        ss.create_customer(linked_a.api, f"Klant {n}", relatiecode=6100 + n)
    linked_a.emulator.set_faults(
        linked_a.admin.administration_id, fail_next_count=2, fail_next_status=429
    )
    report = sync_organization(linked_a.organization.pk)
    assert report.ok, report.error
    assert Customer.objects.filter(relatiecode__gte=6100, relatiecode__lt=6103).count() == 3


def test_a_sync_interrupted_between_pages_resumes_without_loss(org_b, snelstart_at, settings):
    settings.SNELSTART_IMPORT_WORKERS = 1
    linked = link(org_b, snelstart_at, customers=0, articles=1300, groups=2)
    linked.settings()
    # The worker dies after storing the first page of articles (of three).
    original = pull._store_page
    stored_pages = []

    def store_then_crash(read, page):
        if read.stream == Stream.ARTICLES and len(stored_pages) == 1:
            raise RuntimeError("worker killed between pages")
        outcome = original(read, page)
        stored_pages.append(page.skip)
        return outcome

    pull._store_page = store_then_crash
    try:
        report = sync_organization(org_b.pk)
    finally:
        pull._store_page = original
    assert not report.ok and "worker killed" in report.error
    cursor = StreamCursor.objects.get(organization=org_b, stream=Stream.ARTICLES)
    assert (cursor.run_next_skip, cursor.run_started_at is not None) == (500, True)
    first_start = cursor.run_started_at
    visible_after_crash = Article.objects.filter(organization=org_b).count()
    assert 0 < visible_after_crash <= 500
    Connection.objects.filter(pk=linked.connection.pk).update(next_sync_at=None)
    report = sync_organization(org_b.pk)
    assert report.ok, report.error
    assert report.streams[Stream.ARTICLES].resumed is True
    assert report.streams[Stream.ARTICLES].pages == 2  # skip 500 and 1000, not from 0
    active_ids = {
        a["id"]
        for a in linked.api.get("/artikelen", params={"$top": 500, "$skip": 0}).json()
        + linked.api.get("/artikelen", params={"$top": 500, "$skip": 500}).json()
        + linked.api.get("/artikelen", params={"$top": 500, "$skip": 1000}).json()
        if not a["isNonActief"]
    }
    simon_ids = {
        str(s)
        for s in Article.objects.visible()
        .filter(organization=org_b)
        .values_list("snelstart_id", flat=True)
    }
    assert simon_ids == active_ids
    cursor.refresh_from_db()
    assert cursor.bookmark <= first_start
    linked.api.close()
