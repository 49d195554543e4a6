"""The first import's fast paths: plain INSERTs and one-query id look-ups, per organization."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from simon.catalog.models import Article
from simon.customers.models import Customer
from simon.snelstart_sync import bulk

pytestmark = pytest.mark.django_db


def test_inserted_rows_read_back_as_the_orm_writes_them(org_a):
    sid = uuid.uuid4()
    bulk.insert_rows(
        Article,
        [
            {
                "organization_id": org_a.pk,
                "snelstart_id": sid,
                "article_code": "CV-01",
                "description": "Cv-ketel",
                "sales_price": Decimal("1234.5600"),
            }
        ],
    )
    row = Article.objects.get(organization=org_a, snelstart_id=sid)
    assert (row.article_code, row.sales_price, row.active) == ("CV-01", Decimal("1234.56"), True)
    assert row.created is not None and row.code.version == 7


def test_ids_are_looked_up_within_one_organization_only(org_a, org_b):
    shared, only_a, unknown = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    a1 = Customer.objects.create(organization=org_a, name="Jansen", snelstart_id=shared)
    a2 = Customer.objects.create(organization=org_a, name="De Vries", snelstart_id=only_a)
    b1 = Customer.objects.create(organization=org_b, name="Bakker", snelstart_id=shared)
    found_a = bulk.pks_by_snelstart_id(Customer, org_a.pk, [shared, only_a, unknown])
    found_b = bulk.pks_by_snelstart_id(Customer, org_b.pk, [shared, only_a, unknown])
    assert found_a == {shared: a1.pk, only_a: a2.pk}
    assert found_b == {shared: b1.pk}
    assert bulk.pks_by_snelstart_id(Customer, org_a.pk, []) == {}
