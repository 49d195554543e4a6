"""What the screens show about a running integration (S28 progress, S33, B3). Read-only.

- ``import_progress``: per stream how far the current (first) read is, for the progress bar;
- ``highest_modified``: per stream the 'hoogste mutatiedatum' as SnelStart's Dutch local time;
- ``health``: last success, lag, counts in Simon, runs and failures of the last 24 hours and the
  hourly activity, with the bar geometry of the server-rendered SVG chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from simon.catalog.models import Article, ArticleGroup
from simon.customers.models import Customer
from simon.snelstart_sync.models import Connection, Stream, StreamCursor, SyncRun
from snelstart import parse_snelstart_datetime

SHOWN_STREAMS = [Stream.ARTICLE_GROUPS, Stream.ARTICLES, Stream.CUSTOMERS]
HOURS = 24
# SVG geometry of the activity chart: one slot per hour, a records bar and a failures bar.
SLOT = 24
CHART_HEIGHT = 120
PLOT_HEIGHT = 100


@dataclass(frozen=True)
class StreamProgress:
    stream: str
    label: str
    status: str  # "wacht", "bezig" or "klaar"
    read: int
    total: int | None

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.read * 100 // self.total)


def _cursors(organization_id: int) -> dict[str, StreamCursor]:
    return {c.stream: c for c in StreamCursor.objects.filter(organization_id=organization_id)}


def _in_simon(organization_id: int, stream: str) -> int:
    """What a finished stream left visible in Simon (the cursor's counters add up re-reads)."""
    model = {
        Stream.ARTICLE_GROUPS: ArticleGroup,
        Stream.ARTICLES: Article,
        Stream.CUSTOMERS: Customer,
    }[Stream(stream)]
    return model.objects.filter(organization_id=organization_id).visible().count()


def import_progress(organization_id: int) -> list[StreamProgress]:
    cursors = _cursors(organization_id)
    result = []
    for stream in SHOWN_STREAMS:
        cursor = cursors.get(stream)
        label = str(Stream(stream).label)
        if cursor is not None and cursor.run_in_progress:
            progress = StreamProgress(
                stream, label, "bezig", cursor.run_records, cursor.run_estimated_total
            )
        elif cursor is not None and cursor.last_success_at is not None:
            stored = _in_simon(organization_id, stream)
            progress = StreamProgress(stream, label, "klaar", stored, stored)
        else:
            progress = StreamProgress(stream, label, "wacht", 0, None)
        result.append(progress)
    return result


@dataclass(frozen=True)
class StreamMark:
    stream: str
    label: str
    highest: datetime | None  # naive: SnelStart's own wall-clock time (Europe/Amsterdam)
    last_success: datetime | None


def highest_modified(organization_id: int) -> list[StreamMark]:
    cursors = _cursors(organization_id)
    streams = list(SHOWN_STREAMS)
    if Stream.SALES_ORDERS in cursors:
        streams.append(Stream.SALES_ORDERS)
    marks = []
    for stream in streams:
        cursor = cursors.get(stream)
        text = cursor.highest_modified_on if cursor is not None else ""
        marks.append(
            StreamMark(
                stream,
                str(Stream(stream).label),
                parse_snelstart_datetime(text) if text else None,
                cursor.last_success_at if cursor is not None else None,
            )
        )
    return marks


@dataclass(frozen=True)
class HourBar:
    start: datetime
    records: int
    failed: int
    x: int
    records_height: int
    failed_height: int

    @property
    def records_y(self) -> int:
        return PLOT_HEIGHT - self.records_height

    @property
    def failed_x(self) -> int:
        return self.x + 15

    @property
    def failed_y(self) -> int:
        return PLOT_HEIGHT - self.failed_height

    @property
    def show_label(self) -> bool:
        return timezone.localtime(self.start).hour % 3 == 0


@dataclass(frozen=True)
class Health:
    last_success: datetime | None
    lag: timedelta | None
    customers: int
    articles: int
    groups: int
    runs: int
    failures: int
    bars: list[HourBar]
    max_records: int
    width: int = SLOT * HOURS
    height: int = CHART_HEIGHT
    plot_height: int = PLOT_HEIGHT


def _scaled(value: int, most: int) -> int:
    if value <= 0 or most <= 0:
        return 0
    return max(2, round(value * PLOT_HEIGHT / most))  # a small bar stays visible


def activity(runs: QuerySet[SyncRun], now: datetime) -> list[HourBar]:
    """Records read and failed runs per hour, for the last 24 hours (the current hour last)."""
    first = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=HOURS - 1)
    records = [0] * HOURS
    failed = [0] * HOURS
    for started, count, ok in runs.filter(started_at__gte=first).values_list(
        "started_at", "records", "ok"
    ):
        slot = int((started - first) // timedelta(hours=1))
        if 0 <= slot < HOURS:
            records[slot] += count
            failed[slot] += ok is False
    most_records, most_failed = max(records), max(failed)
    return [
        HourBar(
            start=first + timedelta(hours=i),
            records=records[i],
            failed=failed[i],
            x=i * SLOT,
            records_height=_scaled(records[i], most_records),
            failed_height=_scaled(failed[i], most_failed),
        )
        for i in range(HOURS)
    ]


def health(connection: Connection, now: datetime | None = None) -> Health:
    now = now or timezone.now()
    organization = connection.organization
    runs = SyncRun.objects.filter(organization=organization)
    day = runs.filter(started_at__gte=now - timedelta(hours=HOURS))
    bars = activity(runs, now)
    last = connection.last_sync_success_at
    return Health(
        last_success=last,
        lag=(now - last) if last else None,
        customers=Customer.objects.filter(organization=organization).visible().count(),
        articles=Article.objects.filter(organization=organization).visible().count(),
        groups=ArticleGroup.objects.filter(organization=organization).visible().count(),
        runs=day.count(),
        failures=day.filter(ok=False).count(),
        bars=bars,
        max_records=max(bar.records for bar in bars),
    )
