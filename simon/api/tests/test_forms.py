from __future__ import annotations

import pytest

from simon.api.tests.conftest import error, question, snapshot
from simon.forms import services as forms
from simon.forms.models import Answer, FormResponse
from simon.workorders import services


@pytest.fixture
def response(planned, template, bob):
    return forms.attach_form(planned, template, by=bob)


# --- GET /form-templates ---------------------------------------------------------------------


def test_it_lists_active_templates_with_their_questions(bob_api, template, org_a, org_b):
    old = forms.create_template(org_a, name="Oud formulier")
    forms.update_template(old, active=False)
    forms.create_template(org_b, name="Van B")

    response = bob_api.get("/form-templates")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["name"] == "Opleverformulier"
    assert body["items"][0]["code"] == str(template.code)
    assert [q["label"] for q in body["items"][0]["questions"]] == [
        "Druk (bar)",
        "Lekdicht?",
        "Opmerkingen",
    ]
    assert body["items"][0]["questions"][0] == {
        "code": question(template, "Druk (bar)"),
        "position": 1,
        "label": "Druk (bar)",
        "help_text": "",
        "kind": "number",
        "required": True,
        "choices": [],
    }


def test_templates_page_and_refuse_bad_paging(bob_api, template, org_a):
    forms.create_template(org_a, name="Aanvullend")

    page = bob_api.get("/form-templates?limit=1&offset=1")
    bad = bob_api.get("/form-templates?limit=-5")

    assert page.json()["count"] == 2
    assert [t["name"] for t in page.json()["items"]] == ["Opleverformulier"]
    assert bad.status_code == 422
    assert bad.json()["field"] == "limit"


def test_another_organization_sees_none_of_as_templates(charlie_api, template):
    assert charlie_api.get("/form-templates").json() == {"count": 0, "items": []}


# --- POST /work-orders/{code}/forms ----------------------------------------------------------


def test_a_monteur_attaches_a_form(bob_api, planned, template):
    response = bob_api.post(f"/work-orders/{planned.code}/forms", {"template": str(template.code)})

    assert response.status_code == 201
    attached = FormResponse.objects.get()
    body = response.json()
    assert body["code"] == str(attached.code)
    assert body["template"] == str(template.code)
    assert body["name"] == "Opleverformulier"
    assert body["completed"] is False
    assert [(q["label"], q["answer"]) for q in body["questions"]] == [
        ("Druk (bar)", None),
        ("Lekdicht?", None),
        ("Opmerkingen", None),
    ]


def test_attaching_refuses_unknown_inactive_and_foreign_templates(
    bob_api, planned, template, org_b
):
    forms.update_template(template, active=False)
    foreign = forms.create_template(org_b, name="Van B")

    inactive = bob_api.post(f"/work-orders/{planned.code}/forms", {"template": str(template.code)})
    other = bob_api.post(f"/work-orders/{planned.code}/forms", {"template": str(foreign.code)})
    missing = bob_api.post(f"/work-orders/{planned.code}/forms", {})

    assert inactive.status_code == 400
    assert inactive.json() == error("Formulier niet gevonden.", "template")
    assert other.json() == error("Formulier niet gevonden.", "template")
    assert missing.status_code == 422
    assert missing.json()["field"] == "template"
    assert FormResponse.objects.count() == 0


def test_attaching_after_gereed_melden_is_a_conflict(bob_api, bob, planned, template):
    services.report_complete(planned, by=bob)

    response = bob_api.post(f"/work-orders/{planned.code}/forms", {"template": str(template.code)})

    assert response.status_code == 409
    assert FormResponse.objects.count() == 0


def test_attaching_to_another_monteurs_order_is_404(dave_api, planned, template):
    response = dave_api.post(f"/work-orders/{planned.code}/forms", {"template": str(template.code)})

    assert response.status_code == 404
    assert FormResponse.objects.count() == 0


def test_another_organization_cannot_attach_to_as_order(charlie_api, planned, org_b):
    own = forms.create_template(org_b, name="Van B")
    before = snapshot()

    response = charlie_api.post(f"/work-orders/{planned.code}/forms", {"template": str(own.code)})

    assert response.status_code == 404
    assert response.json() == error("Werkbon niet gevonden.")
    assert snapshot() == before


# --- PUT /work-orders/{code}/forms/{response_code} -------------------------------------------


def test_a_monteur_answers_and_completes_a_form(bob_api, planned, template, response):
    result = bob_api.put(
        f"/work-orders/{planned.code}/forms/{response.code}",
        {
            "answers": {
                question(template, "Druk (bar)"): "1,5",
                question(template, "Lekdicht?"): True,
                question(template, "Opmerkingen"): "Alles netjes",
            },
            "complete": True,
        },
    )

    assert result.status_code == 200
    body = result.json()
    assert body["completed"] is True
    assert [(q["label"], q["answer"]) for q in body["questions"]] == [
        ("Druk (bar)", "1.5"),
        ("Lekdicht?", True),
        ("Opmerkingen", "Alles netjes"),
    ]
    response.refresh_from_db()
    assert response.completed is True


def test_answers_are_saved_in_steps_and_null_clears_one(bob_api, planned, template, response):
    remark = question(template, "Opmerkingen")
    bob_api.put(f"/work-orders/{planned.code}/forms/{response.code}", {"answers": {remark: "a"}})

    cleared = bob_api.put(
        f"/work-orders/{planned.code}/forms/{response.code}", {"answers": {remark: None}}
    )

    assert cleared.status_code == 200
    assert cleared.json()["completed"] is False
    assert Answer.objects.count() == 0


def test_refused_answers_come_back_per_question_and_nothing_is_stored(
    bob_api, planned, template, response
):
    pressure = question(template, "Druk (bar)")
    tight = question(template, "Lekdicht?")
    before = snapshot()

    result = bob_api.put(
        f"/work-orders/{planned.code}/forms/{response.code}",
        {
            "answers": {
                pressure: "hoog",
                "6c1f3bd3-2a7e-4d39-9a0e-5d7b7c1e2f30": "x",
                question(template, "Opmerkingen"): "goed",
            },
            "complete": True,
        },
    )

    assert result.status_code == 400
    assert result.json() == error(
        "Controleer de antwoorden.",
        pressure,
        [
            {"field": pressure, "message": "Vul een getal in."},
            {"field": "6c1f3bd3-2a7e-4d39-9a0e-5d7b7c1e2f30", "message": "Onbekende vraag."},
            {"field": tight, "message": "Deze vraag is verplicht."},
        ],
    )
    assert snapshot() == before


def test_answer_body_is_validated(bob_api, planned, response):
    result = bob_api.put(
        f"/work-orders/{planned.code}/forms/{response.code}", {"answers": [], "complete": "x"}
    )

    assert result.status_code == 422
    assert result.json()["errors"] == [
        {"field": "answers", "message": "Verwacht een object."},
        {"field": "complete", "message": "Vul true of false in."},
    ]


def test_answering_after_gereed_melden_is_a_conflict(bob_api, bob, planned, template, response):
    services.report_complete(planned, by=bob)
    before = snapshot()

    result = bob_api.put(
        f"/work-orders/{planned.code}/forms/{response.code}",
        {"answers": {question(template, "Opmerkingen"): "te laat"}},
    )

    assert result.status_code == 409
    assert result.json() == error(
        "Deze werkbon is gereed gemeld; alleen kantoor kan hem nog wijzigen."
    )
    assert snapshot() == before


def test_a_form_of_another_order_is_404(bob_api, alice, bob, org_a, response):
    other = services.create_work_order(org_a, by=alice, employees=[bob])

    result = bob_api.put(f"/work-orders/{other.code}/forms/{response.code}", {"answers": {}})

    assert result.status_code == 404
    assert result.json() == error("Ingevuld formulier niet gevonden.")


def test_another_monteur_cannot_answer_my_form(dave_api, planned, template, response):
    before = snapshot()

    result = dave_api.put(
        f"/work-orders/{planned.code}/forms/{response.code}",
        {"answers": {question(template, "Opmerkingen"): "van dave"}},
    )

    assert result.status_code == 404
    assert snapshot() == before


def test_another_organization_cannot_answer_as_form(charlie_api, planned, template, response):
    before = snapshot()

    result = charlie_api.put(
        f"/work-orders/{planned.code}/forms/{response.code}",
        {"answers": {question(template, "Opmerkingen"): "van B"}, "complete": True},
    )

    assert result.status_code == 404
    assert result.json() == error("Werkbon niet gevonden.")
    assert snapshot() == before


def test_the_work_order_shows_its_forms(bob_api, planned, template, response):
    bob_api.put(
        f"/work-orders/{planned.code}/forms/{response.code}",
        {"answers": {question(template, "Lekdicht?"): "nee"}},
    )

    forms_shown = bob_api.get(f"/work-orders/{planned.code}").json()["forms"]

    assert [(f["code"], f["completed"]) for f in forms_shown] == [(str(response.code), False)]
    assert forms_shown[0]["questions"][1]["answer"] is False
