"""Form templates and their questions."""

from __future__ import annotations

import pytest

from simon.forms import services
from simon.forms.errors import FormError
from simon.lib.errors import NotPermitted

pytestmark = pytest.mark.django_db


def labels(template):
    return list(template.questions.values_list("position", "label"))


def test_questions_are_added_at_the_end(template):
    assert [p for p, _label in labels(template)] == [1, 2, 3, 4, 5, 6]


def test_moving_a_question_renumbers_the_template(template):
    signature = template.questions.get(label="Handtekening klant")

    services.move_question(signature, 1)

    assert labels(template)[:3] == [
        (1, "Handtekening klant"),
        (2, "Opmerkingen"),
        (3, "Druk (bar)"),
    ]


def test_moving_past_the_end_puts_it_last(template):
    first = template.questions.get(label="Opmerkingen")

    services.move_question(first, 99)

    assert labels(template)[-1] == (6, "Opmerkingen")


def test_a_choice_question_needs_two_different_choices(template):
    with pytest.raises(FormError) as error:
        services.add_question(template, label="Kleur", kind="choice", choices=["Rood", "Rood"])

    assert error.value.message == "Geef minstens twee verschillende keuzes op."


def test_an_unknown_kind_is_refused(template):
    with pytest.raises(FormError):
        services.add_question(template, label="Foto", kind="photo")


def test_templates_are_office_work(org_a, bob, karin, template):
    with pytest.raises(NotPermitted):
        services.create_template(org_a, by=bob, name="Eigen lijst")
    with pytest.raises(NotPermitted):
        services.add_question(template, by=bob, label="Extra", kind="text")

    made = services.create_template(org_a, by=karin, name="Veiligheidscheck")
    assert made.organization == org_a


def test_a_deactivated_template_cannot_be_attached(template, work_order, bob):
    services.update_template(template, active=False)

    with pytest.raises(FormError) as error:
        services.attach_form(work_order, template, by=bob)

    assert error.value.message == "Onbekend formulier."
