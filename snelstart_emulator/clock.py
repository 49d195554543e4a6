"""The controllable clock behind `modifiedOn` and default dates.

SnelStart writes naive local wall-clock time (assumed Europe/Amsterdam, CONTRACT §1). The clock
keeps a UTC instant so it can be frozen on either side of the autumn change (2026-10-25 02:30 exists
twice: fold 0 = CEST, fold 1 = CET); the wall-clock text of both is the same, which is exactly the
ambiguity a client has to survive. Token expiry does NOT use this clock (see auth.py), so freezing
or moving it never invalidates tokens by surprise.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class Clock:
    """Real time, a fixed instant, or real time plus an offset."""

    def __init__(self) -> None:
        self.mode = "real"
        self._fixed_utc: datetime | None = None
        self._offset = timedelta(0)

    def now_utc(self) -> datetime:
        if self.mode == "fixed" and self._fixed_utc is not None:
            return self._fixed_utc
        return datetime.now(UTC) + self._offset

    def now_local(self) -> datetime:
        """Naive Europe/Amsterdam wall-clock time (fold kept, ignored by comparisons)."""
        return self.now_utc().astimezone(AMSTERDAM).replace(tzinfo=None)

    def set_real(self) -> None:
        self.mode, self._fixed_utc, self._offset = "real", None, timedelta(0)

    def set_fixed_utc(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        self.mode, self._fixed_utc, self._offset = "fixed", instant.astimezone(UTC), timedelta(0)

    def set_fixed_local(self, wall: datetime, fold: int = 0) -> None:
        aware = wall.replace(tzinfo=AMSTERDAM, fold=fold)
        self.set_fixed_utc(aware.astimezone(UTC))

    def set_offset(self, seconds: float) -> None:
        self.mode, self._fixed_utc, self._offset = "offset", None, timedelta(seconds=seconds)

    def advance(self, seconds: float) -> None:
        step = timedelta(seconds=seconds)
        if self.mode == "fixed" and self._fixed_utc is not None:
            self._fixed_utc += step
        else:
            self.mode = "offset"
            self._offset += step

    def describe(self) -> dict[str, Any]:
        local = self.now_local()
        return {
            "mode": self.mode,
            "utc": self.now_utc().isoformat(),
            "local": local.isoformat(),
            "fold": local.fold,
            "offset_seconds": self._offset.total_seconds(),
        }


def truncate(value: datetime, digits: int) -> datetime:
    """Drop fraction digits beyond `digits` (0..6; 7 behaves like 6)."""
    digits = min(digits, 6)
    step = 10 ** (6 - digits)
    return value.replace(microsecond=value.microsecond // step * step)


def format_wall(value: datetime) -> str:
    """`yyyy-MM-ddTHH:mm:ss[.f…]` with trailing fraction zeros dropped, as .NET writes it."""
    text = value.replace(tzinfo=None).isoformat()
    return text.rstrip("0") if value.microsecond else text


def parse_wall(text: str) -> datetime:
    """Parse a date or date-time; a zone designator converts the instant to Amsterdam wall time.

    Raises ValueError for anything that is not ISO-8601-like. Up to 7 fraction digits are accepted
    (.NET writes up to seven); the seventh is dropped.
    """
    text = text.strip()
    if len(text) < 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"not a date-time: {text!r}")
    head, sep, fraction = text.partition(".")
    if sep:
        digits = len(fraction) - len(fraction.lstrip("0123456789"))
        zone = fraction[digits:]
        fraction = fraction[:digits][:6]
        if not fraction:
            raise ValueError(f"not a date-time: {text!r}")
        text = f"{head}.{fraction.ljust(6, '0')}{zone}"
    value = datetime.fromisoformat(text.replace("z", "Z"))
    if value.tzinfo is not None:
        value = value.astimezone(AMSTERDAM).replace(tzinfo=None)
    return value
