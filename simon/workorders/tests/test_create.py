"""Creating work orders: who may, which customer and work address, and the starting status."""

from __future__ import annotations

from datetime import time

import pytest

from simon.testing import DAY, make_address, make_customer
from simon.workorders import services
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.models import StatusChange, WorkOrder, WorkOrderStatus

pytestmark = pytest.mark.django_db


def test_an_order_without_planning_starts_open(org_a, alice, customer):
    work_order = services.create_work_order(org_a, by=alice, customer=customer)

    assert work_order.status == WorkOrderStatus.OPEN
    assert work_order.created_by == alice
    assert list(work_order.employees.all()) == []


def test_an_order_with_a_date_and_employees_is_planned_right_away(org_a, alice, bob, dave):
    work_order = services.create_work_order(
        org_a,
        by=alice,
        planned_date=DAY,
        planned_start=time(8, 0),
        planned_end=time(12, 30),
        employees=[bob, dave, bob],
    )

    assert work_order.status == WorkOrderStatus.PLANNED
    assert (work_order.planned_date, work_order.planned_start) == (DAY, time(8, 0))
    assert set(work_order.employees.all()) == {bob, dave}


def test_a_date_without_employees_is_refused(org_a, alice):
    with pytest.raises(WorkOrderError) as error:
        services.create_work_order(org_a, by=alice, planned_date=DAY)

    assert error.value.message == "Kies minstens één medewerker."
    assert WorkOrder.objects.count() == 0


def test_an_end_before_the_start_is_refused(org_a, alice, bob):
    with pytest.raises(WorkOrderError) as error:
        services.create_work_order(
            org_a,
            by=alice,
            planned_date=DAY,
            planned_start=time(10, 0),
            planned_end=time(9, 0),
            employees=[bob],
        )

    assert error.value.message == "De eindtijd moet na de begintijd liggen."


def test_a_work_address_of_another_customer_is_refused(org_a, alice, customer):
    other = make_customer(org_a, "Slagerij Pietersen")
    elsewhere = make_address(other, "Slachterij")

    with pytest.raises(WorkOrderError) as error:
        services.create_work_order(org_a, by=alice, customer=customer, work_address=elsewhere)

    assert error.value.message == "Het werkadres hoort niet bij de klant van de werkbon."
    assert error.value.field == "work_address"
    assert WorkOrder.objects.count() == 0


def test_a_work_address_without_a_customer_is_refused(org_a, alice, address):
    with pytest.raises(WorkOrderError):
        services.create_work_order(org_a, by=alice, work_address=address)


def test_a_customer_of_another_organization_is_refused(org_a, org_b, alice):
    foreign = make_customer(org_b, "Klant van Bravo")

    with pytest.raises(WorkOrderError) as error:
        services.create_work_order(org_a, by=alice, customer=foreign)

    assert error.value.message == "Onbekende klant."
    assert WorkOrder.objects.count() == 0


def test_an_inactive_customer_is_refused_for_new_orders(org_a, alice, customer):
    customer.active = False
    customer.save()

    with pytest.raises(WorkOrderError) as error:
        services.create_work_order(org_a, by=alice, customer=customer)

    assert error.value.message == "Deze klant is niet meer actief."


def test_an_order_may_lack_a_customer(org_a, alice):
    work_order = services.create_work_order(org_a, by=alice, description="Lekkage")

    assert work_order.customer is None


def test_a_monteur_creating_on_site_is_planned_on_the_order(org_a, bob, customer):
    work_order = services.create_work_order(org_a, by=bob, customer=customer, planned_date=DAY)

    assert work_order.status == WorkOrderStatus.PLANNED
    assert list(work_order.employees.all()) == [bob]


def test_an_outsider_cannot_create_an_order(org_a, charlie):
    with pytest.raises(WorkOrderPermissionDenied) as error:
        services.create_work_order(org_a, by=charlie)

    assert error.value.may_view is False
    assert WorkOrder.objects.count() == 0


def test_an_employee_of_another_organization_cannot_be_planned(org_a, alice, charlie):
    with pytest.raises(WorkOrderError) as error:
        services.create_work_order(org_a, by=alice, planned_date=DAY, employees=[charlie])

    assert error.value.field == "employees"


def test_creation_is_recorded_as_the_first_status_change(org_a, alice, customer):
    work_order = services.create_work_order(org_a, by=alice, customer=customer)

    change = StatusChange.objects.get(work_order=work_order)
    assert (change.from_status, change.to_status, change.by) == ("", "open", alice)
    assert change.organization_id == org_a.pk


def test_a_snelstart_sales_order_becomes_a_work_order_only_once(org_a):
    import uuid

    order_id = uuid.uuid4()
    services.create_work_order(org_a, by=None, source="snelstart", snelstart_order_id=order_id)

    with pytest.raises(WorkOrderError):
        services.create_work_order(org_a, by=None, source="snelstart", snelstart_order_id=order_id)

    assert WorkOrder.objects.filter(snelstart_order_id=order_id).count() == 1


def test_the_office_changes_customer_and_address_together(org_a, alice, planned):
    other = make_customer(org_a, "Slagerij Pietersen")
    other_address = make_address(other, "Slachterij")

    services.update_work_order(
        planned, by=alice, customer=other, work_address=other_address, customer_reference="PO-7"
    )

    planned.refresh_from_db()
    assert (planned.customer, planned.work_address) == (other, other_address)
    assert planned.customer_reference == "PO-7"


def test_changing_the_customer_alone_keeps_no_foreign_address(org_a, alice, planned):
    other = make_customer(org_a, "Slagerij Pietersen")

    with pytest.raises(WorkOrderError) as error:
        services.update_work_order(planned, by=alice, customer=other)

    assert error.value.field == "work_address"


def test_a_monteur_may_not_change_the_order_header(planned, bob):
    with pytest.raises(WorkOrderPermissionDenied) as error:
        services.update_work_order(planned, by=bob, description="anders")

    assert error.value.message == "Alleen kantoormedewerkers mogen dit doen."
