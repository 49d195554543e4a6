"""The clean-up (S4, S5): deletions in SnelStart and records made in Simon disappear."""

from __future__ import annotations

import pytest

from simon.catalog.models import Article
from simon.customers.models import Customer
from simon.snelstart_sync.cleanup import cleanup_organization
from simon.snelstart_sync.models import Stream, StreamCursor
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.workorders.models import WorkOrder
from simon.workorders.services import create_work_order

pytestmark = pytest.mark.django_db(transaction=True)


def delete(api, path):
    response = api.delete(path)
    assert response.status_code == 200, response.text


def test_s5_a_customer_deleted_in_snelstart_is_removed_by_the_cleanup(linked_a):
    gone = ss.create_customer(linked_a.api, "Verdwijnt", relatiecode=7001)
    stays = ss.create_customer(linked_a.api, "Blijft", relatiecode=7002)
    sync_organization(linked_a.organization.pk)
    delete(linked_a.api, f"/relaties/{gone['id']}")
    sync_organization(linked_a.organization.pk)
    assert Customer.objects.filter(relatiecode=7001).exists()  # a sync cannot see deletions
    report = cleanup_organization(linked_a.organization.pk)
    assert report.ok and report.customers_removed == 1
    assert not Customer.objects.filter(relatiecode=7001).exists()
    assert Customer.objects.get(relatiecode=7002).snelstart_id.hex == stays["id"].replace("-", "")


def test_s5_a_deleted_customer_that_a_work_order_uses_is_hidden_and_the_work_order_kept(
    linked_a, alice
):
    used = ss.create_customer(linked_a.api, "Met werkbon", relatiecode=7003)
    sync_organization(linked_a.organization.pk)
    customer = Customer.objects.get(relatiecode=7003)
    order = create_work_order(
        linked_a.organization, by=alice, customer=customer, description="Ketel vervangen"
    )
    delete(linked_a.api, f"/relaties/{used['id']}")
    report = cleanup_organization(linked_a.organization.pk)
    assert (report.customers_removed, report.customers_hidden) == (0, 1)
    customer.refresh_from_db()
    assert customer.active is False
    assert WorkOrder.objects.get(pk=order.pk).customer_id == customer.pk


def test_s4_customers_and_articles_made_in_simon_are_removed(linked_a):
    local_customer = Customer.objects.create(organization=linked_a.organization, name="Lokaal")
    group = ss.groups(linked_a.api)[0]
    ss.create_article(linked_a.api, "SS-1", group)
    sync_organization(linked_a.organization.pk)
    local_article = Article.objects.create(
        organization=linked_a.organization, article_code="LOKAAL", description="In Simon gemaakt"
    )
    report = cleanup_organization(linked_a.organization.pk)
    assert report.ok
    assert not Customer.objects.filter(pk=local_customer.pk).exists()
    assert not Article.objects.filter(pk=local_article.pk).exists()
    assert Article.objects.filter(article_code="SS-1", active=True).exists()


def test_the_cleanup_fetches_a_record_simon_missed(linked_a):
    relatie = ss.create_customer(linked_a.api, "Gemist", relatiecode=7004)
    sync_organization(linked_a.organization.pk)
    Customer.objects.filter(relatiecode=7004).delete()  # as if a read had skipped it
    report = cleanup_organization(linked_a.organization.pk)
    assert report.repaired == 1
    assert Customer.objects.get(relatiecode=7004).name == relatie["naam"]


def test_too_many_missing_records_make_the_next_sync_read_everything(linked_a, monkeypatch):
    from simon.snelstart_sync import cleanup

    for n in range(3):
        ss.create_customer(linked_a.api, f"Veel {n}", relatiecode=7100 + n)
    sync_organization(linked_a.organization.pk)
    Customer.objects.filter(relatiecode__gte=7100).delete()
    monkeypatch.setattr(cleanup, "REPAIR_LIMIT", 2)
    cleanup_organization(linked_a.organization.pk)
    assert not StreamCursor.objects.filter(
        organization=linked_a.organization, stream=Stream.CUSTOMERS
    ).exists()
    sync_organization(linked_a.organization.pk)
    assert Customer.objects.filter(relatiecode__gte=7100).count() == 3
