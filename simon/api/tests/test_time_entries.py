from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from simon.api.tests.conftest import error, snapshot
from simon.testing import DAY
from simon.workorders import services
from simon.workorders.models import TimeEntry


@pytest.fixture
def entry(planned, bob):
    return services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60
    )


# --- POST ------------------------------------------------------------------------------------


def test_a_monteur_books_minutes_for_themselves(bob_api, bob, planned):
    response = bob_api.post(
        f"/work-orders/{planned.code}/time-entries",
        {"kind": "werktijd", "date": "2026-03-16", "minutes": 120, "note": "ketel"},
    )

    assert response.status_code == 201
    entry = TimeEntry.objects.get()
    assert entry.employee == bob
    assert response.json() == {
        "code": str(entry.code),
        "employee": {"username": "bob", "name": "Bob"},
        "kind": "werktijd",
        "date": "2026-03-16",
        "start": None,
        "end": None,
        "minutes": 120,
        "note": "ketel",
    }


def test_start_and_end_give_the_minutes_and_the_date_defaults_to_today(bob_api, planned):
    with time_machine.travel(dt.datetime(2026, 3, 17, 7, 0, tzinfo=dt.UTC), tick=False):
        response = bob_api.post(
            f"/work-orders/{planned.code}/time-entries",
            {"kind": "reistijd", "start": "07:45", "end": "08:00"},
        )

    assert response.status_code == 201
    assert response.json()["minutes"] == 15
    assert response.json()["date"] == "2026-03-17"
    assert response.json()["start"] == "07:45:00"


@pytest.mark.parametrize(
    ("body", "status", "message", "field"),
    [
        ({"kind": "pauze", "minutes": 10}, 400, "Kies werktijd of reistijd.", "kind"),
        ({"kind": "werktijd"}, 400, "Vul het aantal minuten in.", "minutes"),
        (
            {"kind": "werktijd", "minutes": 0},
            400,
            "Het aantal minuten moet groter dan 0 zijn.",
            "minutes",
        ),
        (
            {"kind": "werktijd", "minutes": 1441},
            400,
            "Meer dan 24 uur in één regel kan niet.",
            "minutes",
        ),
        ({"kind": "werktijd", "minutes": 1.5}, 422, "Vul een geheel getal in.", "minutes"),
        ({"kind": "werktijd", "minutes": "veel"}, 422, "Vul een geheel getal in.", "minutes"),
        (
            {"kind": "werktijd", "start": "09:00", "end": "08:00"},
            400,
            "De eindtijd moet na de begintijd liggen.",
            "end",
        ),
        (
            {"kind": "werktijd", "start": "09:00"},
            400,
            "Vul zowel de begin- als de eindtijd in.",
            "end",
        ),
        ({"kind": "werktijd", "start": "negen"}, 422, "Vul een tijd in als UU:MM.", "start"),
        (
            {"kind": "werktijd", "minutes": 5, "date": "16-03-2026"},
            422,
            "Vul een datum in als JJJJ-MM-DD.",
            "date",
        ),
        (
            {"kind": "werktijd", "minutes": 5, "note": "x" * 251},
            422,
            "Gebruik maximaal 250 tekens.",
            "note",
        ),
        ({"minutes": 5}, 422, "Dit veld is verplicht.", "kind"),
        ({"kind": "werktijd", "minuten": 5}, 422, "Dit veld bestaat niet.", "minuten"),
    ],
)
def test_booking_refuses_bad_input(bob_api, planned, body, status, message, field):
    response = bob_api.post(f"/work-orders/{planned.code}/time-entries", body)

    assert response.status_code == status
    assert response.json()["message"] == message
    assert response.json()["field"] == field
    assert TimeEntry.objects.count() == 0


def test_booking_after_gereed_melden_is_a_conflict(bob_api, bob, planned):
    services.report_complete(planned, by=bob)

    response = bob_api.post(
        f"/work-orders/{planned.code}/time-entries", {"kind": "werktijd", "minutes": 5}
    )

    assert response.status_code == 409
    assert response.json() == error(
        "Deze werkbon is gereed gemeld; alleen kantoor kan hem nog wijzigen."
    )
    assert TimeEntry.objects.count() == 0


def test_booking_on_another_monteurs_order_is_404(dave_api, planned):
    response = dave_api.post(
        f"/work-orders/{planned.code}/time-entries", {"kind": "werktijd", "minutes": 5}
    )

    assert response.status_code == 404
    assert response.json() == error("Werkbon niet gevonden.")
    assert TimeEntry.objects.count() == 0


def test_another_organization_cannot_book_on_as_order(charlie_api, planned):
    before = snapshot()

    response = charlie_api.post(
        f"/work-orders/{planned.code}/time-entries", {"kind": "werktijd", "minutes": 5}
    )

    assert response.status_code == 404
    assert snapshot() == before


# --- PATCH -----------------------------------------------------------------------------------


def test_a_monteur_changes_their_entry(bob_api, planned, entry):
    response = bob_api.patch(
        f"/work-orders/{planned.code}/time-entries/{entry.code}",
        {"minutes": 90, "kind": "reistijd", "note": "file"},
    )

    assert response.status_code == 200
    assert response.json()["minutes"] == 90
    assert response.json()["kind"] == "reistijd"
    assert response.json()["note"] == "file"
    entry.refresh_from_db()
    assert (entry.minutes, entry.kind, entry.note, entry.date) == (90, "reistijd", "file", DAY)


def test_patch_with_start_and_end_recomputes_minutes(bob_api, planned, entry):
    response = bob_api.patch(
        f"/work-orders/{planned.code}/time-entries/{entry.code}", {"start": "08:00", "end": "08:20"}
    )

    assert response.status_code == 200
    assert response.json()["minutes"] == 20


def test_patch_refuses_bad_input_and_changes_nothing(bob_api, planned, entry):
    before = snapshot()

    zero = bob_api.patch(f"/work-orders/{planned.code}/time-entries/{entry.code}", {"minutes": 0})
    no_date = bob_api.patch(
        f"/work-orders/{planned.code}/time-entries/{entry.code}", {"date": None}
    )
    typo = bob_api.patch(f"/work-orders/{planned.code}/time-entries/{entry.code}", {"minuten": 5})

    assert zero.status_code == 400
    assert zero.json() == error("Het aantal minuten moet groter dan 0 zijn.", "minutes")
    assert no_date.status_code == 400
    assert no_date.json() == error("Kies een datum.", "date")
    assert typo.status_code == 422
    assert typo.json()["field"] == "minuten"
    assert snapshot() == before


def test_a_monteur_cannot_change_a_colleagues_entry_on_a_shared_order(
    dave_api, alice, bob, dave, planned, entry
):
    services.plan_work_order(planned, by=alice, date=DAY, employees=[bob, dave])
    before = snapshot()

    response = dave_api.patch(
        f"/work-orders/{planned.code}/time-entries/{entry.code}", {"minutes": 1}
    )
    deleted = dave_api.delete(f"/work-orders/{planned.code}/time-entries/{entry.code}")

    assert response.status_code == 403
    assert response.json() == error("Je kunt alleen je eigen uren registreren.")
    assert deleted.status_code == 403
    assert snapshot() == before


def test_patch_after_gereed_melden_is_a_conflict(bob_api, bob, planned, entry):
    services.report_complete(planned, by=bob)
    before = snapshot()

    response = bob_api.patch(
        f"/work-orders/{planned.code}/time-entries/{entry.code}", {"minutes": 5}
    )

    assert response.status_code == 409
    assert snapshot() == before


def test_an_entry_of_another_order_is_404(bob_api, alice, bob, org_a, planned, entry):
    other = services.create_work_order(org_a, by=alice, planned_date=DAY, employees=[bob])

    response = bob_api.patch(f"/work-orders/{other.code}/time-entries/{entry.code}", {"minutes": 5})

    assert response.status_code == 404
    assert response.json() == error("Tijdregistratie niet gevonden.")


def test_another_monteur_cannot_patch_my_entry(dave_api, planned, entry):
    before = snapshot()

    response = dave_api.patch(
        f"/work-orders/{planned.code}/time-entries/{entry.code}", {"minutes": 5}
    )

    assert response.status_code == 404
    assert snapshot() == before


def test_another_organization_cannot_patch_as_entry(charlie_api, planned, entry):
    before = snapshot()

    response = charlie_api.patch(
        f"/work-orders/{planned.code}/time-entries/{entry.code}", {"minutes": 5}
    )

    assert response.status_code == 404
    assert response.json() == error("Werkbon niet gevonden.")
    assert snapshot() == before


# --- DELETE ----------------------------------------------------------------------------------


def test_a_monteur_deletes_their_entry(bob_api, planned, entry):
    response = bob_api.delete(f"/work-orders/{planned.code}/time-entries/{entry.code}")

    assert response.status_code == 204
    assert response.content == b""
    assert TimeEntry.objects.count() == 0


def test_deleting_an_unknown_entry_is_404(bob_api, planned):
    response = bob_api.delete(
        f"/work-orders/{planned.code}/time-entries/6c1f3bd3-2a7e-4d39-9a0e-5d7b7c1e2f30"
    )

    assert response.status_code == 404
    assert response.json() == error("Tijdregistratie niet gevonden.")


def test_deleting_after_gereed_melden_is_a_conflict(bob_api, bob, planned, entry):
    services.report_complete(planned, by=bob)

    response = bob_api.delete(f"/work-orders/{planned.code}/time-entries/{entry.code}")

    assert response.status_code == 409
    assert TimeEntry.objects.count() == 1


def test_another_monteur_cannot_delete_my_entry(dave_api, planned, entry):
    response = dave_api.delete(f"/work-orders/{planned.code}/time-entries/{entry.code}")

    assert response.status_code == 404
    assert TimeEntry.objects.count() == 1


def test_another_organization_cannot_delete_as_entry(charlie_api, planned, entry):
    before = snapshot()

    response = charlie_api.delete(f"/work-orders/{planned.code}/time-entries/{entry.code}")

    assert response.status_code == 404
    assert snapshot() == before


def test_the_office_corrects_hours_after_gereed_melden(alice_api, bob, planned, entry):
    services.report_complete(planned, by=bob)

    response = alice_api.patch(
        f"/work-orders/{planned.code}/time-entries/{entry.code}", {"minutes": 45}
    )

    assert response.status_code == 200
    assert response.json()["minutes"] == 45
    assert response.json()["employee"] == {"username": "bob", "name": "Bob"}
