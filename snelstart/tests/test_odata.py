"""Exact OData v3 strings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from uuid import UUID

import pytest

from snelstart import odata
from snelstart.models import ProcesStatus
from snelstart.odata import and_, contains, eq, modified_since, ne, not_, or_, relatiesoort_is


def test_modified_since_is_inclusive_naive_wall_clock_text():
    assert (
        modified_since(datetime(2024, 3, 1, 12, 0, 0))
        == "ModifiedOn ge datetime'2024-03-01T12:00:00'"
    )
    assert (
        modified_since(datetime(2023, 6, 29, 21, 44, 48, 510000))
        == "ModifiedOn ge datetime'2023-06-29T21:44:48.51'"
    )


def test_modified_since_keeps_a_stored_cursor_text_with_seven_digits():
    assert (
        modified_since("2023-06-29T21:44:48.5123457")
        == "ModifiedOn ge datetime'2023-06-29T21:44:48.5123457'"
    )


def test_modified_since_converts_aware_values_to_amsterdam_and_drops_the_offset():
    summer_utc = datetime(2024, 7, 1, 10, 0, tzinfo=UTC)
    winter_plus_five = datetime(2024, 1, 1, 15, 30, tzinfo=timezone(timedelta(hours=5)))

    assert modified_since(summer_utc) == "ModifiedOn ge datetime'2024-07-01T12:00:00'"
    assert modified_since(winter_plus_five) == "ModifiedOn ge datetime'2024-01-01T11:30:00'"
    for text in (modified_since(summer_utc), modified_since(winter_plus_five)):
        assert "Z" not in text and "+" not in text


@pytest.mark.parametrize(
    "bad", ["2024-03-01", "2024-03-01T12:00:00Z", "gisteren", "2024-03-01T12:00:00' or 1 eq 1"]
)
def test_modified_since_rejects_cursor_text_that_is_not_snelstart_format(bad):
    with pytest.raises(ValueError):
        modified_since(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("O'Brien BV", "Naam eq 'O''Brien BV'"),
        ("", "Naam eq ''"),
        (2, "Naam eq 2"),
        (-1, "Naam eq -1"),
        (True, "Naam eq true"),
        (False, "Naam eq false"),
        (None, "Naam eq null"),
        (
            UUID("75b4fe7b-062b-4ae1-bad1-5c5e3866a2ae"),
            "Naam eq guid'75b4fe7b-062b-4ae1-bad1-5c5e3866a2ae'",
        ),
        (ProcesStatus.ORDER, "Naam eq 'Order'"),
        (datetime(2018, 12, 24, 13, 30, 46), "Naam eq datetime'2018-12-24T13:30:46'"),
    ],
)
def test_eq_writes_v3_literals(value, expected):
    assert eq("Naam", value) == expected


def test_eq_accepts_navigation_paths_and_rejects_injection():
    assert eq("VestigingsAdres/Land/Id", UUID(int=1)) == (
        "VestigingsAdres/Land/Id eq guid'00000000-0000-0000-0000-000000000001'"
    )
    with pytest.raises(ValueError):
        eq("Naam eq 'x' or Naam", "y")


def test_unsupported_literal_types_are_refused():
    with pytest.raises(TypeError):
        eq("Verkoopprijs", 1.5)


def test_contains_is_v3_substringof():
    assert contains("Naam", "bakker's") == "substringof('bakker''s',Naam) eq true"


def test_startswith():
    assert odata.startswith("Naam", "Test") == "startswith(Naam,'Test') eq true"


def test_relatiesoort_is_a_lambda_over_the_array():
    assert relatiesoort_is("Klant") == "Relatiesoort/any(r:r eq 'Klant')"


def test_and_or_not_compose_with_correct_precedence():
    assert and_(eq("Nonactief", False), relatiesoort_is("Klant")) == (
        "Nonactief eq false and Relatiesoort/any(r:r eq 'Klant')"
    )
    assert and_(eq("A", 1), or_(eq("B", 2), eq("C", 3))) == "A eq 1 and (B eq 2 or C eq 3)"
    assert or_(eq("A", 1)) == "A eq 1"
    assert ne("IncassoSoort", None) == "IncassoSoort ne null"
    assert not_(eq("A", 1)) == "not (A eq 1)"


def test_and_skips_missing_terms_but_needs_one():
    assert and_(None, eq("A", 1), "") == "A eq 1"
    with pytest.raises(ValueError):
        and_(None)


def test_the_portal_example_combination():
    expression = and_(
        modified_since("2017-07-16T23:59:59.999"),
        eq("Nonactief", False),
        relatiesoort_is("Klant"),
    )
    assert expression == (
        "ModifiedOn ge datetime'2017-07-16T23:59:59.999' and Nonactief eq false"
        " and Relatiesoort/any(r:r eq 'Klant')"
    )


def test_select_joins_property_names():
    assert odata.select(["Id", "Naam"]) == "Id,Naam"
    assert odata.select("Id, Naam") == "Id,Naam"
