"""SnelStart's zone-less time stamps and the sync bookmark.

SnelStart writes ``modifiedOn`` as Dutch wall-clock text without an offset (CONTRACT §1). Wall
clock time is not monotonic: when summer time ends, 02:00–03:00 happens twice. A bookmark kept
as text would then skip every change made in the second 02:xx hour whose text sorts below the
bookmark. So the bookmark is an instant (UTC), and the text sent in ``$filter`` is derived from it
with the smallest Amsterdam offset that occurs between the bookmark and now. Both functions are
pure and tested across both clock changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STANDARD_OFFSET = timedelta(hours=1)  # CET; the smallest offset Amsterdam uses


def earliest_instant(naive: datetime) -> datetime:
    """The earliest UTC instant a SnelStart wall-clock time can stand for.

    An ambiguous time (the repeated hour in October) or a time that does not exist (the skipped
    hour in March) has two readings; the earlier one is safe for a bookmark, because a bookmark
    that is too early only makes the next read overlap more.
    """
    if naive.tzinfo is not None:
        raise ValueError("expected SnelStart's naive wall-clock time")
    readings = (naive.replace(tzinfo=AMSTERDAM, fold=fold).astimezone(UTC) for fold in (0, 1))
    return min(readings)


def lower_bound(bookmark: datetime, overlap: timedelta, now: datetime) -> datetime:
    """The naive wall-clock time to send as ``ModifiedOn ge datetime'…'``.

    Guarantees that every change made at or after ``bookmark - overlap`` (up to ``now``) has a
    wall-clock text at or above the result, whatever clock change lies in between.
    """
    start = bookmark - overlap
    offsets = [
        start.astimezone(AMSTERDAM).utcoffset() or STANDARD_OFFSET,
        now.astimezone(AMSTERDAM).utcoffset() or STANDARD_OFFSET,
    ]
    if now - start > timedelta(days=1):
        # A long gap may contain a whole summer-winter cycle; an hour of extra overlap is cheap.
        offsets.append(STANDARD_OFFSET)
    return (start.astimezone(UTC) + min(offsets)).replace(tzinfo=None)


def advance(
    bookmark: datetime | None, highest_seen: datetime | None, run_started_at: datetime
) -> datetime | None:
    """The bookmark after a completed read: the highest change read, never past the run's start.

    Changes made while the run was reading may or may not have been seen, so the bookmark is
    capped at the moment the run started (the 'signpost'); it never moves backwards.
    """
    if highest_seen is None:
        return bookmark
    candidate = min(earliest_instant(highest_seen), run_started_at)
    if bookmark is None:
        return candidate
    return max(bookmark, candidate)
