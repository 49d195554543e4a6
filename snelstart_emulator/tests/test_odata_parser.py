"""Unit tests of the $filter lexer, parser and compiler (no HTTP)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from snelstart_emulator.collection import Record
from snelstart_emulator.odata import ast
from snelstart_emulator.odata.compiler import Bounds, compile_filter
from snelstart_emulator.odata.errors import ODataError
from snelstart_emulator.odata.lexer import tokenize
from snelstart_emulator.odata.parser import parse
from snelstart_emulator.odata.schema import ARTIKEL, RELATIE


def relatie(**data: Any) -> Record:
    base: dict[str, Any] = {
        "relatiesoort": ["Klant"],
        "relatiecode": 1,
        "naam": "Jansen",
        "email": None,
        "nonactief": False,
        "krediettermijn": 14,
        "factuurkorting": 0.0,
        "vestigingsAdres": {"straat": "Kerkstraat 1", "plaats": "Utrecht", "land": {"id": "a"}},
        "extraVeldenKlant": [],
    }
    base.update(data)
    modified = data.pop("modified", datetime(2026, 3, 1, 12, 0, 0))
    return Record("0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10", 1, modified, "", base)


def matches(text: str, record: Record) -> bool:
    return compile_filter(text, RELATIE).predicate(record)


def test_the_lexer_reads_doubled_quotes_as_one_quote() -> None:
    tokens = tokenize("Naam eq 'O''Brien BV'")
    assert tokens[2].value == "O'Brien BV"


def test_the_lexer_reads_typed_literals_and_number_suffixes() -> None:
    tokens = tokenize(
        "datetime'2017-07-16T23:59:59.999' guid'75b4fe7b-062b-4ae1-bad1-5c5e3866a2ae' 2.5m"
    )
    assert tokens[0].value == ("datetime", "2017-07-16T23:59:59.999")
    assert tokens[1].value[0] == "guid"
    assert tokens[2].text == "2.5m"


def test_and_binds_tighter_than_or() -> None:
    tree = parse("A eq 1 or B eq 2 and C eq 3")
    assert isinstance(tree, ast.Binary) and tree.op == "or"
    assert isinstance(tree.right, ast.Binary) and tree.right.op == "and"


def test_parentheses_override_precedence() -> None:
    tree = parse("(A eq 1 or B eq 2) and C eq 3")
    assert isinstance(tree, ast.Binary) and tree.op == "and"


def test_a_lambda_parses_with_its_range_variable() -> None:
    tree = parse("Relatiesoort/any(r: r eq 'Klant')")
    assert isinstance(tree, ast.Lambda)
    assert tree.kind == "any" and tree.variable == "r"
    assert tree.collection.segments == ("Relatiesoort",)


def test_nested_paths_keep_their_segments() -> None:
    tree = parse("VestigingsAdres/Land/Id eq guid'75b4fe7b-062b-4ae1-bad1-5c5e3866a2ae'")
    assert isinstance(tree, ast.Binary) and isinstance(tree.left, ast.Path)
    assert tree.left.segments == ("VestigingsAdres", "Land", "Id")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Naam eq", "Expression expected at position 7 in 'Naam eq'."),
        ("Naam eq 'x' and", "Expression expected at position 15 in 'Naam eq 'x' and'."),
        ("Naam eq 'x' 'y'", "Syntax error at position 12 in 'Naam eq 'x' 'y''."),
        ("(Naam eq 'x'", "')' or operator expected at position 12 in '(Naam eq 'x''."),
        ("Naam eq 'x", "There is an unterminated string literal at position 8 in 'Naam eq 'x'."),
        ("Naam EQ 'x'", "Syntax error at position 5 in 'Naam EQ 'x''."),
    ],
)
def test_syntax_errors_name_the_position(text: str, message: str) -> None:
    with pytest.raises(ODataError) as raised:
        parse(text)
    assert raised.value.message == message


def test_an_unknown_property_names_the_clr_type() -> None:
    with pytest.raises(ODataError) as raised:
        compile_filter("Plaats eq 'Utrecht'", RELATIE)
    assert raised.value.message == (
        "Could not find a property named 'Plaats' on type "
        "'SnelStart.B2B.Api.V2.Models.Relaties.RelatieModel'."
    )


def test_lower_case_property_names_are_unknown() -> None:
    with pytest.raises(ODataError, match="'modifiedOn'"):
        compile_filter("modifiedOn gt datetime'2026-01-01T00:00:00'", RELATIE)


def test_lower_case_property_names_work_when_case_insensitive() -> None:
    compiled = compile_filter("naam eq 'Jansen'", RELATIE, case_insensitive=True)
    assert compiled.predicate(relatie())


def test_both_artikelcode_spellings_are_accepted() -> None:
    compile_filter("Artikelcode eq '308'", ARTIKEL)
    compile_filter("artikelCode eq '308'", ARTIKEL)


def test_comparing_an_integer_with_a_string_is_a_type_error() -> None:
    with pytest.raises(ODataError, match=r"incompatible types.*'Edm\.Int32' and 'Edm\.String'"):
        compile_filter("Relatiecode eq '2'", RELATIE)


def test_datetimeoffset_against_a_datetime_property_is_refused() -> None:
    with pytest.raises(ODataError, match=r"Edm\.DateTimeOffset"):
        compile_filter("ModifiedOn ge datetimeoffset'2026-01-01T00:00:00Z'", RELATIE)


def test_v4_contains_is_an_unknown_function() -> None:
    with pytest.raises(ODataError, match="Unknown function 'contains'"):
        compile_filter("contains(Naam,'x')", RELATIE)


def test_a_filter_must_be_boolean() -> None:
    with pytest.raises(ODataError, match="single boolean"):
        compile_filter("Naam", RELATIE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Naam eq 'Jansen'", True),
        ("Naam ne 'Jansen'", False),
        ("Relatiecode gt 0", True),
        ("Relatiecode ge 1 and Relatiecode le 1", True),
        ("Relatiecode lt 1", False),
        ("not (Relatiecode eq 1)", False),
        ("Nonactief eq false", True),
        ("Nonactief", False),
        ("not Nonactief", True),
        ("Email eq null", True),
        ("Email ne null", False),
        ("startswith(Email, 'x') eq false", False),
        ("substringof('ans', Naam)", True),
        ("substringof('ans', Naam) eq true", True),
        ("startswith(Naam,'Jan') and endswith(Naam,'sen')", True),
        ("tolower(Naam) eq 'jansen'", True),
        ("toupper(Naam) eq 'JANSEN'", True),
        ("length(Naam) eq 6", True),
        ("year(ModifiedOn) eq 2026 and month(ModifiedOn) eq 3", True),
        ("ModifiedOn gt datetime'2026-03-01T11:59:59.999'", True),
        ("ModifiedOn gt datetime'2026-03-01T12:00:00'", False),
        ("ModifiedOn ge DateTime'2026-03-01T12:00:00'", True),
        ("Relatiesoort/any(r:r eq 'Klant')", True),
        ("Relatiesoort/any(soort: soort eq 'Leverancier')", False),
        ("Relatiesoort/all(r:r eq 'Klant')", True),
        ("Relatiesoort/any()", True),
        ("ExtraVeldenKlant/any(e:e/Naam eq 'x')", False),
        ("VestigingsAdres/Plaats eq 'Utrecht'", True),
        ("VestigingsAdres/Land/Id eq guid'75b4fe7b-062b-4ae1-bad1-5c5e3866a2ae'", False),
        ("Id eq guid'0B8F6A52-3C1E-4A55-9D0E-2F7F1C2B9A10'", True),
        ("Krediettermijn add 1 eq 15", True),
        ("Krediettermijn mul 2 gt 27.5", True),
        ("Krediettermijn div 4 eq 3", True),
        ("Krediettermijn mod 4 eq 2", True),
        ("Factuurkorting eq 0", True),
        ("Naam eq 'Jansen' or Naam eq 'X'", True),
        ("Naam eq 'O''Brien'", False),
        ("Naam gt 'Ja' and Naam lt 'Jb'", True),
    ],
)
def test_operators_and_functions_evaluate_like_odata(text: str, expected: bool) -> None:
    assert matches(text, relatie()) is expected


def test_the_extra_fields_lambda_reads_both_members() -> None:
    record = relatie(extraVeldenKlant=[{"naam": "Debiteur", "waarde": "42"}])
    assert matches("ExtraVeldenKlant/any(e:e/Waarde eq '42' and e/Naam eq 'Debiteur')", record)
    assert not matches("ExtraVeldenKlant/any(e:e/Waarde eq '42' and e/Naam eq 'Anders')", record)


def test_null_never_satisfies_an_ordering_comparison() -> None:
    assert not matches("Email gt 'a'", relatie())
    # LINQ semantics: the comparison is false, so its negation is true.
    assert matches("not (Email gt 'a')", relatie())


def test_a_modified_on_range_is_found_in_the_top_level_and_chain() -> None:
    compiled = compile_filter(
        "ModifiedOn gt datetime'2026-01-01T00:00:00' and Nonactief eq false "
        "and datetime'2026-02-01T00:00:00' ge ModifiedOn",
        RELATIE,
    )
    assert compiled.bounds == Bounds(
        low=datetime(2026, 1, 1),
        low_inclusive=False,
        high=datetime(2026, 2, 1),
        high_inclusive=True,
    )


def test_no_range_is_taken_from_an_or() -> None:
    compiled = compile_filter(
        "ModifiedOn gt datetime'2026-01-01T00:00:00' or Nonactief eq false", RELATIE
    )
    assert compiled.bounds is None
