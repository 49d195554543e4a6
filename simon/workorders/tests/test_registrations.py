"""Registering time and materials on a work order."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest

from simon.testing import DAY, make_article
from simon.workorders import services
from simon.workorders.errors import WorkOrderError
from simon.workorders.models import MaterialLine, TimeEntry, TimeKind

pytestmark = pytest.mark.django_db


def test_start_and_end_give_the_minutes(planned, bob):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind=TimeKind.WORK, date=DAY, start=time(8, 15), end=time(10)
    )

    assert entry.minutes == 105
    assert (entry.start_time, entry.end_time) == (time(8, 15), time(10))


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (time(10), time(9), "De eindtijd moet na de begintijd liggen."),
        (time(10), time(10), "De eindtijd moet na de begintijd liggen."),
        (time(10), None, "Vul zowel de begin- als de eindtijd in."),
    ],
)
def test_an_impossible_span_is_refused(planned, bob, start, end, message):
    with pytest.raises(WorkOrderError) as error:
        services.add_time_entry(
            planned, by=bob, employee=bob, kind=TimeKind.WORK, date=DAY, start=start, end=end
        )

    assert error.value.message == message
    assert TimeEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        (0, "Het aantal minuten moet groter dan 0 zijn."),
        (-5, "Het aantal minuten moet groter dan 0 zijn."),
        (None, "Vul het aantal minuten in."),
        ("1.5", "Vul een geheel aantal minuten in."),
        ("abc", "Vul een geheel aantal minuten in."),
        (24 * 60 + 1, "Meer dan 24 uur in één regel kan niet."),
    ],
)
def test_bad_minutes_are_refused(planned, bob, minutes, message):
    with pytest.raises(WorkOrderError) as error:
        services.add_time_entry(
            planned, by=bob, employee=bob, kind=TimeKind.TRAVEL, date=DAY, minutes=minutes
        )

    assert error.value.message == message


def test_minutes_that_contradict_the_span_are_refused(planned, bob):
    with pytest.raises(WorkOrderError) as error:
        services.add_time_entry(
            planned,
            by=bob,
            employee=bob,
            kind=TimeKind.WORK,
            date=DAY,
            minutes=30,
            start=time(8),
            end=time(10),
        )

    assert error.value.field == "minutes"


def test_an_unknown_kind_is_refused(planned, bob):
    with pytest.raises(WorkOrderError) as error:
        services.add_time_entry(planned, by=bob, employee=bob, kind="pauze", date=DAY, minutes=5)

    assert error.value.message == "Kies werktijd of reistijd."


def test_updating_minutes_replaces_a_span_and_a_span_recomputes(planned, bob):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind=TimeKind.WORK, date=DAY, start=time(8), end=time(9)
    )

    services.update_time_entry(entry, by=bob, minutes=20)
    assert (entry.minutes, entry.start_time, entry.end_time) == (20, None, None)

    services.update_time_entry(entry, by=bob, start=time(13), end=time(14, 30))
    entry.refresh_from_db()
    assert (entry.minutes, entry.start_time) == (90, time(13))


def test_deleting_a_time_entry(planned, bob):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind=TimeKind.WORK, date=DAY, minutes=10
    )

    services.delete_time_entry(entry, by=bob)

    assert TimeEntry.objects.count() == 0


def test_materials_get_decimal_quantities_in_order(planned, bob, article, org_a):
    tape = make_article(org_a, "TAPE", "Teflontape")

    first = services.add_material(planned, by=bob, article=article, quantity="2,5")
    second = services.add_material(planned, by=bob, article=tape, quantity=1, note="rol")

    assert (first.quantity, first.position) == (Decimal("2.5"), 1)
    assert (second.quantity, second.position, second.note) == (Decimal(1), 2, "rol")
    assert list(planned.material_lines.values_list("article__article_code", flat=True)) == [
        "KRAAN-15",
        "TAPE",
    ]


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (0, "Het aantal moet groter dan 0 zijn."),
        ("-1", "Het aantal moet groter dan 0 zijn."),
        ("1.2345", "Gebruik maximaal 3 decimalen."),
        ("veel", "Vul een geldig aantal in."),
        ("NaN", "Vul een geldig aantal in."),
        (None, "Vul een aantal in."),
        ("1000000000", "Dit aantal is te groot."),
    ],
)
def test_bad_quantities_are_refused(planned, bob, article, quantity, message):
    with pytest.raises(WorkOrderError) as error:
        services.add_material(planned, by=bob, article=article, quantity=quantity)

    assert error.value.message == message
    assert MaterialLine.objects.count() == 0


def test_a_hidden_article_cannot_be_added_but_stays_on_existing_lines(planned, bob, article):
    line = services.add_material(planned, by=bob, article=article, quantity=1)
    article.active = False
    article.save()

    with pytest.raises(WorkOrderError) as error:
        services.add_material(planned, by=bob, article=article, quantity=1)
    services.update_material(line, by=bob, quantity=3)

    assert error.value.message == "Dit artikel is niet meer beschikbaar."
    line.refresh_from_db()
    assert (line.article, line.quantity) == (article, Decimal(3))


def test_deleting_a_material_line(planned, bob, article):
    line = services.add_material(planned, by=bob, article=article, quantity=1)

    services.delete_material(line, by=bob)

    assert MaterialLine.objects.count() == 0
