"""Time-ordered public codes (UUID version 7)."""

from __future__ import annotations

import time
import uuid

import pytest

from simon.lib import ids


def test_a_code_is_a_version_7_rfc_uuid():
    code = ids.uuid7()
    assert (code.version, code.variant) == (7, uuid.RFC_4122)


def test_a_batch_is_unique_and_well_formed():
    codes = [uuid.UUID(int=value) for value in ids.uuid7_ints(5000)]
    assert len(set(codes)) == 5000
    assert {(c.version, c.variant) for c in codes} == {(7, uuid.RFC_4122)}


def test_the_code_starts_with_the_creation_time_in_milliseconds(monkeypatch):
    monkeypatch.setattr(ids, "_last_ms", 0)
    monkeypatch.setattr(time, "time_ns", lambda: 1_790_000_000_123_456_789)
    assert ids.uuid7().int >> 80 == 1_790_000_000_123


def test_later_codes_sort_after_earlier_ones_even_when_the_clock_goes_back(monkeypatch):
    now = [1_790_000_000_000_000_000]
    monkeypatch.setattr(ids, "_last_ms", 0)
    monkeypatch.setattr(time, "time_ns", lambda: now[0])
    first = ids.uuid7()
    now[0] += 5_000_000  # 5 ms later
    second = ids.uuid7()
    now[0] -= 60_000_000_000  # the clock is set a minute back
    third = ids.uuid7()
    assert first.int >> 80 < second.int >> 80 == third.int >> 80


@pytest.mark.django_db
def test_rows_get_time_ordered_codes_also_when_inserted_in_bulk(org_a):
    from simon.catalog.models import Article
    from simon.snelstart_sync import bulk

    single = Article.objects.create(organization=org_a, article_code="A1", description="Een")
    bulk.insert_rows(
        Article,
        [
            {"organization_id": org_a.pk, "article_code": f"B{n}", "description": "Bulk"}
            for n in range(3)
        ],
    )
    codes = list(Article.objects.filter(organization=org_a).values_list("code", flat=True))
    assert len(set(codes)) == 4
    assert {code.version for code in codes} == {7}
    bulk_codes = [c for c in codes if c != single.code]
    assert min(c.int >> 80 for c in bulk_codes) >= single.code.int >> 80
