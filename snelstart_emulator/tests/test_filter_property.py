"""Property test: for random relaties and random filters from the supported grammar, the
emulator's `$filter` answer over HTTP equals an independent Python predicate built here.

The reference semantics (written out below without the emulator's code): comparisons with
null - `eq null` is true only for null, ordering with null is false; a function of a null
argument is null; `not`, `and`, `or` are three-valued (null = unknown); a row is selected when the
whole expression is true. Strings compare ordinally.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from snelstart_emulator.testing import EmulatorServer

Row = dict[str, Any]
Pred = Callable[[Row], Any]
Node = tuple[str, Pred]

NAME_ALPHABET = "abAB 'é"
EMAILS = ["a@b.nl", "x.y@z.com", "B@b.nl"]
PLACES = ["Utrecht", "utrecht", "Den Haag", "'s-Hertogenbosch"]


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def stamp(moment: datetime) -> str:
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{text}.{moment.microsecond // 10000:02d}".rstrip("0").rstrip(".")


# -- data -----------------------------------------------------------------------------------------
moments = st.builds(
    lambda day, second, centis: (
        datetime(2025, 1, 1).replace(microsecond=centis * 10000)
        + (datetime(2025, 1, 1 + day) - datetime(2025, 1, 1))
        + (
            datetime(2025, 1, 1, second // 3600, second // 60 % 60, second % 60)
            - datetime(2025, 1, 1)
        )
    ),
    st.integers(0, 27),
    st.integers(0, 86399),
    st.integers(0, 99),
)


@st.composite
def relatie_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    codes = draw(st.lists(st.integers(1, 500), min_size=1, max_size=10, unique=True))
    rows = []
    for code in codes:
        naam = draw(
            st.text(NAME_ALPHABET, min_size=1, max_size=6).filter(lambda t: t.strip() != "")
        )
        plaats = draw(st.none() | st.sampled_from(PLACES))
        address = (
            {"straat": "Kerkstraat 1", "postcode": "1234 AB", "plaats": plaats} if plaats else None
        )
        rows.append(
            {
                "relatiesoort": [draw(st.sampled_from(["Klant", "Leverancier"]))],
                "relatiecode": code,
                "naam": naam,
                "email": draw(st.none() | st.sampled_from(EMAILS)),
                "nonactief": draw(st.booleans()),
                "krediettermijn": draw(st.integers(-10, 60)),
                "vestigingsAdres": address,
                "modifiedOn": stamp(draw(moments)),
            }
        )
    return rows


# -- filters with their reference predicate --------------------------------------------------------
def compare(op: str, left: Any, right: Any) -> bool:
    if op == "eq":
        return left == right
    if op == "ne":
        return left != right
    if left is None or right is None:
        return False
    return {"gt": left > right, "ge": left >= right, "lt": left < right, "le": left <= right}[op]


def func(fn: Callable[..., Any], *args: Any) -> Any:
    return None if any(arg is None for arg in args) else fn(*args)


def field(row: Row, name: str) -> Any:
    if name == "ModifiedOn":
        return datetime.fromisoformat(row["modifiedOn"])
    if name == "VestigingsAdres/Plaats":
        return (row["vestigingsAdres"] or {}).get("plaats")
    return row[name[0].lower() + name[1:]]


OPS = st.sampled_from(["eq", "ne", "gt", "ge", "lt", "le"])


def atoms(names: list[str], stamps: list[str]) -> st.SearchStrategy[Node]:
    strings = st.sampled_from([*names, "a", "B", "O'b", ""])
    prefixes = st.sampled_from(["a", "A", "b", "'", "é", ""])

    def string_compare(prop: str) -> st.SearchStrategy[Node]:
        return st.builds(
            lambda op, text: (
                f"{prop} {op} {quote(text)}",
                lambda r: compare(op, field(r, prop), text),
            ),
            OPS,
            strings if prop == "Naam" else st.sampled_from([*EMAILS, *PLACES, "a"]),
        )

    def number_compare(prop: str) -> st.SearchStrategy[Node]:
        return st.builds(
            lambda op, n: (f"{prop} {op} {n}", lambda r: compare(op, field(r, prop), n)),
            OPS,
            st.integers(-20, 520),
        )

    def nulls(prop: str) -> st.SearchStrategy[Node]:
        return st.builds(
            lambda op: (
                f"{prop} {op} null",
                lambda r: (field(r, prop) is None) == (op == "eq"),
            ),
            st.sampled_from(["eq", "ne"]),
        )

    def with_bool(node: Node) -> st.SearchStrategy[Node]:
        text, pred = node
        return st.sampled_from(
            [
                node,
                (f"{text} eq true", lambda r: pred(r) == True),  # noqa: E712 - null == true is false
                (f"{text} eq false", lambda r: pred(r) == False),  # noqa: E712
            ]
        )

    string_functions = st.builds(
        lambda kind, prop, part: {
            "substringof": (
                f"substringof({quote(part)}, {prop})",
                lambda r: func(lambda h: part in h, field(r, prop)),
            ),
            "startswith": (
                f"startswith({prop}, {quote(part)})",
                lambda r: func(lambda h: h.startswith(part), field(r, prop)),
            ),
            "endswith": (
                f"endswith({prop},{quote(part)})",
                lambda r: func(lambda h: h.endswith(part), field(r, prop)),
            ),
        }[kind],
        st.sampled_from(["substringof", "startswith", "endswith"]),
        st.sampled_from(["Naam", "Email", "VestigingsAdres/Plaats"]),
        prefixes,
    ).flatmap(with_bool)

    tolower = st.builds(
        lambda text: (
            f"tolower(Naam) eq {quote(text)}",
            lambda r: func(str.lower, field(r, "Naam")) == text,
        ),
        strings.map(str.lower),
    )
    dates = st.builds(
        lambda op, text: (
            f"ModifiedOn {op} datetime'{text}'",
            lambda r: compare(op, field(r, "ModifiedOn"), datetime.fromisoformat(text)),
        ),
        OPS,
        st.sampled_from(stamps) | moments.map(stamp),
    )
    years = st.builds(
        lambda year: (f"year(ModifiedOn) eq {year}", lambda r: field(r, "ModifiedOn").year == year),
        st.sampled_from([2024, 2025, 2026]),
    )
    booleans = st.sampled_from(
        [
            ("Nonactief", lambda r: r["nonactief"]),
            ("Nonactief eq true", lambda r: r["nonactief"] is True),
            ("Nonactief eq false", lambda r: r["nonactief"] is False),
        ]
    )
    soorten = st.builds(
        lambda var, soort: (
            f"Relatiesoort/any({var}:{var} eq {quote(soort)})",
            lambda r: soort in r["relatiesoort"],
        ),
        st.sampled_from(["r", "x", "soort"]),
        st.sampled_from(["Klant", "Leverancier", "Eigen"]),
    )
    return st.one_of(
        string_compare("Naam"),
        string_compare("Email"),
        st.builds(
            lambda op, text: (
                f"VestigingsAdres/Plaats {op} {quote(text)}",
                lambda r: compare(op, field(r, "VestigingsAdres/Plaats"), text),
            ),
            OPS,
            st.sampled_from(PLACES),
        ),
        number_compare("Relatiecode"),
        number_compare("Krediettermijn"),
        nulls("Email"),
        nulls("VestigingsAdres/Plaats"),
        string_functions,
        tolower,
        dates,
        years,
        booleans,
        soorten,
    )


def kleene_not(value: Any) -> Any:
    return None if value is None else not value


def kleene_and(a: Any, b: Any) -> Any:
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def kleene_or(a: Any, b: Any) -> Any:
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


def wrap(node: Node) -> str:
    """Parenthesise a compound child so the text means what the predicate computes."""
    text = node[0]
    return f"({text})" if " and " in text or " or " in text else text


def combine(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(
            lambda a, b: (f"{wrap(a)} and {wrap(b)}", lambda r: kleene_and(a[1](r), b[1](r))),
            children,
            children,
        ),
        st.builds(
            lambda a, b: (f"{wrap(a)} or {wrap(b)}", lambda r: kleene_or(a[1](r), b[1](r))),
            children,
            children,
        ),
        # Unparenthesised: `and` binds tighter than `or`.
        st.builds(
            lambda a, b, c: (
                f"{wrap(a)} or {wrap(b)} and {wrap(c)}",
                lambda r: kleene_or(a[1](r), kleene_and(b[1](r), c[1](r))),
            ),
            children,
            children,
            children,
        ),
        st.builds(lambda a: (f"not ({a[0]})", lambda r: kleene_not(a[1](r))), children),
        st.builds(lambda a: (f"({a[0]})", a[1]), children),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[Node]]:
    rows = draw(relatie_rows())
    names = [row["naam"] for row in rows]
    stamps = [row["modifiedOn"] for row in rows]
    filters = st.recursive(atoms(names, stamps), combine, max_leaves=5)
    return rows, draw(st.lists(filters, min_size=1, max_size=4))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(scenario=scenarios())
def test_filter_results_match_an_independent_predicate(
    server: EmulatorServer, scenario: tuple[list[dict[str, Any]], list[Node]]
) -> None:
    rows, filters = scenario
    info = server.create_administration(demo=False)
    records = []
    for row in rows:
        record = {key: value for key, value in row.items() if value is not None}
        records.append(record)
    server._admin(
        "POST", f"/administrations/{info.administration_id}/relaties", {"records": records}
    )
    with server.api_client(info.client_key) as api:
        everything = api.get("/relaties").json()
        for text, predicate in filters:
            response = api.get("/relaties", params={"$filter": text})
            assert response.status_code == 200, (text, response.text)
            expected = [row["id"] for row in everything if predicate(row) is True]
            assert [row["id"] for row in response.json()] == expected, text
    server._admin("DELETE", f"/administrations/{info.administration_id}")
