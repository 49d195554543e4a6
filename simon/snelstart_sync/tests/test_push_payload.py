"""The sales order a work order becomes: a pure function, tested table-driven (S10–S21).

No database and no SnelStart: ``build_sales_order(facts, settings)`` on plain values.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from simon.snelstart_sync.push.payload import (
    DESCRIPTION_MAX,
    LINE_TEXT_MAX,
    MEMO_MAX,
    ORDER_REFERENCE_MAX,
    PAYMENT_REFERENCE_MAX,
    ExportSettings,
    MaterialItem,
    SettingsArticle,
    WorkOrderFacts,
    build_sales_order,
    is_filtered,
    marker_for,
    to_verkooporder,
)
from simon.snelstart_sync.push.readiness import problems

CUSTOMER = UUID("0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10")
CODE = UUID("01938a2b-0000-7000-8000-00000a3f9a1c")
UUR = SettingsArticle(UUID("00000000-0000-4000-8000-000000000001"), "UUR", "Arbeid per uur")
REIS = SettingsArticle(UUID("00000000-0000-4000-8000-000000000002"), "REIS", "Reistijd per uur")
VOORRIJ = SettingsArticle(UUID("00000000-0000-4000-8000-000000000003"), "VOORRIJ", "Voorrijkosten")
KRAAN = MaterialItem(UUID("00000000-0000-4000-8000-00000000000a"), "KRAAN", "Kraan", Decimal(2))
BUIS = MaterialItem(UUID("00000000-0000-4000-8000-00000000000b"), "BUIS", "Buis", Decimal("1.5"))
TEMPLATE = UUID("5d3e9c1a-7b2f-4c8e-a6d1-93f0e2b4c7a8")

FACTS = WorkOrderFacts(
    number="2026-00042",
    code=CODE,
    description="Ketel vervangen",
    customer_reference="PO-77",
    archived_on=date(2026, 12, 5),
    customer_present=True,
    customer_id=CUSTOMER,
    customer_name="Bakkerij de Vries",
    work_address="Kerkstraat 12A, 1234 AB Utrecht",
    work_address_block="Winkel\nKerkstraat 12A, 1234 AB Utrecht\nJan 06-12345678",
    work_minutes=120,
    travel_minutes=15,
    materials=(KRAAN, BUIS),
)
SETTINGS = ExportSettings()


def summary(draft):
    return [(line.kind, line.article_code, line.quantity) for line in draft.lines]


# --- lines: S10–S14 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "facts", "expected"),
    [
        pytest.param(
            SETTINGS,
            FACTS,
            [("material", "KRAAN", Decimal(2)), ("material", "BUIS", Decimal("1.5"))],
            id="no articles chosen: only the materials (S10, S11: no line)",
        ),
        pytest.param(
            replace(SETTINGS, work_article=UUR, travel_article=REIS),
            FACTS,
            [
                ("work", "UUR", Decimal(2)),  # manual 3.4.2: 120 min -> 2
                ("travel", "REIS", Decimal("0.25")),  # manual 3.4.1: 15 min -> 0.25
                ("material", "KRAAN", Decimal(2)),
                ("material", "BUIS", Decimal("1.5")),
            ],
            id="work and travel articles",
        ),
        pytest.param(
            replace(SETTINGS, travel_article=REIS),
            replace(FACTS, travel_minutes=120, materials=()),
            [("travel", "REIS", Decimal(2))],
            id="manual 5.2: two hours of travel -> 2 x the travel article",
        ),
        pytest.param(
            replace(SETTINGS, work_article=UUR, travel_article=REIS),
            replace(FACTS, work_minutes=0, travel_minutes=0, materials=()),
            [],
            id="no time booked: no time lines",
        ),
        pytest.param(
            replace(SETTINGS, work_article=UUR),
            replace(FACTS, work_minutes=20, materials=()),
            [("work", "UUR", Decimal("0.3333"))],
            id="20 min -> 0.3333 (half-up, 4 decimals)",
        ),
        pytest.param(
            replace(SETTINGS, work_article=UUR),
            replace(FACTS, work_minutes=40, materials=()),
            [("work", "UUR", Decimal("0.6667"))],
            id="40 min -> 0.6667",
        ),
        pytest.param(
            replace(SETTINGS, work_article=UUR),
            replace(FACTS, work_minutes=90, materials=()),
            [("work", "UUR", Decimal("1.5"))],
            id="90 min -> 1.5",
        ),
        pytest.param(
            replace(SETTINGS, fixed_article=VOORRIJ),
            replace(FACTS, materials=()),
            [("fixed", "VOORRIJ", Decimal(1))],
            id="S13 the fixed article, quantity 1",
        ),
        pytest.param(
            replace(SETTINGS, first_line_description=True, fixed_article=VOORRIJ, work_article=UUR),
            replace(FACTS, travel_minutes=0, materials=(KRAAN,)),
            [
                ("text", "", None),
                ("fixed", "VOORRIJ", Decimal(1)),
                ("work", "UUR", Decimal(2)),
                ("material", "KRAAN", Decimal(2)),
            ],
            id="S14 the text line first, then fixed, work, materials",
        ),
        pytest.param(
            replace(SETTINGS, first_line_description=True),
            replace(FACTS, description="   ", materials=()),
            [],
            id="S14 with an empty description: no empty text line",
        ),
    ],
)
def test_lines(options, facts, expected):
    assert summary(build_sales_order(facts, options)) == expected


def test_the_text_line_holds_the_description_on_one_line():
    facts = replace(FACTS, description="Ketel vervangen\n\nen  afvoer  controleren")
    draft = build_sales_order(facts, replace(SETTINGS, first_line_description=True))
    assert draft.lines[0].description == "Ketel vervangen en afvoer controleren"


def test_the_hours_are_rounded_once_on_the_total():
    # Three entries of 20 minutes are one hour, not 3 x 0.3333 = 0.9999.
    draft = build_sales_order(replace(FACTS, work_minutes=60), replace(SETTINGS, work_article=UUR))
    assert draft.lines[0].quantity == Decimal(1)


# --- header: S15–S20 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "suffix", "expected"),
    [
        ("werkomschrijving", "", "Ketel vervangen"),
        ("werkadres", "", "Kerkstraat 12A, 1234 AB Utrecht"),
        ("klantreferentie", "", "PO-77"),
        ("werkomschrijving", "XXX", "Ketel vervangen XXX"),
        ("klantreferentie", "WB", "PO-77 WB"),
    ],
)
def test_s15_description(choice, suffix, expected):
    draft = build_sales_order(FACTS, replace(SETTINGS, order_description=choice, suffix=suffix))
    assert draft.omschrijving == expected


def test_s15_an_empty_choice_falls_back_to_the_number():
    facts = replace(FACTS, customer_reference="")
    draft = build_sales_order(
        facts, replace(SETTINGS, order_description="klantreferentie", suffix="XXX")
    )
    assert draft.omschrijving == "Werkbon 2026-00042 XXX"


@pytest.mark.parametrize(
    ("choice", "reference", "expected"),
    [
        ("werkbonnummer", "PO-77", "2026-00042"),
        ("klantreferentie", "PO-77", "PO-77"),
        ("beide", "PO-77", "2026-00042 / PO-77"),
        ("beide", "", "2026-00042"),
        ("geen", "PO-77", ""),
    ],
)
def test_s16_payment_reference(choice, reference, expected):
    facts = replace(FACTS, customer_reference=reference)
    assert build_sales_order(
        facts, replace(SETTINGS, payment_reference=choice)
    ).betalingskenmerk == (expected)


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("werkadres", "Winkel\nKerkstraat 12A, 1234 AB Utrecht\nJan 06-12345678"),
        ("werkomschrijving", "Ketel vervangen"),
        ("beide", "Winkel\nKerkstraat 12A, 1234 AB Utrecht\nJan 06-12345678\n\nKetel vervangen"),
        ("geen", ""),
    ],
)
def test_s17_memo(choice, expected):
    assert build_sales_order(FACTS, replace(SETTINGS, memo=choice)).memo == expected


def test_s17_memo_without_a_work_address_is_just_the_description():
    facts = replace(FACTS, work_address="", work_address_block="")
    assert build_sales_order(facts, replace(SETTINGS, memo="beide")).memo == "Ketel vervangen"


@pytest.mark.parametrize(
    ("order_type", "template", "status", "sent_template"),
    [
        ("standaard", None, "Order", None),
        ("werkbon", None, "Werkbon", None),
        ("standaard", TEMPLATE, "Order", TEMPLATE),
    ],
)
def test_s19_template_and_s20_order_type(order_type, template, status, sent_template):
    draft = build_sales_order(FACTS, replace(SETTINGS, order_type=order_type, template_id=template))
    body = to_verkooporder(draft).to_write_payload()
    assert body["procesStatus"] == status
    if sent_template:
        assert body["verkoopordersjabloon"] == {"id": sent_template}
    else:
        assert "verkoopordersjabloon" not in body


def test_s21_no_prices_and_no_article_texts_are_sent():
    settings = replace(SETTINGS, work_article=UUR, first_line_description=True)
    body = to_verkooporder(build_sales_order(FACTS, settings)).to_write_payload()
    assert body["regels"][0] == {"omschrijving": "Ketel vervangen"}
    assert body["regels"][1] == {"artikel": {"id": UUR.article_id}, "aantal": Decimal(2)}
    for line in body["regels"]:
        assert not {"stuksprijs", "totaal", "kortingsPercentage"} & set(line)
    assert body["relatie"] == {"id": CUSTOMER}
    assert body["datum"].isoformat() == "2026-12-05T00:00:00"
    assert body["orderreferentie"] == "Werkbon 2026-00042 (3f9a1c)"


# --- the marker, the filter word and long texts ---------------------------------------------------


def test_the_marker_is_readable_unique_and_fits_orderreferentie():
    other = UUID("01938a2b-0000-7000-8000-0000000b1c2d")
    assert marker_for("2026-00042", CODE) == "Werkbon 2026-00042 (3f9a1c)"
    assert marker_for("2026-00042", other) != marker_for("2026-00042", CODE)
    assert len(marker_for("9" * 60, CODE)) == ORDER_REFERENCE_MAX


@pytest.mark.parametrize(
    ("description", "word", "filtered"),
    [
        ("Garantie: lekkage", "Garantie", True),  # manual 5.10
        ("lekkage onder garantie", "Garantie", True),  # upper or lower case alike
        ("GARANTIEWERK", "garantie", True),
        ("Lekkage", "Garantie", False),
        ("Garantie", "", False),  # empty: everything is sent
        ("Garantie", "  ", False),
    ],
)
def test_s18_filter_word(description, word, filtered):
    assert is_filtered(description, word) is filtered


def test_long_texts_are_cut_visibly_and_never_fail():
    long = "Ketel " * 30_000  # 180,000 characters
    facts = replace(FACTS, description=long, customer_reference="R" * 100)
    settings = replace(
        SETTINGS,
        suffix="XXX",
        memo="werkomschrijving",
        first_line_description=True,
        payment_reference="beide",
    )
    draft = build_sales_order(facts, settings)

    assert len(draft.omschrijving) == DESCRIPTION_MAX
    assert draft.omschrijving.endswith("… XXX")  # the suffix survives the cut
    assert len(draft.memo) == MEMO_MAX and draft.memo.endswith("…")
    assert len(draft.betalingskenmerk) == PAYMENT_REFERENCE_MAX
    assert len(draft.lines[0].description) == LINE_TEXT_MAX
    assert {cut.field for cut in draft.cuts} == {
        "omschrijving",
        "memo",
        "betalingskenmerk",
        "regel",
    }


def test_control_characters_never_reach_snelstart():
    facts = replace(FACTS, description="Ketel\x00 vervangen\x1b[31m", customer_reference="PO\t77")
    draft = build_sales_order(
        facts, replace(SETTINGS, memo="werkomschrijving", payment_reference="klantreferentie")
    )
    assert draft.omschrijving == "Ketel vervangen[31m"
    assert draft.betalingskenmerk == "PO 77"
    assert "\x00" not in draft.memo and "\x1b" not in draft.memo


# --- readiness: what stops it -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "options", "expected"),
    [
        pytest.param(FACTS, SETTINGS, [], id="ready"),
        pytest.param(
            replace(FACTS, customer_present=False, customer_id=None),
            SETTINGS,
            ["customer"],
            id="no customer (manual 2.3)",
        ),
        pytest.param(
            replace(FACTS, customer_id=None), SETTINGS, ["customer"], id="customer made in Simon"
        ),
        pytest.param(
            replace(FACTS, customer_active=False), SETTINGS, ["customer"], id="customer hidden"
        ),
        pytest.param(
            replace(FACTS, materials=(replace(KRAAN, article_id=None),)),
            SETTINGS,
            ["material"],
            id="article made in Simon",
        ),
        pytest.param(
            replace(FACTS, materials=(replace(KRAAN, active=False), BUIS)),
            SETTINGS,
            ["material"],
            id="article hidden",
        ),
        pytest.param(
            FACTS,
            replace(SETTINGS, fixed_article=replace(VOORRIJ, known=False)),
            ["settings"],
            id="fixed article gone",
        ),
        pytest.param(
            replace(FACTS, work_minutes=0),
            replace(SETTINGS, work_article=replace(UUR, known=False)),
            [],
            id="a gone work article does not matter without work time",
        ),
    ],
)
def test_readiness(facts, options, expected):
    assert [p.part for p in problems(facts, options)] == expected
