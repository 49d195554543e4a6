"""What the API refuses because it cannot store or compute it, or because it is not meant (issue
9): each case answered 500 or was booked before. Nothing is saved when a request is refused."""

from __future__ import annotations

import json

import pytest

from simon.api.tests.conftest import snapshot
from simon.workorders.models import MaterialLine, TimeEntry

TIME = "Vul een tijd in als UU:MM."
WHOLE = "Vul een geheel getal in."
DATES = "Kies een datum tussen 1-1-2000 en 31-12-2099."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"start": "10:00+05:00", "end": "11:00"}, "start", TIME),
        ({"start": "10:00", "end": "11:00Z"}, "end", TIME),
        ({"start": 36000, "end": 39600}, "start", TIME),
        ({"start": "٠٨:٠٠", "end": "09:00"}, "start", TIME),
        ({"minutes": True}, "minutes", WHOLE),
        ({"minutes": "1_000"}, "minutes", WHOLE),
        ({"minutes": "١٢"}, "minutes", WHOLE),
        ({"minutes": "１２"}, "minutes", WHOLE),
        ({"minutes": 30, "date": "0001-01-01"}, "date", DATES),
        ({"minutes": 30, "date": "9999-12-31"}, "date", DATES),
        ({"minutes": 30, "date": 20260316}, "date", "Vul een datum in als JJJJ-MM-DD."),
        ({"minutes": 30, "note": "\ud800"}, "note", "Deze tekst bevat een ongeldig teken."),
    ],
)
def test_hours_refuse_times_numbers_and_dates_that_are_not_meant(
    bob_api, planned, changes, field, message
):
    before = snapshot()
    body = json.dumps({"kind": "werktijd", **changes})  # ensure_ascii: a lone surrogate too

    response = bob_api.post(f"/work-orders/{planned.code}/time-entries", body)

    assert response.status_code == 422, response.content
    assert (response.json()["field"], response.json()["message"]) == (field, message)
    assert snapshot() == before


def test_whole_minutes_as_ascii_text_are_still_read(bob_api, planned):
    response = bob_api.post(
        f"/work-orders/{planned.code}/time-entries", {"kind": "werktijd", "minutes": "45"}
    )

    assert response.status_code == 201
    assert TimeEntry.objects.get().minutes == 45


@pytest.mark.parametrize(
    "quantity",
    ["1e999999", "1" + "0" * 60, 10**60, 1e308],
    ids=["exponent", "60-digit-text", "60-digit-number", "json-1e308"],
)
def test_materials_refuse_quantities_no_column_holds(bob_api, planned, article, quantity):
    body = json.dumps({"article": str(article.code), "quantity": quantity})

    response = bob_api.post(f"/work-orders/{planned.code}/materials", body)

    assert response.status_code == 400
    assert response.json()["message"] == "Dit aantal is te groot."
    assert MaterialLine.objects.count() == 0


@pytest.mark.parametrize("quantity", ["1_000", "١٢", "１２"])
def test_materials_refuse_digits_that_are_not_ascii(bob_api, planned, article, quantity):
    response = bob_api.post(
        f"/work-orders/{planned.code}/materials",
        {"article": str(article.code), "quantity": quantity},
    )

    assert response.status_code == 400
    assert response.json()["message"] == "Vul een geldig aantal in."
    assert MaterialLine.objects.count() == 0


def test_a_work_description_is_at_most_5000_characters(bob_api, customer):
    before = snapshot()

    response = bob_api.post(
        "/work-orders", {"customer": str(customer.code), "description": "x" * 100_000}
    )

    assert response.status_code == 422
    assert response.json()["message"] == "Gebruik maximaal 5000 tekens."
    assert snapshot() == before


def test_a_search_term_is_at_most_200_characters(bob_api):
    response = bob_api.get("/customers?q=" + "a" * 100_000)

    assert response.status_code == 422
    assert response.json()["field"] == "q"


def test_a_path_with_a_line_break_is_a_json_404(bob_api):
    response = bob_api.get("/nergens/%0A")

    assert response.status_code == 404
    assert response.json()["message"] == "Niet gevonden."
