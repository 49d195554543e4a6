"""The office's corrections of hours and materials appear in 'Geschiedenis' (issue 14 item 10)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from simon.testing import DAY
from simon.workorders import services
from simon.workorders.models import MaterialLine, StatusChange, TimeEntry, WorkOrder
from simon.workorders.services import correction_notes
from simon.workorders.services.correction_notes import HoursFacts, MaterialFacts
from simon.workorders.tests.conftest import HTMX
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db

JAN = HoursFacts("Jan Smit", "Werktijd", date(2026, 12, 4), 150, "")
BOILER = MaterialFacts("BOILER-80 Elektrische boiler 80 liter", Decimal("1"), "stuk", "")


# --- what the notes say (pure) ----------------------------------------------------------------


def test_hours_added_changed_and_removed_say_what_and_whose():
    assert correction_notes.hours_note(None, JAN) == (
        "Uren toegevoegd: Jan Smit, werktijd 04-12-2026, 150 min."
    )
    assert correction_notes.hours_note(JAN, None) == (
        "Uren verwijderd: Jan Smit, werktijd 04-12-2026, 150 min."
    )
    shorter = HoursFacts("Jan Smit", "Werktijd", date(2026, 12, 4), 120, "na overleg")
    assert correction_notes.hours_note(JAN, shorter) == (
        "Uren gecorrigeerd (Jan Smit, werktijd 04-12-2026, 150 min): minuten 150 → 120; "
        "opmerking — → na overleg."
    )
    assert correction_notes.hours_note(JAN, JAN) == ""  # saved unchanged: no history line


def test_material_added_changed_and_removed_with_dutch_quantities():
    assert correction_notes.material_note(None, BOILER) == (
        "Materiaal toegevoegd: BOILER-80 Elektrische boiler 80 liter, 1 stuk."
    )
    more = MaterialFacts(BOILER.article, Decimal("2.500"), "stuk", "")
    assert correction_notes.material_note(BOILER, more) == (
        "Materiaal gecorrigeerd (BOILER-80 Elektrische boiler 80 liter, 1 stuk): aantal 1 → 2,5."
    )
    assert correction_notes.material_note(BOILER, None).startswith("Materiaal verwijderd: BOILER")
    assert correction_notes.material_note(BOILER, BOILER) == ""


# --- when a change is a correction -------------------------------------------------------------


def corrections(work_order: WorkOrder) -> list[str]:
    return list(
        StatusChange.objects.filter(
            work_order=work_order, from_status=work_order.status, to_status=work_order.status
        )
        .order_by("id")
        .values_list("note", flat=True)
    )


def test_registering_before_gereed_melden_is_no_correction(planned, alice, bob, article):
    services.add_time_entry(planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60)
    # The office books hours for a monteur on an open order: planning work, not a correction.
    services.add_time_entry(planned, by=alice, employee=bob, kind="reistijd", date=DAY, minutes=15)
    services.add_material(planned, by=bob, article=article, quantity="2")
    assert corrections(planned) == []


def test_the_office_changing_a_monteurs_hours_is_a_correction_in_any_status(planned, alice, bob):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60
    )
    services.update_time_entry(entry, by=alice, minutes=45)
    planned.refresh_from_db()
    [note] = corrections(planned)
    assert note.startswith("Uren gecorrigeerd (") and note.endswith("minuten 60 → 45.")
    assert StatusChange.objects.filter(work_order=planned, note=note, by=alice).exists()


def test_a_monteur_changing_own_hours_is_no_correction(planned, bob):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60
    )
    services.update_time_entry(entry, by=bob, minutes=90)
    assert corrections(planned) == []


def test_after_gereed_melden_every_office_change_is_written_down(planned, alice, bob, article):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=150
    )
    line = services.add_material(planned, by=bob, article=article, quantity="1")
    completed = services.report_complete(planned, by=bob)

    services.update_time_entry(TimeEntry.objects.get(pk=entry.pk), by=alice, minutes=120)
    services.add_time_entry(
        completed, by=alice, employee=alice, kind="reistijd", date=DAY, minutes=20
    )
    services.update_material(MaterialLine.objects.get(pk=line.pk), by=alice, quantity="3")
    services.delete_material(MaterialLine.objects.get(pk=line.pk), by=alice)
    completed.refresh_from_db()

    notes = corrections(completed)
    assert len(notes) == 4
    assert notes[0].endswith("minuten 150 → 120.")
    assert notes[1].startswith("Uren toegevoegd: ") and "reistijd" in notes[1]
    assert notes[2] == "Materiaal gecorrigeerd (KRAAN-15 Kraan 15 mm, 1 stuk): aantal 1 → 3."
    assert notes[3] == "Materiaal verwijderd: KRAAN-15 Kraan 15 mm, 3 stuk."


def test_a_long_note_is_cut_to_what_the_history_holds(planned, alice, bob):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60, note="x" * 200
    )
    services.update_time_entry(entry, by=alice, note="y" * 200)
    [note] = corrections(planned)
    assert len(note) == correction_notes.NOTE_LENGTH and note.endswith("…")


# --- the page -----------------------------------------------------------------------------------


def test_geschiedenis_shows_the_correction_with_who_made_it(alice_client, alice, bob, planned):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=150
    )
    completed = services.report_complete(planned, by=bob)
    url = reverse(
        "workorders:hours_edit", kwargs={"code": completed.code, "entry_code": entry.code}
    )
    data = {"employee": bob.username, "kind": "werktijd", "date": DAY.isoformat(), "minutes": "120"}
    answer = alice_client.post(url, {f"uren-wijzig-{k}": v for k, v in data.items()}, **HTMX)
    assert answer.status_code == 200
    assert "errorlist" not in answer.content.decode(), text(answer.content.decode())
    page = alice_client.get(reverse("workorders:detail", kwargs={"code": completed.code}))
    history = re.search(r'<section id="geschiedenis".*?</section>', page.content.decode(), re.S)
    assert history
    shown = text(history.group(0))
    assert "Gecorrigeerd" in shown and "minuten 150 → 120" in shown
    assert f"door {alice.get_full_name() or alice.username}" in shown


def test_another_tenant_cannot_correct_and_leaves_no_trace(charlie_client, bob, planned):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=150
    )
    url = reverse("workorders:hours_edit", kwargs={"code": planned.code, "entry_code": entry.code})
    answer = charlie_client.post(url, {"uren-minutes": "1"}, **HTMX)
    assert answer.status_code == 404
    assert TimeEntry.objects.get(pk=entry.pk).minutes == 150
    assert corrections(planned) == []
