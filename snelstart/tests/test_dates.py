"""SnelStart's zone-less date-times: lenient parsing, exact formatting, the DST edges."""

from __future__ import annotations

import copy
import pickle
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from snelstart.dates import (
    format_snelstart_datetime,
    is_ambiguous,
    is_nonexistent,
    parse_snelstart_datetime,
    to_aware,
    to_snelstart_local,
    wall_clock_datetime,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-06-29T21:44:48", datetime(2023, 6, 29, 21, 44, 48)),
        ("2023-06-29T21:44:48.51", datetime(2023, 6, 29, 21, 44, 48, 510000)),
        ("2018-08-07T06:24:48.12", datetime(2018, 8, 7, 6, 24, 48, 120000)),
        ("2023-06-29T21:44:48.5123457", datetime(2023, 6, 29, 21, 44, 48, 512345)),
        ("2023-06-29T21:44:48.0000001", datetime(2023, 6, 29, 21, 44, 48)),
        ("2025-03-14", datetime(2025, 3, 14)),
        ("2025-03-14T08:15", datetime(2025, 3, 14, 8, 15)),
        (" 2025-03-14 08:15:00 ", datetime(2025, 3, 14, 8, 15)),
    ],
)
def test_it_parses_zero_to_seven_fraction_digits_into_naive_values(text, expected):
    parsed = parse_snelstart_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is None


def test_a_seventh_digit_is_truncated_never_rounded_up():
    assert parse_snelstart_datetime("2023-12-31T23:59:59.9999999") == datetime(
        2023, 12, 31, 23, 59, 59, 999999
    )


def test_an_unexpected_offset_is_converted_to_amsterdam_wall_clock():
    assert parse_snelstart_datetime("2024-07-01T10:00:00Z") == datetime(2024, 7, 1, 12, 0)
    assert parse_snelstart_datetime("2024-01-01T10:00:00+01:00") == datetime(2024, 1, 1, 10, 0)


@pytest.mark.parametrize(
    "bad", ["", "string", "29-06-2023", "2023-06-29T21:44:48.12345678", "2023-13-01T00:00:00"]
)
def test_it_rejects_what_is_not_a_date_time(bad):
    with pytest.raises(ValueError):
        parse_snelstart_datetime(bad)


def test_format_drops_trailing_zeros_and_never_writes_an_offset():
    assert format_snelstart_datetime(datetime(2025, 3, 14)) == "2025-03-14T00:00:00"
    assert format_snelstart_datetime(datetime(2023, 6, 29, 21, 44, 48, 510000)) == (
        "2023-06-29T21:44:48.51"
    )
    assert format_snelstart_datetime(datetime(2024, 7, 1, 10, 0, tzinfo=UTC)) == (
        "2024-07-01T12:00:00"
    )


@pytest.mark.parametrize(
    "text", ["2023-06-29T21:44:48", "2023-06-29T21:44:48.51", "2023-06-29T21:44:48.000001"]
)
def test_text_with_up_to_six_digits_round_trips(text):
    assert format_snelstart_datetime(parse_snelstart_datetime(text)) == text


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2400, 12, 31)))
def test_every_naive_value_round_trips(value):
    assert parse_snelstart_datetime(format_snelstart_datetime(value)) == value


def test_to_aware_resolves_the_autumn_ambiguity_with_fold():
    wall = datetime(2024, 10, 27, 2, 30)  # happens twice in Amsterdam

    assert is_ambiguous(wall)
    assert to_aware(wall).utcoffset() == timedelta(hours=2)
    assert to_aware(wall, fold=1).utcoffset() == timedelta(hours=1)
    assert to_aware(wall, fold=1) - to_aware(wall) == timedelta(0)  # same wall time...
    assert to_aware(wall, fold=1).astimezone(UTC) - to_aware(wall).astimezone(UTC) == timedelta(
        hours=1
    )  # ...an hour apart


def test_ordinary_and_spring_gap_times():
    assert not is_ambiguous(datetime(2024, 7, 1, 12, 0))
    assert not is_nonexistent(datetime(2024, 7, 1, 12, 0))
    assert is_nonexistent(datetime(2024, 3, 31, 2, 30))
    assert not is_ambiguous(datetime(2024, 3, 31, 2, 30))


def test_to_aware_then_back_to_snelstart_local_is_the_identity():
    wall = datetime(2024, 1, 15, 9, 0)
    aware = to_aware(wall)
    assert aware.utcoffset() == timedelta(hours=1)
    assert to_snelstart_local(aware) == wall
    assert to_snelstart_local(aware.astimezone(UTC)) == wall
    with pytest.raises(ValueError):
        to_aware(aware)


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2400, 12, 31)),
    st.integers(min_value=0, max_value=7),
)
def test_snelstart_text_parses_the_same_on_the_fast_and_the_general_path(
    moment: datetime, digits: int
) -> None:
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if digits:
        text += "." + f"{moment.microsecond:06d}{moment.microsecond % 10}"[:digits]
    general = parse_snelstart_datetime(text.replace("T", " "))  # not SnelStart's own form
    assert parse_snelstart_datetime(text) == general
    kept = wall_clock_datetime(text)
    assert (kept, kept.text) == (general, text)  # type: ignore[attr-defined]


def test_the_kept_text_survives_copy_and_pickle() -> None:
    kept = wall_clock_datetime("2023-06-29T21:44:48.5123457")
    for twin in (copy.copy(kept), copy.deepcopy(kept), pickle.loads(pickle.dumps(kept))):
        assert (twin, twin.text) == (kept, "2023-06-29T21:44:48.5123457")
    assert not hasattr(wall_clock_datetime("2023-06-29 21:44:48"), "text")
