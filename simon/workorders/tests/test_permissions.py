"""Who may see and change which work order (SPEC S6, S8; simon.workorders.permissions)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from simon.forms import services as form_services
from simon.tenants.models import Membership
from simon.testing import DAY
from simon.workorders import services
from simon.workorders.errors import WorkOrderPermissionDenied
from simon.workorders.models import TimeKind, WorkOrder, WorkOrderStatus
from simon.workorders.permissions import can_edit, can_view, visible_work_orders

pytestmark = pytest.mark.django_db


def member(user):
    return Membership.objects.get(user=user)


@pytest.fixture
def booked(planned, bob, article):
    """bob's order with one hour of work and one material line."""
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind=TimeKind.WORK, date=DAY, minutes=60
    )
    line = services.add_material(planned, by=bob, article=article, quantity="2")
    return planned, entry, line


@pytest.fixture
def template(org_a):
    template = form_services.create_template(org_a, name="Veiligheidscheck")
    form_services.add_question(template, label="Gas dicht?", kind="yes_no")
    return template


def every_mutation(work_order, entry, line, article, template, user):
    """Each mutating service on this order, as ``user``; (name, call) pairs."""
    return [
        ("update_work_order", lambda: services.update_work_order(work_order, by=user)),
        (
            "plan_work_order",
            lambda: services.plan_work_order(work_order, by=user, date=DAY, employees=[user]),
        ),
        (
            "add_time_entry",
            lambda: services.add_time_entry(
                work_order, by=user, employee=user, kind="werktijd", date=DAY, minutes=30
            ),
        ),
        ("update_time_entry", lambda: services.update_time_entry(entry, by=user, minutes=90)),
        ("delete_time_entry", lambda: services.delete_time_entry(entry, by=user)),
        (
            "add_material",
            lambda: services.add_material(work_order, by=user, article=article, quantity=1),
        ),
        ("update_material", lambda: services.update_material(line, by=user, quantity=5)),
        ("delete_material", lambda: services.delete_material(line, by=user)),
        ("report_complete", lambda: services.report_complete(work_order, by=user)),
        ("reopen", lambda: services.reopen(work_order, by=user)),
        ("archive", lambda: services.archive(work_order, by=user)),
        ("attach_form", lambda: form_services.attach_form(work_order, template, by=user)),
    ]


def assert_nothing_changed(work_order, status, entry, line):
    stored = WorkOrder.objects.get(pk=work_order.pk)
    assert stored.status == status
    assert list(stored.time_entries.values_list("pk", "minutes")) == [(entry.pk, 60)]
    assert list(stored.material_lines.values_list("pk", "quantity")) == [(line.pk, Decimal(2))]
    assert stored.form_responses.count() == 0


def test_a_monteur_cannot_touch_another_employees_work_order(booked, dave, article, template):
    work_order, entry, line = booked
    for name, call in every_mutation(work_order, entry, line, article, template, dave):
        with pytest.raises(WorkOrderPermissionDenied) as error:
            call()
        assert error.value.may_view is False, name
    assert_nothing_changed(work_order, WorkOrderStatus.PLANNED, entry, line)


def test_a_monteur_cannot_change_an_order_after_reporting_it_complete(
    booked, bob, article, template
):
    work_order, entry, line = booked
    services.report_complete(work_order, by=bob)

    for name, call in every_mutation(work_order, entry, line, article, template, bob):
        with pytest.raises(WorkOrderPermissionDenied) as error:
            call()
        assert error.value.may_view is True, name
    assert_nothing_changed(work_order, WorkOrderStatus.COMPLETED, entry, line)


def test_the_office_corrects_hours_and_materials_of_a_completed_order(booked, bob, karin, article):
    work_order, entry, line = booked
    services.report_complete(work_order, by=bob)

    services.update_time_entry(entry, by=karin, minutes=45)
    services.update_material(line, by=karin, quantity="1.5")
    services.add_time_entry(
        work_order, by=karin, employee=bob, kind=TimeKind.TRAVEL, date=DAY, minutes=15
    )

    assert services.totals(work_order).work_minutes == 45
    assert services.totals(work_order).travel_minutes == 15
    line.refresh_from_db()
    assert line.quantity == Decimal("1.5")
    assert WorkOrder.objects.get(pk=work_order.pk).status == WorkOrderStatus.COMPLETED


@pytest.mark.parametrize("who", ["alice", "karin", "bob"])
def test_an_archived_order_is_read_only_for_everyone(
    booked, alice, karin, bob, article, template, who
):
    work_order, entry, line = booked
    services.report_complete(work_order, by=bob)
    services.archive(work_order, by=alice)
    user = {"alice": alice, "karin": karin, "bob": bob}[who]

    for name, call in every_mutation(work_order, entry, line, article, template, user):
        if name == "archive":
            continue  # refused as 'al gearchiveerd', covered in test_status_flow
        with pytest.raises(WorkOrderPermissionDenied):
            call()
    assert_nothing_changed(work_order, WorkOrderStatus.ARCHIVED, entry, line)


def test_the_system_cannot_change_an_archived_order_either(booked, alice, bob, article):
    work_order, _entry, _line = booked
    services.report_complete(work_order, by=bob)
    services.archive(work_order, by=alice)

    with pytest.raises(WorkOrderPermissionDenied):
        services.add_material(work_order, by=None, article=article, quantity=1)


def test_a_monteur_registers_only_their_own_hours(planned, bob, dave):
    services.plan_work_order(planned, by=bob, date=DAY, employees=[bob, dave])

    with pytest.raises(WorkOrderPermissionDenied) as error:
        services.add_time_entry(
            planned, by=bob, employee=dave, kind=TimeKind.WORK, date=DAY, minutes=30
        )

    assert error.value.message == "Je kunt alleen je eigen uren registreren."


def test_view_and_edit_rules(planned, alice, karin, bob, dave, charlie):
    assert [can_view(member(u), planned) for u in (alice, karin, bob, dave, charlie)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert [can_edit(member(u), planned) for u in (alice, karin, bob, dave, charlie)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    services.report_complete(planned, by=bob)
    assert [can_edit(member(u), planned) for u in (alice, karin, bob)] == [True, True, False]
    assert can_view(member(bob), planned) is True
    services.archive(planned, by=alice)
    assert [can_edit(member(u), planned) for u in (alice, karin, bob)] == [False, False, False]
    assert can_view(None, planned) is False


def test_visible_work_orders_lists_only_what_the_member_may_see(org_a, org_b, karin, bob, dave):
    mine = services.create_work_order(org_a, by=karin, planned_date=DAY, employees=[bob])
    theirs = services.create_work_order(org_a, by=karin, planned_date=DAY, employees=[dave])
    unplanned = services.create_work_order(org_a, by=karin)
    services.create_work_order(org_b, by=None)

    assert set(visible_work_orders(member(karin))) == {mine, theirs, unplanned}
    assert list(visible_work_orders(member(bob))) == [mine]
    assert list(visible_work_orders(None)) == []
