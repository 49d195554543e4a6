"""Answering a form: validation per kind, required questions, who may answer."""

from __future__ import annotations

import pytest

from simon.forms import services
from simon.forms.models import Answer
from simon.forms.tests.conftest import question
from simon.forms.validation import MAX_SIGNATURE_CHARS
from simon.testing import png_data_url
from simon.workorders import services as workorder_services
from simon.workorders.errors import WorkOrderPermissionDenied

pytestmark = pytest.mark.django_db

PNG = png_data_url()
NO_IMAGE = "De handtekening is geen geldige afbeelding."
SVG = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0L9 9'/></svg>"


def stored(response):
    return {a.question.label: a.value for a in response.answers.select_related("question")}


def answer(response, template, label, raw, **kw):
    return services.answer_form(response, {question(template, label).code: raw}, **kw)


@pytest.mark.parametrize(
    ("label", "raw", "value"),
    [
        ("Opmerkingen", "  Ketel ontlucht  ", "Ketel ontlucht"),
        ("Druk (bar)", "1,5", "1.5"),
        ("Druk (bar)", 2, "2"),
        ("Lekdicht?", True, True),
        ("Lekdicht?", "nee", False),
        ("Type ketel", "Hybride", "Hybride"),
        ("Volgende controle", "2027-03-16", "2027-03-16"),
        ("Handtekening klant", PNG, PNG),
    ],
)
def test_valid_answers_are_stored_per_kind(response, template, bob, label, raw, value):
    errors = answer(response, template, label, raw, by=bob)

    assert errors == []
    assert stored(response) == {label: value}


@pytest.mark.parametrize(
    ("label", "raw", "message"),
    [
        ("Opmerkingen", 12, "Vul een tekst in."),
        ("Druk (bar)", "veel", "Vul een getal in."),
        ("Druk (bar)", True, "Vul een getal in."),
        ("Druk (bar)", "Infinity", "Vul een getal in."),
        ("Lekdicht?", "misschien", "Kies ja of nee."),
        ("Type ketel", "Stoom", "Kies een van de mogelijkheden."),
        ("Volgende controle", "16-03-2027", "Vul een datum in als JJJJ-MM-DD."),
        ("Handtekening klant", "data:image/gif;base64,R0lG", NO_IMAGE),
        ("Handtekening klant", "data:image/png;base64,bm90IGEgcG5n", NO_IMAGE),
        ("Handtekening klant", "data:image/png;base64,***", NO_IMAGE),
        ("Handtekening klant", "javascript:alert(1)", NO_IMAGE),
        ("Handtekening klant", PNG + "x" * MAX_SIGNATURE_CHARS, "De handtekening is te groot."),
        ("Handtekening klant", SVG, NO_IMAGE),
    ],
    ids=lambda value: value[:30] if isinstance(value, str) else repr(value),
)  # fmt: skip
def test_invalid_answers_are_refused_per_kind(response, template, bob, label, raw, message):
    errors = answer(response, template, label, raw, by=bob)

    assert [(e.question.label, e.message) for e in errors] == [(label, message)]
    assert Answer.objects.count() == 0


def test_one_bad_answer_stores_nothing(response, template, bob):
    errors = services.answer_form(
        response,
        {
            question(template, "Opmerkingen").code: "Goed",
            question(template, "Druk (bar)").code: "hoog",
        },
        by=bob,
    )

    assert [e.message for e in errors] == ["Vul een getal in."]
    assert Answer.objects.count() == 0


def test_an_unknown_question_is_reported(response, bob):
    errors = services.answer_form(response, {"geen-vraag": "x"}, by=bob)

    assert [(e.key, e.question, e.message) for e in errors] == [
        ("geen-vraag", None, "Onbekende vraag.")
    ]


def test_questions_can_be_keyed_by_id(response, template, bob):
    services.answer_form(response, {question(template, "Druk (bar)").pk: "1.8"}, by=bob)

    assert stored(response) == {"Druk (bar)": "1.8"}


def test_completing_needs_every_required_answer(response, template, bob):
    errors = answer(response, template, "Druk (bar)", "1.5", by=bob, complete=True)

    assert sorted(e.question.label for e in errors) == ["Handtekening klant", "Lekdicht?"]
    assert {e.message for e in errors} == {"Deze vraag is verplicht."}
    response.refresh_from_db()
    assert response.completed is False
    assert Answer.objects.count() == 0


def test_completing_with_stored_and_new_answers(response, template, bob):
    answer(response, template, "Druk (bar)", "1.5", by=bob)
    errors = services.answer_form(
        response,
        {
            question(template, "Lekdicht?").code: False,
            question(template, "Handtekening klant").code: PNG,
        },
        by=bob,
        complete=True,
    )

    assert errors == []
    response.refresh_from_db()
    assert response.completed is True
    assert stored(response) == {"Druk (bar)": "1.5", "Lekdicht?": False, "Handtekening klant": PNG}


def test_clearing_a_required_answer_makes_the_form_incomplete(response, template, bob):
    services.answer_form(
        response,
        {
            question(template, "Druk (bar)").code: "1",
            question(template, "Lekdicht?").code: True,
            question(template, "Handtekening klant").code: PNG,
        },
        by=bob,
        complete=True,
    )

    errors = answer(response, template, "Druk (bar)", "", by=bob)

    assert errors == []
    response.refresh_from_db()
    assert response.completed is False
    assert "Druk (bar)" not in stored(response)


def test_another_monteur_cannot_answer(response, template, dave):
    with pytest.raises(WorkOrderPermissionDenied) as error:
        answer(response, template, "Opmerkingen", "x", by=dave)

    assert error.value.may_view is False
    assert Answer.objects.count() == 0


def test_after_gereed_melden_only_the_office_answers(response, template, work_order, bob, karin):
    workorder_services.report_complete(work_order, by=bob)

    with pytest.raises(WorkOrderPermissionDenied):
        answer(response, template, "Opmerkingen", "te laat", by=bob)
    errors = answer(response, template, "Opmerkingen", "gecorrigeerd", by=karin)

    assert errors == []
    assert stored(response) == {"Opmerkingen": "gecorrigeerd"}


def test_nobody_answers_on_an_archived_order(response, template, work_order, bob, alice):
    workorder_services.report_complete(work_order, by=bob)
    workorder_services.archive(work_order, by=alice)

    with pytest.raises(WorkOrderPermissionDenied):
        answer(response, template, "Opmerkingen", "x", by=alice)
