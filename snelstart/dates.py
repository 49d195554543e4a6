"""SnelStart's zone-less date-times.

SnelStart writes date-times as local wall-clock text without an offset, ``yyyy-MM-ddTHH:mm:ss``
with an optional fraction of 0–7 digits whose trailing zeros are dropped (``…:48.51``). The time
zone is not documented; CONTRACT §1 tells us to assume Europe/Amsterdam and never to send an
offset or ``Z``.

Inside this package such values are *naive* :class:`datetime` objects holding that wall-clock
time. :func:`to_aware` attaches the zone when a caller needs an instant (e.g. to store in UTC).

**The autumn ambiguity.** On the last Sunday of October the clock goes from 03:00 CEST back to
02:00 CET, so every wall-clock time from 02:00 up to 03:00 happens twice and the text alone cannot
say which. ``to_aware(..., fold=0)`` (the default) picks the first, summer-time occurrence,
``fold=1`` the second. In spring 02:00–03:00 does not exist at all (:func:`is_nonexistent`).
A sync cursor should therefore be the *raw naive text* (compared and sent back as text via
:func:`format_snelstart_datetime`), never an instant converted back and forth.

**Precision.** Python keeps microseconds (6 digits); a 7th digit (100 ns) is dropped by
truncation, so a parsed value is never later than the server's. Used as an inclusive
``ModifiedOn ge`` cursor that can only re-read a row, never skip one. Values with up to six
fraction digits round-trip exactly: ``format_snelstart_datetime(parse_snelstart_datetime(t)) == t``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

#: The zone SnelStart's wall-clock times are assumed to be in (CONTRACT §1, UNCONFIRMED).
SNELSTART_TIME_ZONE = "Europe/Amsterdam"

_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?$"
)


#: SnelStart's own form, ``yyyy-MM-ddTHH:mm:ss[.f{1,7}]``: parsed by ``datetime.fromisoformat``
#: (which truncates a 7th fraction digit like the general path below), the hot path of a list.
_PLAIN_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?")


class WallClockDateTime(datetime):
    """A naive wall-clock datetime that remembers SnelStart's exact ``text`` (a 7th fraction
    digit included), so a sync cursor can be sent back exactly as the server wrote it."""

    __slots__ = ("text",)
    text: str

    def __reduce_ex__(self, protocol: object) -> tuple[object, tuple[str]]:
        return (wall_clock_datetime, (self.text,))


def wall_clock_datetime(text: str) -> datetime:
    """Parse like :func:`parse_snelstart_datetime`; SnelStart's own form keeps its text."""
    text = text.strip()
    if not _PLAIN_RE.fullmatch(text):
        return parse_snelstart_datetime(text)
    value = WallClockDateTime.fromisoformat(text)
    value.text = text
    return value


def parse_snelstart_datetime(text: str) -> datetime:
    """Parse SnelStart date-time text into a naive wall-clock datetime.

    Accepts ``yyyy-MM-dd``, ``yyyy-MM-ddTHH:mm[:ss[.f{1,7}]]`` (``T`` or a space). Should the
    server ever add an offset or ``Z``, the instant is converted to Europe/Amsterdam wall-clock
    time so that all values stay comparable. Raises :class:`ValueError` for anything else.
    """
    text = text.strip()
    if _PLAIN_RE.fullmatch(text):
        return datetime.fromisoformat(text)
    match = _DATETIME_RE.match(text)
    if not match:
        raise ValueError(f"not a SnelStart date-time: {text!r}")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    value = datetime(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), micro
    )
    if zone:
        offset = datetime.fromisoformat(f"2000-01-01T00:00:00{'+00:00' if zone == 'Z' else zone}")
        value = value.replace(tzinfo=offset.tzinfo)
        return to_snelstart_local(value)
    return value


def to_snelstart_local(value: datetime, tz: str = SNELSTART_TIME_ZONE) -> datetime:
    """Return the naive wall-clock time SnelStart would write for ``value``.

    A naive value is taken to be wall-clock time already and returned unchanged; an aware value
    is converted to ``tz`` and its zone dropped.
    """
    if value.tzinfo is None:
        return value
    return value.astimezone(ZoneInfo(tz)).replace(tzinfo=None)


def format_snelstart_datetime(value: datetime) -> str:
    """Format as SnelStart does: ``yyyy-MM-ddTHH:mm:ss`` plus a fraction without trailing zeros.

    Never writes an offset: an aware value is first converted to Europe/Amsterdam wall-clock time.
    """
    value = to_snelstart_local(value)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += "." + f"{value.microsecond:06d}".rstrip("0")
    return text


def to_aware(naive: datetime, tz: str = SNELSTART_TIME_ZONE, *, fold: int = 0) -> datetime:
    """Attach the SnelStart zone to a naive wall-clock time.

    ``fold`` decides the autumn ambiguity (see the module docstring): 0 = the first occurrence
    (summer time, +02:00), 1 = the second (winter time, +01:00). Nonexistent spring times are
    returned as Python's zoneinfo interprets them (the offset from before the jump).
    """
    if naive.tzinfo is not None:
        raise ValueError("to_aware expects a naive wall-clock datetime")
    return naive.replace(tzinfo=ZoneInfo(tz), fold=fold)


def _round_trips(naive: datetime, zone: ZoneInfo, fold: int) -> bool:
    aware = naive.replace(tzinfo=zone, fold=fold)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def is_ambiguous(naive: datetime, tz: str = SNELSTART_TIME_ZONE) -> bool:
    """True when the wall-clock time occurs twice (the autumn clock change)."""
    zone = ZoneInfo(tz)
    first = naive.replace(tzinfo=zone, fold=0).utcoffset()
    second = naive.replace(tzinfo=zone, fold=1).utcoffset()
    return first != second and _round_trips(naive, zone, 0) and _round_trips(naive, zone, 1)


def is_nonexistent(naive: datetime, tz: str = SNELSTART_TIME_ZONE) -> bool:
    """True when the wall-clock time is skipped (the spring clock change)."""
    return not _round_trips(naive, ZoneInfo(tz), 0)
