"""The cadence of the schedule: one sync per organization per interval, whatever the number of
workers, ticks and restarts (issue 11: 12, 21, 30 and 29 syncs a minute were seen at a
5-second interval).

A simulation on the real schedule code and database: time is moved with time-machine; every
minute each of the workers' schedulers ticks; a job asks ``tasks.sync_if_due`` at its time,
and a follow-up it asks for is queued at the time it names. The sync itself is replaced by a
recorder: what is tested is how often it is asked to run, not what it does.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from simon.snelstart_sync import schedule, sync, tasks
from simon.snelstart_sync.models import Connection, State
from simon.tenants.models import Organization

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 7, 9, 0, 0, tzinfo=UTC)


def simulate(
    minutes: int, workers: int, organizations: int, *, restarts: int = 0, busy: float = 1.0
) -> dict[int, Counter[int]]:
    """Syncs run per organization per minute. ``restarts``: extra ticks (a worker starting
    anew ticks at once), spread over the run. ``busy``: seconds a sync takes."""
    orgs = [Organization.objects.create(name=f"Org {i}") for i in range(organizations)]
    for org in orgs:
        Connection.objects.create(organization=org, state=State.ACTIVE, next_sync_at=START)
    runs: dict[int, Counter[int]] = {org.pk: Counter() for org in orgs}
    queue: list[tuple[datetime, int, int]] = []
    order = itertools.count()

    def recorder(organization_id: int) -> None:
        runs[organization_id][int((timezone.now() - START).total_seconds() // 60)] += 1

    end = START + timedelta(minutes=minutes)
    tick_times = [START + timedelta(minutes=m) for m in range(minutes)]
    ticks = [(t, w) for t in tick_times for w in range(workers)]
    ticks += [(START + timedelta(seconds=37 + 61 * r), -1) for r in range(restarts)]
    with time_machine.travel(START, tick=False) as clock:
        original = sync.sync_organization
        sync.sync_organization = recorder
        try:
            for moment, _worker in sorted(ticks):
                if moment >= end:
                    break
                while queue and queue[0][0] <= moment:
                    _drain_one(queue, clock, order, busy)
                clock.move_to(max(moment, timezone.now()))  # a tick waits for a busy worker
                for organization_id in schedule.due_organizations("sync"):
                    heapq.heappush(queue, (timezone.now(), next(order), organization_id))
            while queue and queue[0][0] < end:
                _drain_one(queue, clock, order, busy)
        finally:
            sync.sync_organization = original
    return runs


def _drain_one(queue, clock, order, busy: float) -> None:
    at, _n, organization_id = heapq.heappop(queue)
    clock.move_to(max(at, timezone.now()))
    again = tasks.sync_if_due(organization_id)
    clock.shift(timedelta(seconds=busy))
    if again is not None:
        heapq.heappush(queue, (again, next(order), organization_id))


@pytest.mark.parametrize("workers", [1, 3])
def test_every_5_seconds_means_12_syncs_a_minute_with_any_number_of_workers(settings, workers):
    settings.SNELSTART_SYNC_INTERVAL_SECONDS = 5
    runs = simulate(minutes=4, workers=workers, organizations=3, restarts=3)
    for per_minute in runs.values():
        assert [per_minute[m] for m in range(4)] == [12, 12, 12, 12], per_minute


def test_every_minute_means_one_sync_a_minute(settings):
    settings.SNELSTART_SYNC_INTERVAL_SECONDS = 60
    runs = simulate(minutes=5, workers=3, organizations=2, restarts=4)
    for per_minute in runs.values():
        assert [per_minute[m] for m in range(5)] == [1, 1, 1, 1, 1]


def test_every_five_minutes_means_one_sync_in_five(settings):
    settings.SNELSTART_SYNC_INTERVAL_SECONDS = 300
    runs = simulate(minutes=10, workers=2, organizations=1)
    [per_minute] = runs.values()
    assert sum(per_minute.values()) == 2 and per_minute[0] == 1 and per_minute[5] == 1


def test_a_sync_slower_than_its_interval_never_piles_up(settings):
    settings.SNELSTART_SYNC_INTERVAL_SECONDS = 5
    runs = simulate(minutes=3, workers=3, organizations=1, busy=12.0)
    [per_minute] = runs.values()
    # One at a time, back to back: 60 s / (12 s work) = 5 a minute, never more.
    assert all(n <= 5 for n in per_minute.values()), per_minute


def test_a_failed_sync_backs_off_and_the_chain_ends(settings):
    settings.SNELSTART_SYNC_INTERVAL_SECONDS = 5
    org = Organization.objects.create(name="Storing BV")
    with time_machine.travel(START, tick=False):
        Connection.objects.create(organization=org, state=State.ACTIVE, next_sync_at=START)
        original = sync.sync_organization

        def failing(organization_id: int) -> None:
            Connection.objects.filter(organization_id=organization_id).update(
                next_sync_at=timezone.now() + timedelta(minutes=10)
            )

        sync.sync_organization = failing
        try:
            again = tasks.sync_if_due(org.pk)
        finally:
            sync.sync_organization = original
        assert again == START + timedelta(minutes=10)
        assert not schedule.claim(org.pk, "sync")  # the follow-up at 'again'… not before
