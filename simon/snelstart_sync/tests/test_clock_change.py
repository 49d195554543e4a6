"""No change is lost across the autumn clock change (CONTRACT §1, ADR 0001), end to end.

The emulator's clock is frozen at Dutch wall-clock times in the repeated hour of
2026-10-25; Simon's clock (for the run's start) follows in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from simon.customers.models import Customer
from simon.snelstart_sync import pull
from simon.snelstart_sync.models import Connection, Stream, StreamCursor
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss

pytestmark = pytest.mark.django_db(transaction=True)


def simon_clock_at(monkeypatch, instant: datetime) -> None:
    monkeypatch.setattr(pull, "timezone", SimpleNamespace(now=lambda: instant))


def test_a_change_in_the_second_0210_is_not_lost_after_one_at_the_first_0250(linked_a, monkeypatch):
    emulator = linked_a.emulator
    try:
        # 02:50 summer time (00:50 UTC): the first pass through the repeated hour.
        emulator.set_clock(local="2026-10-25T02:50:00", fold=0)
        ss.create_customer(linked_a.api, "Zomertijd", relatiecode=8001)
        simon_clock_at(monkeypatch, datetime(2026, 10, 25, 0, 51, tzinfo=UTC))
        assert sync_organization(linked_a.organization.pk).ok
        cursor = StreamCursor.objects.get(
            organization=linked_a.organization, stream=Stream.CUSTOMERS
        )
        assert cursor.highest_modified_on.startswith("2026-10-25T02:50:00")
        # 02:10 winter time (01:10 UTC): later in reality, earlier on the wall clock.
        emulator.set_clock(local="2026-10-25T02:10:00", fold=1)
        ss.create_customer(linked_a.api, "Wintertijd", relatiecode=8002)
        simon_clock_at(monkeypatch, datetime(2026, 10, 25, 1, 11, tzinfo=UTC))
        Connection.objects.filter(pk=linked_a.connection.pk).update(next_sync_at=None)
        assert sync_organization(linked_a.organization.pk).ok
    finally:
        emulator.set_clock()
    assert set(Customer.objects.values_list("relatiecode", flat=True)) >= {8001, 8002}
    cursor.refresh_from_db()
    # Still the earliest reading of 02:50: until the wall clock passes 02:50 again (after the
    # repeated hour) every read overlaps the whole hour, which is what keeps it lossless.
    assert cursor.bookmark == datetime(2026, 10, 25, 0, 50, tzinfo=UTC)
