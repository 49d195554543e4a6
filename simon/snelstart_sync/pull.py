"""One incremental read of one stream (S1–S3, S5, S31).

    begin   the run's start and its lower bound are written to the stream's cursor
    pages   each page is stored in its own transaction together with the resume point
    finish  the bookmark advances to the highest change read, never past the run's start

A run that is interrupted (crash, SnelStart down, lease lost) leaves its start, lower bound
and next ``$skip`` on the cursor; the next run resumes there, and its final bookmark is still
capped at the *first* attempt's start, so changes made during the interruption are read again.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simon.lib.text import clean_line
from simon.snelstart_sync import cursor_time
from simon.snelstart_sync.models import StreamCursor
from simon.snelstart_sync.paging import PAGE_SIZE, estimate_total, read_pages
from simon.snelstart_sync.upsert import PageOutcome
from simon.tenants.models import Organization
from snelstart import (
    Page,
    PageResponse,
    format_snelstart_datetime,
    odata,
    parse_snelstart_datetime,
)

log = logging.getLogger("simon.snelstart_sync.pull")

DEFAULT_OVERLAP = timedelta(minutes=2)

Store = Callable[[list[Any]], PageOutcome]


@dataclass
class StreamRead:
    """What a stream needs to be read: where from, which records, and how to store a page."""

    stream: str
    #: ``fetch_page`` of a client resource: the request only; decoding is done by the reader.
    fetch_page: Callable[[int, int, str | None], PageResponse[Any]]
    store: Store
    base_filter: str | None = None
    incremental: bool = True


@dataclass
class StreamResult:
    stream: str
    pages: int
    outcome: PageOutcome
    resumed: bool


def cursor_of(organization: Organization, stream: str) -> StreamCursor:
    cursor, _created = StreamCursor.objects.get_or_create(organization=organization, stream=stream)
    return cursor


# At most this many records are remembered as read at the top of a stream; a busier top is not
# remembered at all (each re-read is then stored again, which is correct, only slower).
RECENT_MAX = 2_000


@dataclass
class _RunState:
    """What one read keeps besides the cursor: whether its start is in the database yet, and
    the records it stored, to remember those the next read will see again (the overlap)."""

    persisted: bool
    known: dict[str, str]
    overlap: timedelta
    stored: dict[str, str] = field(default_factory=dict)
    # Too many changes near the top to remember (a first import of data changed at once).
    overflow: bool = False

    def is_known(self, record: Any) -> bool:
        text = getattr(record, "modified_on_text", None)
        record_id = getattr(record, "id", None)
        return text is not None and record_id is not None and self.known.get(str(record_id)) == text

    def remember(self, records: list[Any], problems: list[tuple[Any, str]], highest: str) -> None:
        if self.overflow:
            return
        refused = {id(record) for record, _reason in problems}
        for record in records:
            text = getattr(record, "modified_on_text", None)
            if id(record) not in refused and text is not None and record.id is not None:
                self.stored[str(record.id)] = text
        if len(self.stored) > 2 * RECENT_MAX and highest:
            # Memory stays bounded during a long read: only the top can matter.
            floor = parse_snelstart_datetime(highest) - self.overlap
            self.stored = {
                k: t for k, t in self.stored.items() if parse_snelstart_datetime(t) >= floor
            }
            if len(self.stored) > RECENT_MAX:
                self.overflow, self.stored = True, {}


def _begin(cursor: StreamCursor, overlap: timedelta) -> bool:
    """Start a new run on the cursor, or keep the interrupted one. Returns True when resuming.

    A new run is written to the database with its first stored page (``_store_one``): a read
    that finds nothing new writes nothing at all."""
    if cursor.run_started_at is not None:
        return True
    now = timezone.now()
    cursor.run_started_at = now
    cursor.run_lower_bound = (
        format_snelstart_datetime(cursor_time.lower_bound(cursor.bookmark, overlap, now))
        if cursor.bookmark is not None
        else ""
    )
    cursor.run_next_skip = 0
    cursor.run_highest_seen = ""
    cursor.run_records = 0
    cursor.run_estimated_total = None
    return False


def _filter(cursor: StreamCursor, read: StreamRead) -> str | None:
    parts = [read.base_filter]
    if read.incremental and cursor.run_lower_bound:
        parts.append(odata.modified_since(cursor.run_lower_bound))
    kept = [p for p in parts if p]
    return odata.and_(*kept) if len(kept) > 1 else (kept[0] if kept else None)


def _highest(current: str, records: list[Any]) -> str:
    """SnelStart's text of the latest ``modifiedOn`` among ``current`` and the records."""
    dated = [r for r in records if getattr(r, "modified_on", None) is not None]
    if not dated:
        return current
    latest = max(dated, key=lambda r: r.modified_on)
    if current and parse_snelstart_datetime(current) >= latest.modified_on:
        return current
    return latest.modified_on_text or current


# What one record can cause: the database refusing a value or a constraint, or a value Python
# cannot convert. A lost connection or a locked database (OperationalError) is no fault of the
# record: it fails the run, which resumes at this page, so nothing is set aside for it.
RECORD_ERRORS = (DataError, IntegrityError, ValueError, ArithmeticError)


def _store_page(read: StreamRead, page: Page[Any]) -> PageOutcome:
    """Store a page in one go; if that fails, store record by record so that one bad record is
    set aside and reported instead of blocking the stream. A record set aside is read again
    when it changes in SnelStart (its ``modifiedOn`` moves past the bookmark)."""
    try:
        with transaction.atomic():
            return read.store(page.records)
    except RECORD_ERRORS as exc:
        log.warning(
            "page of %s at $skip=%s refused (%s); storing one by one",
            read.stream,
            page.skip,
            clean_line(str(exc)),
        )
    outcome = PageOutcome()
    for record in page.records:
        try:
            with transaction.atomic():
                outcome.add(read.store([record]))
        except RECORD_ERRORS as exc:
            error = clean_line(str(exc))[:300]
            log.warning(
                "%s: record with SnelStart id %s set aside: %s: %s",
                read.stream,
                getattr(record, "id", None),
                type(exc).__name__,
                error,
            )
            outcome.problems.append(
                (record, _("kan niet worden opgeslagen: %(error)s") % {"error": error})
            )
    return outcome


def _decode(response: PageResponse[Any]) -> Page[Any]:
    return response.decode()


class _Estimate:
    """The expected size of a first import, found in a background thread while pages are read
    (its probes would otherwise delay the import by a dozen round trips)."""

    def __init__(self) -> None:
        self.value: int | None = None
        self._future: Future[int] | None = None
        self._stop = threading.Event()
        self._pool: ThreadPoolExecutor | None = None

    def start(self, count_from: Callable[[int], int], known_at_least: int) -> None:
        def probe(skip: int) -> int:
            if self._stop.is_set():
                raise _Stopped
            return count_from(skip)

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="snelstart-estimate")
        self._future = self._pool.submit(estimate_total, probe, known_at_least)

    def get(self) -> int | None:
        future = self._future
        if self.value is None and future is not None and future.done():
            if future.exception() is None:  # a failed estimate only leaves the bar without end
                self.value = future.result()
            self._future = None
        return self.value

    def stop(self) -> None:
        self._stop.set()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


class _Stopped(Exception):
    pass


def run_stream(
    organization: Organization,
    read: StreamRead,
    *,
    cursor: StreamCursor | None = None,
    workers: int = 1,
    overlap: timedelta = DEFAULT_OVERLAP,
    after_page: Callable[[StreamCursor, PageOutcome], None] | None = None,
    estimate: Callable[[str | None], Callable[[int], int]] | None = None,
) -> StreamResult:
    """Read the stream from its cursor, store every page, then advance the bookmark.

    Records read again unchanged because of the overlap (same id, same ``modifiedOn`` text as
    when this stream last stored them) are not stored again.
    """
    cursor = cursor or cursor_of(organization, read.stream)
    resumed = _begin(cursor, overlap)
    state = _RunState(persisted=resumed, known=dict(cursor.recent or {}), overlap=overlap)
    query = _filter(cursor, read)
    total = PageOutcome()
    pages = 0

    def fetch(skip: int) -> PageResponse[Any]:
        return read.fetch_page(skip, PAGE_SIZE, query)

    expected = _Estimate()
    expected.value = cursor.run_estimated_total
    try:
        pages_read = read_pages(fetch, cursor.run_next_skip, workers, expected.get, _decode)
        for page in pages_read:
            pages += 1
            if (
                pages == 1
                and page.full
                and estimate is not None
                and cursor.bookmark is None
                and expected.value is None
            ):
                expected.start(estimate(query), page.skip + page.size)
            _store_one(cursor, read, page, total, expected, after_page, state)
    finally:
        expected.stop()
    _finish(cursor, state)
    return StreamResult(read.stream, pages, total, resumed)


def _store_one(
    cursor: StreamCursor,
    read: StreamRead,
    page: Page[Any],
    total: PageOutcome,
    expected: _Estimate,
    after_page: Callable[[StreamCursor, PageOutcome], None] | None,
    state: _RunState,
) -> None:
    """Store one page and move the resume point past it, in one transaction with ``after_page``
    (the lease renewal): one commit a page, and a page whose lease was lost is not kept.

    A page with nothing new (every record read again unchanged) only moves the resume point
    in memory: if the run stops there, the next one reads those records again, which is fine.
    """
    fresh = [record for record in page.records if not state.is_known(record)]
    known = len(page.records) - len(fresh)
    if not fresh and not page.rejected:
        outcome = PageOutcome(unchanged=known)
        moved = _moved_past(cursor, page, fresh, PageOutcome(), expected.get())
    else:
        with transaction.atomic():
            outcome = _store_page(read, replace(page, records=fresh))
            for rejected in page.rejected:
                outcome.problems.append(
                    (
                        rejected.data,
                        _("onleesbaar antwoord: %(error)s") % {"error": rejected.error},
                    )
                )
            moved = _moved_past(cursor, page, fresh, outcome, expected.get())
            StreamCursor.objects.filter(pk=cursor.pk).update(
                run_started_at=cursor.run_started_at,
                run_lower_bound=cursor.run_lower_bound,
                run_next_skip=moved.run_next_skip,
                run_highest_seen=moved.run_highest_seen,
                run_records=moved.run_records,
                run_estimated_total=moved.run_estimated_total,
                records_stored=moved.records_stored,
            )
            if after_page is not None:
                after_page(moved, outcome)
        state.persisted = True
        state.remember(fresh, outcome.problems, moved.run_highest_seen)
        outcome.unchanged += known
    for name in _RUN_FIELDS:  # committed: now the cursor in memory may say so too
        setattr(cursor, name, getattr(moved, name))
    total.add(outcome)


_RUN_FIELDS = (
    "run_next_skip", "run_highest_seen", "run_records", "run_estimated_total", "records_stored",
)  # fmt: skip


def _moved_past(
    cursor: StreamCursor,
    page: Page[Any],
    stored: list[Any],
    outcome: PageOutcome,
    estimated: int | None,
) -> StreamCursor:
    """A copy of the cursor with the resume point after ``page``; the highest change seen
    counts the records stored (those read again unchanged are below it already)."""
    moved = copy.copy(cursor)
    moved.run_next_skip = page.skip + page.size
    moved.run_highest_seen = _highest(cursor.run_highest_seen, stored)
    moved.run_records = cursor.run_records + page.size
    moved.records_stored = cursor.records_stored + outcome.stored
    moved.run_estimated_total = estimated
    return moved


def _finish(cursor: StreamCursor, state: _RunState) -> None:
    """Advance the bookmark with one conditional UPDATE: if the cursor was reset meanwhile (the
    chosen article groups changed, a wipe), the reset wins and the next run reads everything.
    A run that stored nothing left the database as it was and writes nothing now either."""
    highest = parse_snelstart_datetime(cursor.run_highest_seen) if cursor.run_highest_seen else None
    assert cursor.run_started_at is not None
    bookmark = cursor_time.advance(cursor.bookmark, highest, cursor.run_started_at)
    highest_text = cursor.highest_modified_on
    if cursor.run_highest_seen and (
        not highest_text
        or parse_snelstart_datetime(cursor.run_highest_seen)
        > parse_snelstart_datetime(highest_text)
    ):
        highest_text = cursor.run_highest_seen
    if state.persisted:
        recent = _recent(state, highest_text)
        StreamCursor.objects.filter(pk=cursor.pk, run_started_at=cursor.run_started_at).update(
            bookmark=bookmark,
            highest_modified_on=highest_text,
            run_started_at=None,
            run_lower_bound="",
            run_next_skip=0,
            run_highest_seen="",
            run_estimated_total=None,
            recent=recent,
        )
        cursor.recent = recent
    cursor.bookmark, cursor.highest_modified_on = bookmark, highest_text
    cursor.run_started_at, cursor.run_lower_bound, cursor.run_highest_seen = None, "", ""
    cursor.run_next_skip, cursor.run_estimated_total = 0, None


def _recent(state: _RunState, highest_text: str) -> dict[str, str]:
    """The records the next read will see again (changed within the overlap below the highest
    change), as id → ``modifiedOn`` text; empty when there are too many to remember."""
    if not highest_text or state.overflow:
        return {}
    floor = parse_snelstart_datetime(highest_text) - state.overlap
    merged = {**state.known, **state.stored}
    recent = {
        record_id: text
        for record_id, text in merged.items()
        if parse_snelstart_datetime(text) >= floor
    }
    return recent if len(recent) <= RECENT_MAX else {}
