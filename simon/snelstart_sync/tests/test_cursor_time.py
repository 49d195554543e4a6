"""The bookmark never loses a change, also across the autumn clock change (CONTRACT §1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from simon.snelstart_sync.cursor_time import AMSTERDAM, advance, earliest_instant, lower_bound

OVERLAP = timedelta(minutes=2)


def wall_clock(instant: datetime) -> datetime:
    """What SnelStart writes for a change at this instant: Dutch local time without offset."""
    return instant.astimezone(AMSTERDAM).replace(tzinfo=None)


def test_earliest_instant_of_the_repeated_hour_is_the_summer_reading():
    naive = datetime(2026, 10, 25, 2, 30)
    assert earliest_instant(naive) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_earliest_instant_of_an_ordinary_time():
    assert earliest_instant(datetime(2026, 1, 5, 9, 0)) == datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def test_earliest_instant_of_the_skipped_spring_hour_is_not_later_than_either_reading():
    naive = datetime(2026, 3, 29, 2, 30)  # does not exist in Amsterdam
    assert earliest_instant(naive) == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)


def test_lower_bound_drops_an_hour_when_the_clock_went_back_since_the_bookmark():
    # Bookmark at 02:50 summer time; the clocks went back at 03:00 to 02:00 winter time.
    bookmark = datetime(2026, 10, 25, 0, 50, tzinfo=UTC)
    now = datetime(2026, 10, 25, 1, 5, tzinfo=UTC)  # 02:05 winter time
    change = datetime(2026, 10, 25, 1, 1, tzinfo=UTC)  # written as 02:01
    assert wall_clock(change) == datetime(2026, 10, 25, 2, 1)
    bound = lower_bound(bookmark, OVERLAP, now)
    assert bound == datetime(2026, 10, 25, 1, 48)
    assert wall_clock(change) >= bound


def test_lower_bound_is_plain_local_time_minus_overlap_on_an_ordinary_day():
    bookmark = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
    now = bookmark + timedelta(minutes=1)
    assert lower_bound(bookmark, OVERLAP, now) == datetime(2026, 6, 1, 11, 58)


def test_advance_is_capped_at_the_run_start_and_never_goes_back():
    started = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
    seen_late = datetime(2026, 6, 1, 12, 30)  # 10:30 UTC, after the run started
    assert advance(None, seen_late, started) == started
    assert advance(started, datetime(2026, 6, 1, 11, 0), started) == started
    assert advance(None, None, started) is None


instants = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC)
)


@settings(max_examples=500)
@given(
    bookmark=instants,
    gap=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=3)),
    ahead=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=3)),
)
def test_no_change_after_the_bookmark_falls_below_the_lower_bound(bookmark, gap, ahead):
    change = bookmark - OVERLAP + gap
    now = max(change, bookmark) + ahead
    assert wall_clock(change) >= lower_bound(bookmark, OVERLAP, now)


def autumn_nights() -> st.SearchStrategy[datetime]:
    # The last Sunday of October, 00:00–02:00 UTC: the repeated hour and around it.
    days = [datetime(year, 10, 31) for year in range(2024, 2031)]
    sundays = [d - timedelta(days=(d.weekday() + 1) % 7) for d in days]
    return st.sampled_from(sundays).flatmap(
        lambda d: st.integers(0, 3 * 3600).map(
            lambda s: d.replace(tzinfo=UTC) - timedelta(minutes=30) + timedelta(seconds=s)
        )
    )


@settings(max_examples=80, deadline=None)
@given(start=autumn_nights(), step=st.integers(min_value=20, max_value=600))
def test_a_minute_by_minute_sync_through_the_autumn_night_loses_nothing(start, step):
    """Simulate changes every `step` seconds and a sync every minute for three hours."""
    changes = [start + timedelta(seconds=i * step) for i in range(0, 3 * 3600 // step)]
    seen: set[datetime] = set()
    bookmark = None
    run = start
    while run <= start + timedelta(hours=3, minutes=5):
        visible = [c for c in changes if c <= run]  # committed before the run read them
        if bookmark is None:
            page = visible
        else:
            bound = lower_bound(bookmark, OVERLAP, run)
            page = [c for c in visible if wall_clock(c) >= bound]
        seen.update(page)
        highest = max((wall_clock(c) for c in page), default=None)
        bookmark = advance(bookmark, highest, run)
        run += timedelta(minutes=1)
    assert seen == set(changes)
