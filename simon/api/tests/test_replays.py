"""A registration sent again with its client_id books nothing twice (issue 13, SPEC B6).

The field app keeps sending a registration until it hears an answer, so the same request can
arrive twice, also after the office archived the order or took the monteur off it. Every
replay gets the first answer back (with ``Idempotent-Replayed: true``); only a new
registration is refused by the order's state.
"""

from __future__ import annotations

import uuid

import pytest

from simon.api.replays import HEADER
from simon.api.tests.conftest import error, question, snapshot
from simon.forms import services as forms
from simon.forms.models import Answer, FormResponse
from simon.testing import png_data_url
from simon.workorders import services
from simon.workorders.models import (
    MaterialLine,
    StatusChange,
    TimeEntry,
    WorkOrderStatus,
)

pytestmark = pytest.mark.django_db

ARCHIVED = "Deze werkbon is gearchiveerd en kan niet meer worden gewijzigd."
REMOVED = "Deze registratie is al verwerkt en daarna verwijderd; hij wordt niet opnieuw geboekt."
REUSED = "Deze app-id is al gebruikt voor een andere registratie."


def hours(client_id: uuid.UUID, minutes: int = 45) -> dict:
    return {
        "client_id": str(client_id),
        "kind": "werktijd",
        "date": "2026-03-16",
        "minutes": minutes,
    }


def material(client_id: uuid.UUID, article) -> dict:
    return {"client_id": str(client_id), "article": str(article.code), "quantity": "2,5"}


def test_hours_sent_twice_are_booked_once(bob_api, planned):
    client_id = uuid.uuid4()
    url = f"/work-orders/{planned.code}/time-entries"

    first = bob_api.post(url, hours(client_id))
    again = bob_api.post(url, hours(client_id))

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert HEADER not in first.headers
    assert again.headers[HEADER] == "true"
    entry = TimeEntry.objects.get()
    assert (entry.client_id, entry.minutes) == (client_id, 45)


def test_a_material_sent_twice_is_added_once(bob_api, planned, article):
    client_id = uuid.uuid4()
    url = f"/work-orders/{planned.code}/materials"

    first = bob_api.post(url, material(client_id, article))
    again = bob_api.post(url, material(client_id, article))

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert MaterialLine.objects.get().client_id == client_id


def test_gereed_melden_sent_twice_moves_the_order_once(bob_api, planned):
    body = {"client_id": str(uuid.uuid4())}
    url = f"/work-orders/{planned.code}/complete"

    first = bob_api.post(url, body)
    again = bob_api.post(url, body)

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()
    assert again.headers[HEADER] == "true"
    changes = StatusChange.objects.filter(work_order=planned, to_status=WorkOrderStatus.COMPLETED)
    assert changes.count() == 1
    assert str(changes.get().client_id) == body["client_id"]


def test_a_form_filled_in_offline_is_attached_and_answered_once(bob_api, planned, template):
    body = {
        "client_id": str(uuid.uuid4()),
        "template": str(template.code),
        "answers": {question(template, "Druk (bar)"): "1,5", question(template, "Lekdicht?"): True},
        "complete": True,
    }
    url = f"/work-orders/{planned.code}/forms"

    first = bob_api.post(url, body)
    again = bob_api.post(url, body)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert first.json()["completed"] is True
    assert FormResponse.objects.count() == 1
    assert Answer.objects.count() == 2


def test_a_replayed_form_does_not_undo_the_offices_correction(bob_api, alice, planned, template):
    pressure = question(template, "Druk (bar)")
    body = {
        "client_id": str(uuid.uuid4()),
        "template": str(template.code),
        "answers": {pressure: "1,5"},
    }
    url = f"/work-orders/{planned.code}/forms"
    bob_api.post(url, body)
    response = FormResponse.objects.get()
    forms.answer_form(response, {pressure: "2"}, by=alice)

    again = bob_api.post(url, body)

    assert again.status_code == 201
    assert Answer.objects.get().value == "2"


def test_a_form_with_a_wrong_answer_is_not_attached_at_all(bob_api, planned, template):
    before = snapshot()
    body = {
        "client_id": str(uuid.uuid4()),
        "template": str(template.code),
        "answers": {question(template, "Druk (bar)"): "veel"},
    }

    response = bob_api.post(f"/work-orders/{planned.code}/forms", body)

    assert response.status_code == 400
    assert response.json()["message"] == "Controleer de antwoorden."
    assert response.json()["errors"][0]["field"] == question(template, "Druk (bar)")
    assert snapshot() == before


def test_a_signature_comes_along_with_a_form(bob_api, planned, org_a):
    template = forms.create_template(org_a, name="Oplevering")
    forms.add_question(template, label="Handtekening klant", kind="signature", required=True)
    signature = png_data_url()
    body = {
        "client_id": str(uuid.uuid4()),
        "template": str(template.code),
        "answers": {question(template, "Handtekening klant"): signature},
        "complete": True,
    }

    response = bob_api.post(f"/work-orders/{planned.code}/forms", body)

    assert response.status_code == 201
    assert response.json()["questions"][0]["answer"] == signature


# --- the office changed the work order in the meantime ---------------------------------------


def test_a_replay_after_archiving_gets_its_first_answer(bob_api, alice, planned, article):
    client_id = uuid.uuid4()
    url = f"/work-orders/{planned.code}/materials"
    first = bob_api.post(url, material(client_id, article))
    services.archive(services.report_complete(planned, by=alice), by=alice)

    again = bob_api.post(url, material(client_id, article))
    new = bob_api.post(url, material(uuid.uuid4(), article))

    assert again.status_code == 201
    assert again.json() == first.json()
    assert new.status_code == 409
    assert new.json() == error(ARCHIVED)
    assert MaterialLine.objects.count() == 1


def test_a_replay_after_the_monteur_was_taken_off_gets_its_first_answer(
    bob_api, alice, dave, planned
):
    client_id = uuid.uuid4()
    url = f"/work-orders/{planned.code}/time-entries"
    first = bob_api.post(url, hours(client_id))
    services.plan_work_order(planned, by=alice, date=planned.planned_date, employees=[dave])

    again = bob_api.post(url, hours(client_id))
    new = bob_api.post(url, hours(uuid.uuid4()))

    assert again.status_code == 201
    assert again.json() == first.json()
    assert new.status_code == 404
    assert new.json() == error("Werkbon niet gevonden.")
    assert TimeEntry.objects.count() == 1


def test_a_gereed_melden_replayed_after_reopening_does_not_complete_again(bob_api, alice, planned):
    body = {"client_id": str(uuid.uuid4())}
    bob_api.post(f"/work-orders/{planned.code}/complete", body)
    services.reopen(planned, by=alice)

    again = bob_api.post(f"/work-orders/{planned.code}/complete", body)

    assert again.status_code == 200
    assert again.json()["status"] == "ingepland"
    planned.refresh_from_db()
    assert planned.status == WorkOrderStatus.PLANNED


def test_a_replay_of_a_registration_removed_since_is_gone(bob_api, alice, planned, article):
    client_id = uuid.uuid4()
    url = f"/work-orders/{planned.code}/materials"
    bob_api.post(url, material(client_id, article))
    services.delete_material(MaterialLine.objects.get(), by=alice)

    again = bob_api.post(url, material(client_id, article))

    assert again.status_code == 410
    assert again.json() == error(REMOVED)
    assert MaterialLine.objects.count() == 0


def test_hours_removed_by_the_monteur_do_not_come_back(bob_api, planned):
    client_id = uuid.uuid4()
    url = f"/work-orders/{planned.code}/time-entries"
    code = bob_api.post(url, hours(client_id)).json()["code"]
    assert bob_api.delete(f"{url}/{code}").status_code == 204

    again = bob_api.post(url, hours(client_id))

    assert again.status_code == 410
    assert TimeEntry.objects.count() == 0


# --- an id is one registration ---------------------------------------------------------------


def test_an_id_used_on_another_work_order_is_refused(bob_api, alice, bob, planned, customer):
    other = services.create_work_order(
        planned.organization,
        by=alice,
        customer=customer,
        planned_date=planned.planned_date,
        employees=[bob],
    )
    client_id = uuid.uuid4()
    bob_api.post(f"/work-orders/{planned.code}/time-entries", hours(client_id))

    response = bob_api.post(f"/work-orders/{other.code}/time-entries", hours(client_id))

    assert response.status_code == 409
    assert response.json() == error(REUSED, "client_id")
    assert TimeEntry.objects.count() == 1


def test_another_persons_id_gives_away_nothing(bob_api, dave_api, alice, dave, planned):
    services.plan_work_order(
        planned,
        by=alice,
        date=planned.planned_date,
        employees=[planned.assignments.get().user, dave],
    )
    client_id = uuid.uuid4()
    bob_api.post(f"/work-orders/{planned.code}/time-entries", hours(client_id, 45))

    response = dave_api.post(f"/work-orders/{planned.code}/time-entries", hours(client_id, 90))

    assert response.status_code == 409
    assert response.json() == error(REUSED, "client_id")
    assert list(TimeEntry.objects.values_list("minutes", flat=True)) == [45]


def test_another_organization_cannot_replay_into_ours(bob_api, charlie_api, planned, article):
    """Ids are unique per organization: B's use of the same id neither reads A's row nor
    reaches A's order."""
    client_id = uuid.uuid4()
    bob_api.post(f"/work-orders/{planned.code}/materials", material(client_id, article))

    response = charlie_api.post(
        f"/work-orders/{planned.code}/materials", material(client_id, article)
    )

    assert response.status_code == 404
    assert response.json() == error("Werkbon niet gevonden.")
    assert MaterialLine.objects.count() == 1
