"""Registrations with an app-id (client_id) are booked once by the services (issue 13)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections

from simon.testing import DAY
from simon.workorders import services
from simon.workorders.errors import RegistrationConflict, RegistrationRemoved
from simon.workorders.models import MaterialLine, RemovedRegistration, TimeEntry, WorkOrder


def book(work_order, bob, client_id, minutes=30):
    return services.add_time_entry(
        work_order,
        by=bob,
        employee=bob,
        kind="werktijd",
        date=DAY,
        minutes=minutes,
        client_id=client_id,
    )


@pytest.mark.django_db
def test_the_same_id_twice_returns_the_first_entry(planned, bob):
    client_id = uuid.uuid4()

    first = book(planned, bob, client_id, 30)
    again = book(planned, bob, client_id, 99)

    assert again.pk == first.pk
    assert list(TimeEntry.objects.values_list("minutes", flat=True)) == [30]


@pytest.mark.django_db
def test_entries_without_an_id_are_independent(planned, bob):
    book(planned, bob, None)
    book(planned, bob, None)

    assert TimeEntry.objects.count() == 2


@pytest.mark.django_db
def test_deleting_a_line_with_an_id_keeps_the_id(planned, bob, alice, article):
    client_id = uuid.uuid4()
    line = services.add_material(
        planned, by=bob, article=article, quantity="1", client_id=client_id
    )

    services.delete_material(line, by=alice)

    removed = RemovedRegistration.objects.get()
    assert (removed.client_id, removed.work_order_id, removed.removed_by) == (
        client_id,
        planned.pk,
        alice,
    )
    with pytest.raises(RegistrationRemoved):
        services.add_material(planned, by=bob, article=article, quantity="1", client_id=client_id)
    assert MaterialLine.objects.count() == 0


@pytest.mark.django_db
def test_an_id_of_a_material_line_is_not_an_id_of_hours(planned, bob, article):
    """Ids are unique per kind of row; the app never shares one, the database allows it."""
    client_id = uuid.uuid4()
    services.add_material(planned, by=bob, article=article, quantity="1", client_id=client_id)

    entry = book(planned, bob, client_id)

    assert entry.client_id == client_id


@pytest.mark.django_db
def test_another_organization_may_use_the_same_id(planned, bob, org_b, charlie):
    client_id = uuid.uuid4()
    book(planned, bob, client_id)
    theirs = services.create_work_order(org_b, by=charlie, planned_date=DAY, employees=[charlie])

    entry = book(theirs, charlie, client_id)

    assert entry.organization_id == org_b.pk
    assert TimeEntry.objects.filter(client_id=client_id).count() == 2


@pytest.mark.django_db
def test_an_id_is_one_persons(planned, bob, dave, alice):
    services.plan_work_order(planned, by=alice, date=DAY, employees=[bob, dave])
    client_id = uuid.uuid4()
    book(planned, bob, client_id)

    with pytest.raises(RegistrationConflict):
        book(planned, dave, client_id)


@pytest.mark.django_db(transaction=True)
def test_concurrent_replays_on_postgresql_book_once(org_a, alice, bob):
    if connection.vendor != "postgresql":
        pytest.skip("needs real row locks (SQLite serializes writers with its IMMEDIATE lock)")
    work_order = services.create_work_order(org_a, by=alice, planned_date=DAY, employees=[bob])
    client_id = uuid.uuid4()
    barrier = threading.Barrier(6)
    booked: list[int] = []

    def replay() -> None:
        try:
            barrier.wait()
            fresh = WorkOrder.objects.get(pk=work_order.pk)
            booked.append(book(fresh, bob, client_id).pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=replay) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(booked) == 6
    assert len(set(booked)) == 1
    assert TimeEntry.objects.count() == 1
