"""Tenant isolation at the service level: org B's objects are refused wherever A's are expected."""

from __future__ import annotations

import pytest

from simon.testing import DAY, make_address, make_article, make_customer
from simon.workorders import services
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.models import MaterialLine, TimeEntry, TimeKind, WorkOrder, WorkOrderStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(org_b, charlie):
    customer = make_customer(org_b, "Klant van Bravo")
    return {
        "customer": customer,
        "address": make_address(customer, "Bravo-locatie"),
        "article": make_article(org_b, "BRAVO-1", "Artikel van Bravo"),
        "order": services.create_work_order(
            org_b, by=charlie, customer=customer, planned_date=DAY, employees=[charlie]
        ),
    }


def test_a_foreign_customer_or_address_is_refused_on_create(org_a, alice, customer, foreign):
    with pytest.raises(WorkOrderError):
        services.create_work_order(org_a, by=alice, customer=foreign["customer"])
    with pytest.raises(WorkOrderError):
        services.create_work_order(
            org_a, by=alice, customer=customer, work_address=foreign["address"]
        )
    assert WorkOrder.objects.filter(organization=foreign["customer"].organization).count() == 1
    assert WorkOrder.objects.exclude(organization=foreign["customer"].organization).count() == 0


def test_a_foreign_customer_is_refused_on_update(planned, alice, foreign):
    with pytest.raises(WorkOrderError):
        services.update_work_order(
            planned, by=alice, customer=foreign["customer"], work_address=None
        )

    assert WorkOrder.objects.get(pk=planned.pk).customer != foreign["customer"]


def test_a_foreign_article_is_refused(planned, alice, bob, foreign, article):
    with pytest.raises(WorkOrderError) as error:
        services.add_material(planned, by=alice, article=foreign["article"], quantity=1)
    line = services.add_material(planned, by=bob, article=article, quantity=1)
    with pytest.raises(WorkOrderError):
        services.update_material(line, by=alice, article=foreign["article"])

    assert error.value.message == "Onbekend artikel."
    assert list(MaterialLine.objects.values_list("article", flat=True)) == [article.pk]


def test_a_foreign_employee_is_refused(planned, alice, charlie):
    with pytest.raises(WorkOrderError):
        services.plan_work_order(planned, by=alice, date=DAY, employees=[charlie])
    with pytest.raises(WorkOrderError):
        services.add_time_entry(
            planned, by=alice, employee=charlie, kind=TimeKind.WORK, date=DAY, minutes=5
        )

    assert TimeEntry.objects.count() == 0


def test_another_organizations_admin_cannot_touch_an_order(planned, charlie, bob, article):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind=TimeKind.WORK, date=DAY, minutes=60
    )
    line = services.add_material(planned, by=bob, article=article, quantity=1)
    calls = [
        lambda: services.update_work_order(planned, by=charlie, description="x"),
        lambda: services.plan_work_order(planned, by=charlie, date=DAY, employees=[charlie]),
        lambda: services.add_time_entry(
            planned, by=charlie, employee=charlie, kind=TimeKind.WORK, date=DAY, minutes=5
        ),
        lambda: services.update_time_entry(entry, by=charlie, minutes=1),
        lambda: services.delete_time_entry(entry, by=charlie),
        lambda: services.add_material(planned, by=charlie, article=article, quantity=1),
        lambda: services.update_material(line, by=charlie, quantity=9),
        lambda: services.delete_material(line, by=charlie),
        lambda: services.report_complete(planned, by=charlie),
        lambda: services.reopen(planned, by=charlie),
        lambda: services.archive(planned, by=charlie),
    ]
    for call in calls:
        with pytest.raises(WorkOrderPermissionDenied) as error:
            call()
        assert error.value.may_view is False

    stored = WorkOrder.objects.get(pk=planned.pk)
    assert stored.status == WorkOrderStatus.PLANNED
    assert list(stored.time_entries.values_list("minutes", flat=True)) == [60]
    assert list(stored.material_lines.values_list("quantity", flat=True)) == [1]


def test_archive_many_never_archives_another_organizations_order(org_a, alice, org_b, charlie):
    theirs = services.report_complete(services.create_work_order(org_b, by=charlie), by=charlie)

    result = services.archive_many(org_a, [theirs.code], by=alice)

    assert (result.archived, result.refused, result.unknown) == ([], [], [str(theirs.code)])
    assert WorkOrder.objects.get(pk=theirs.pk).status == WorkOrderStatus.COMPLETED


def test_an_admin_of_b_cannot_archive_for_a(org_a, charlie, completed):
    with pytest.raises(WorkOrderPermissionDenied):
        services.archive_many(org_a, [completed.code], by=charlie)


def test_deleting_an_organization_takes_its_work_orders_along(org_a, org_b, completed, foreign):
    org_a.delete()

    assert list(WorkOrder.objects.values_list("organization", flat=True)) == [org_b.pk]
