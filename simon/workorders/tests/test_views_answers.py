"""The Formulieren section: attach a template, answer every kind, read-only when done."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from simon.forms import services as form_services
from simon.forms.models import Answer, FormResponse
from simon.testing import png_data_url
from simon.workorders.models import WorkOrder
from simon.workorders.tests.conftest import HTMX
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db

PNG = png_data_url()


@pytest.fixture
def template(org_a):
    template = form_services.create_template(org_a, name="Opleverformulier")
    for label, kind, required, choices in [
        ("Opmerkingen", "text", False, None),
        ("Druk (bar)", "number", True, None),
        ("Lekdicht?", "yes_no", True, None),
        ("Type ketel", "choice", False, ["Combi", "Solo"]),
        ("Volgende controle", "date", False, None),
        ("Handtekening klant", "signature", True, None),
    ]:
        form_services.add_question(
            template, label=label, kind=kind, required=required, choices=choices
        )
    return template


def attach_url(work_order: WorkOrder) -> str:
    return reverse("workorders:forms_attach", kwargs={"code": work_order.code})


def answer_url(response: FormResponse) -> str:
    return reverse(
        "workorders:forms_answer",
        kwargs={"code": response.work_order.code, "response_code": response.code},
    )


def fields(template, **values: str) -> dict[str, str]:
    """POST data keyed by question label -> the input names the page uses."""
    by_label = {q.label: f"q_{q.code}" for q in template.questions.all()}
    return {by_label[label]: value for label, value in values.items()}


def answers(response: FormResponse) -> dict[str, object]:
    return {a.question.label: a.value for a in Answer.objects.filter(response=response)}


def test_attaching_a_template_shows_an_input_per_kind(bob_client, planned, template):
    result = bob_client.post(attach_url(planned), {"template": str(template.code)}, **HTMX)

    html = result.content.decode()
    response = FormResponse.objects.get(work_order=planned)
    assert html.startswith('<section id="formulieren" class="card">')
    assert "Opleverformulier Nog niet afgerond" in text(html)
    inputs = {q.kind: f"q_{q.code}" for q in template.questions.all()}
    assert f'<textarea id="id_{inputs["text"]}"' in html
    assert f'inputmode="decimal" id="id_{inputs["number"]}"' in html
    assert f'type="radio" name="{inputs["yes_no"]}" value="ja"' in html
    assert f'<select id="id_{inputs["choice"]}"' in html
    assert f'type="date" id="id_{inputs["date"]}"' in html
    assert '<canvas width="480" height="160"' in html
    assert f'type="hidden" name="{inputs["signature"]}"' in html
    assert response.template == template and not response.completed


def test_attaching_nothing_or_an_inactive_template_is_refused(bob_client, planned, template):
    form_services.update_template(template, active=False)

    nothing = bob_client.post(attach_url(planned), {"template": ""}, **HTMX)
    inactive = bob_client.post(attach_url(planned), {"template": str(template.code)}, **HTMX)

    assert "Kies een formulier." in text(nothing)
    assert "Kies een formulier." in text(inactive)
    assert not FormResponse.objects.exists()


def test_a_draft_is_saved_and_completing_demands_the_required_answers(
    bob_client, bob, planned, template
):
    response = form_services.attach_form(planned, template, by=bob)

    draft = bob_client.post(answer_url(response), fields(template, **{"Druk (bar)": "1,5"}), **HTMX)
    assert answers(response) == {"Druk (bar)": "1.5"}
    assert 'value="1,5"' in draft.content.decode()

    incomplete = bob_client.post(
        answer_url(response),
        {**fields(template, **{"Druk (bar)": "1,5"}), "complete": "1"},
        **HTMX,
    )
    page = text(incomplete)
    assert page.count("Deze vraag is verplicht.") == 2  # Lekdicht? and the signature
    response.refresh_from_db()
    assert not response.completed


def test_a_completed_form_is_shown_read_only(bob_client, alice_client, bob, planned, template):
    response = form_services.attach_form(planned, template, by=bob)

    done = bob_client.post(
        answer_url(response),
        {
            **fields(
                template,
                **{
                    "Opmerkingen": "Alles in orde",
                    "Druk (bar)": "1,5",
                    "Lekdicht?": "ja",
                    "Type ketel": "Combi",
                    "Volgende controle": "2027-03-16",
                    "Handtekening klant": PNG,
                },
            ),
            "complete": "1",
        },
        **HTMX,
    )

    response.refresh_from_db()
    assert response.completed
    assert answers(response) == {
        "Opmerkingen": "Alles in orde",
        "Druk (bar)": "1.5",
        "Lekdicht?": True,
        "Type ketel": "Combi",
        "Volgende controle": "2027-03-16",
        "Handtekening klant": PNG,
    }
    shown = text(done)
    assert (
        "Opleverformulier Ingevuld Opmerkingen Alles in orde Druk (bar) 1,5 Lekdicht? Ja "
        "Type ketel Combi Volgende controle 16-03-2027 Handtekening klant"
    ) in shown
    assert f'<img class="signature" src="{PNG}"' in done.content.decode()
    assert "<textarea" not in done.content.decode()
    # The office sees the same answers on the page.
    page = alice_client.get(reverse("workorders:detail", kwargs={"code": planned.code}))
    assert "Lekdicht? Ja" in text(page)


@pytest.mark.parametrize(
    ("label", "value", "message"),
    [
        ("Druk (bar)", "veel", "Vul een getal in."),
        ("Lekdicht?", "misschien", "Kies ja of nee."),
        ("Type ketel", "Hybride", "Kies een van de mogelijkheden."),
        ("Volgende controle", "volgend jaar", "Vul een datum in als JJJJ-MM-DD."),
        ("Handtekening klant", "data:image/png;base64,bm9wZQ==", "geen geldige afbeelding"),
    ],
)
def test_invalid_answers_are_shown_per_question_and_nothing_is_stored(
    bob_client, bob, planned, template, label, value, message
):
    response = form_services.attach_form(planned, template, by=bob)

    result = bob_client.post(answer_url(response), fields(template, **{label: value}), **HTMX)

    assert message in text(result)
    assert answers(response) == {}


def test_a_colleague_and_another_tenant_get_404_and_change_nothing(
    dave_client, charlie_client, bob, planned, template
):
    response = form_services.attach_form(planned, template, by=bob)
    data = fields(template, Opmerkingen="Overgenomen")

    for client in (dave_client, charlie_client):
        assert client.post(attach_url(planned), {"template": str(template.code)}).status_code == 404
        assert client.post(answer_url(response), data).status_code == 404

    assert FormResponse.objects.count() == 1
    assert answers(response) == {}


def test_a_template_of_another_tenant_cannot_be_attached(bob_client, planned, org_b):
    foreign = form_services.create_template(org_b, name="Van Bravo")

    result = bob_client.post(attach_url(planned), {"template": str(foreign.code)}, **HTMX)

    assert "Kies een formulier." in text(result)
    assert not FormResponse.objects.exists()


def test_archived_orders_refuse_answers(alice_client, bob, planned, template, alice):
    from simon.workorders import services

    response = form_services.attach_form(planned, template, by=bob)
    services.report_complete(planned, by=bob)
    services.archive(planned, by=alice)

    result = alice_client.post(answer_url(response), fields(template, Opmerkingen="Later"))

    assert result.status_code == 403
    assert answers(response) == {}


def test_answering_needs_the_csrf_token(bob, planned, template):
    response = form_services.attach_form(planned, template, by=bob)
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)

    result = client.post(answer_url(response), fields(template, Opmerkingen="Zonder token"))

    assert result.status_code == 403
    assert answers(response) == {}
    assert re.search("CSRF", result.content.decode())
