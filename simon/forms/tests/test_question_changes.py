"""Changing and removing questions of a template (the 'Eigen formulieren' editor)."""

from __future__ import annotations

import pytest

from simon.forms import services
from simon.forms.errors import FormError
from simon.forms.models import Question
from simon.forms.tests.conftest import question
from simon.lib.errors import NotPermitted

pytestmark = pytest.mark.django_db


def test_a_question_is_changed(template, alice):
    q = question(template, "Opmerkingen")

    services.update_question(
        q, by=alice, label=" Bijzonderheden ", required=True, help_text="Kort", kind="choice",
        choices=["Geen", "Wel", ""],
    )  # fmt: skip

    q.refresh_from_db()
    assert (q.label, q.required, q.help_text, q.kind, q.choices) == (
        "Bijzonderheden", True, "Kort", "choice", ["Geen", "Wel"],
    )  # fmt: skip


def test_leaving_choice_clears_the_choices(template):
    q = question(template, "Type ketel")

    services.update_question(q, kind="text")

    q.refresh_from_db()
    assert (q.kind, q.choices) == ("text", [])


def test_an_empty_label_or_too_few_choices_is_refused(template):
    q = question(template, "Type ketel")
    with pytest.raises(FormError) as empty:
        services.update_question(q, label="  ")
    with pytest.raises(FormError) as few:
        services.update_question(q, choices=["Combi"])

    assert (empty.value.field, few.value.field) == ("label", "choices")
    assert Question.objects.get(pk=q.pk).label == "Type ketel"


def test_the_kind_of_an_answered_question_stays(template, response, bob):
    services.answer_form(response, {question(template, "Opmerkingen").code: "Prima"}, by=bob)
    q = question(template, "Opmerkingen")

    with pytest.raises(FormError) as error:
        services.update_question(q, kind="number")

    assert error.value.message == (
        "Deze vraag is al beantwoord; het soort vraag kan niet meer veranderen."
    )
    services.update_question(q, label="Opmerkingen monteur")  # other changes still work
    assert Question.objects.get(pk=q.pk).kind == "text"


def test_removing_a_question_renumbers_the_rest(template):
    services.delete_question(question(template, "Druk (bar)"))

    assert list(template.questions.values_list("position", "label")) == [
        (1, "Opmerkingen"), (2, "Lekdicht?"), (3, "Type ketel"), (4, "Volgende controle"),
        (5, "Handtekening klant"),
    ]  # fmt: skip


def test_an_answered_question_cannot_be_removed(template, response, bob):
    q = question(template, "Opmerkingen")
    services.answer_form(response, {q.code: "Prima"}, by=bob)

    with pytest.raises(FormError) as error:
        services.delete_question(q)

    assert "al beantwoord" in error.value.message
    assert template.questions.count() == 6


def test_only_the_office_changes_questions(template, bob):
    q = question(template, "Opmerkingen")
    with pytest.raises(NotPermitted):
        services.update_question(q, by=bob, label="X")
    with pytest.raises(NotPermitted):
        services.delete_question(q, by=bob)

    assert template.questions.filter(label="Opmerkingen").count() == 1
