"""The status flow open -> ingepland -> gereed gemeld -> gearchiveerd (SPEC S8)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
import time_machine

from simon.testing import DAY
from simon.workorders import services
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.models import StatusChange, WorkOrder, WorkOrderStatus

pytestmark = pytest.mark.django_db
S = WorkOrderStatus


def test_planning_an_open_order_makes_it_planned(org_a, karin, bob, dave):
    work_order = services.create_work_order(org_a, by=karin)

    services.plan_work_order(
        work_order, by=karin, date=DAY, start=time(8), end=time(10), employees=[bob, dave]
    )

    assert work_order.status == S.PLANNED
    assert (work_order.planned_date, work_order.planned_end) == (DAY, time(10))
    assert set(work_order.employees.all()) == {bob, dave}


def test_replanning_replaces_the_employees_without_a_status_change(planned, karin, dave):
    services.plan_work_order(planned, by=karin, date=DAY, employees=[dave])

    assert list(planned.employees.all()) == [dave]
    assert planned.status_changes.count() == 1


def test_planning_needs_an_employee(planned, karin):
    with pytest.raises(WorkOrderError) as error:
        services.plan_work_order(planned, by=karin, date=DAY, employees=[])

    assert error.value.message == "Kies minstens één medewerker."


def test_a_completed_order_cannot_be_planned(completed, karin, bob):
    with pytest.raises(WorkOrderError) as error:
        services.plan_work_order(completed, by=karin, date=DAY, employees=[bob])

    assert error.value.message == "Alleen open of ingeplande werkbonnen kunnen worden ingepland."


def test_reporting_complete_sets_the_time(planned, bob):
    with time_machine.travel(datetime(2026, 3, 16, 15, 0, tzinfo=UTC), tick=False):
        services.report_complete(planned, by=bob)

    assert planned.status == S.COMPLETED
    assert planned.completed_at == datetime(2026, 3, 16, 15, 0, tzinfo=UTC)


def test_an_open_order_can_be_reported_complete_by_the_office(org_a, karin):
    work_order = services.create_work_order(org_a, by=karin)

    services.report_complete(work_order, by=karin)

    assert work_order.status == S.COMPLETED


def test_reporting_complete_twice_is_refused(completed, karin):
    with pytest.raises(WorkOrderError) as error:
        services.report_complete(completed, by=karin)

    assert (
        error.value.message == "Alleen open of ingeplande werkbonnen kunnen gereed worden gemeld."
    )


def test_reopening_a_planned_completed_order_makes_it_planned_again(completed, karin):
    services.reopen(completed, by=karin)

    assert completed.status == S.PLANNED
    assert completed.completed_at is None


def test_reopening_an_unplanned_completed_order_makes_it_open(org_a, karin):
    work_order = services.report_complete(services.create_work_order(org_a, by=karin), by=karin)

    services.reopen(work_order, by=karin)

    assert work_order.status == S.OPEN


def test_a_monteur_cannot_reopen(completed, bob):
    with pytest.raises(WorkOrderPermissionDenied):
        services.reopen(completed, by=bob)

    completed.refresh_from_db()
    assert completed.status == S.COMPLETED


@pytest.mark.parametrize("status", [S.OPEN, S.PLANNED])
def test_no_archive_unless_completed(org_a, karin, bob, status):
    work_order = services.create_work_order(
        org_a, by=karin, planned_date=DAY if status == S.PLANNED else None, employees=[bob]
    )

    with pytest.raises(WorkOrderError) as error:
        services.archive(work_order, by=karin)

    assert error.value.message == "Alleen gereed gemelde werkbonnen kunnen worden gearchiveerd."
    work_order.refresh_from_db()
    assert work_order.status == status
    assert work_order.archived_at is None
    assert not work_order.status_changes.filter(to_status=S.ARCHIVED).exists()


def test_archiving_a_completed_order(completed, alice):
    with time_machine.travel(datetime(2026, 3, 17, 9, 0, tzinfo=UTC), tick=False):
        services.archive(completed, by=alice)

    assert completed.status == S.ARCHIVED
    assert completed.archived_at == datetime(2026, 3, 17, 9, 0, tzinfo=UTC)


def test_archiving_twice_is_refused(archived, alice):
    with pytest.raises(WorkOrderError) as error:
        services.archive(archived, by=alice)

    assert error.value.message == "Deze werkbon is al gearchiveerd."


def test_a_monteur_cannot_archive(completed, bob):
    with pytest.raises(WorkOrderPermissionDenied):
        services.archive(completed, by=bob)

    assert WorkOrder.objects.get(pk=completed.pk).status == S.COMPLETED


def test_archive_many_archives_completed_orders_and_refuses_the_others_with_reasons(
    org_a, org_b, alice, karin, bob, charlie, completed, archived
):
    open_order = services.create_work_order(org_a, by=karin)
    done = services.report_complete(services.create_work_order(org_a, by=karin), by=karin)
    foreign = services.report_complete(services.create_work_order(org_b, by=charlie), by=charlie)

    result = services.archive_many(
        org_a,
        [done.code, open_order.code, archived.code, foreign.code, "geen-code"],
        by=alice,
    )

    assert [w.pk for w in result.archived] == [done.pk]
    assert [(w.pk, reason) for w, reason in result.refused] == [
        (open_order.pk, "Alleen gereed gemelde werkbonnen kunnen worden gearchiveerd."),
        (archived.pk, "Deze werkbon is al gearchiveerd."),
    ]
    assert result.unknown == [str(foreign.code), "geen-code"]
    assert WorkOrder.objects.get(pk=foreign.pk).status == S.COMPLETED
    assert WorkOrder.objects.get(pk=open_order.pk).status == S.OPEN


def test_archive_many_is_office_work(org_a, bob, completed):
    with pytest.raises(WorkOrderPermissionDenied):
        services.archive_many(org_a, [completed.code], by=bob)

    assert WorkOrder.objects.get(pk=completed.pk).status == S.COMPLETED


def test_every_status_change_is_recorded_with_who_and_when(org_a, alice, karin, bob):
    moments = [datetime(2026, 3, 16, h, 0, tzinfo=UTC) for h in (7, 8, 12, 13, 14, 15)]
    with time_machine.travel(moments[0], tick=False) as clock:
        work_order = services.create_work_order(org_a, by=karin)
        clock.move_to(moments[1])
        services.plan_work_order(work_order, by=karin, date=DAY, employees=[bob])
        clock.move_to(moments[2])
        services.report_complete(work_order, by=bob)
        clock.move_to(moments[3])
        services.reopen(work_order, by=karin)
        clock.move_to(moments[4])
        services.report_complete(work_order, by=bob)
        clock.move_to(moments[5])
        services.archive(work_order, by=alice)

    history = list(
        StatusChange.objects.filter(work_order=work_order).values_list(
            "from_status", "to_status", "by__username", "at"
        )
    )
    assert history == [
        ("", S.OPEN, "karin", moments[0]),
        (S.OPEN, S.PLANNED, "karin", moments[1]),
        (S.PLANNED, S.COMPLETED, "bob", moments[2]),
        (S.COMPLETED, S.PLANNED, "karin", moments[3]),
        (S.PLANNED, S.COMPLETED, "bob", moments[4]),
        (S.COMPLETED, S.ARCHIVED, "alice", moments[5]),
    ]
