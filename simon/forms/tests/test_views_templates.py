"""'Eigen formulieren': the office's template editor (list, create, questions, deactivate)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from simon.forms import services
from simon.forms.models import FormTemplate, Question
from simon.forms.tests.conftest import question

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
LIST = reverse("forms:template_list")
CREATE = reverse("forms:template_create")


def text(response_or_html) -> str:
    html = getattr(response_or_html, "content", response_or_html)
    html = html.decode() if isinstance(html, bytes) else html
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", unescape(html)).strip()


def url(name: str, template: FormTemplate, q: Question | None = None) -> str:
    kwargs = {"code": template.code}
    if q is not None:
        kwargs["question_code"] = q.code
    return reverse(f"forms:{name}", kwargs=kwargs)


def labels(template: FormTemplate) -> list[str]:
    return list(template.questions.values_list("label", flat=True))


def test_the_list_shows_templates_with_their_questions_and_use(
    alice_client, template, response, org_a
):
    services.create_template(org_a, name="Veiligheidscheck", description="Voor de start")
    old = services.create_template(org_a, name="Oud formulier")
    services.update_template(old, active=False)

    page = alice_client.get(LIST)

    rows = [text(r) for r in re.findall(r"<tr[^>]*>\s*<td>.*?</tr>", page.content.decode(), re.S)]
    assert rows == [
        "Opleverformulier CV-ketel 6 1 keer Actief",
        "Veiligheidscheck Voor de start 0 0 keer Actief",
        "Oud formulier 0 0 keer Inactief",
    ]


def test_an_empty_list_invites_to_create_one(alice_client):
    assert "Er zijn nog geen eigen formulieren." in text(alice_client.get(LIST))


def test_creating_a_template_leads_to_its_questions(alice_client, org_a):
    response = alice_client.post(
        CREATE, {"name": " Keuring ", "description": "Jaarlijks"}, follow=True
    )

    template = FormTemplate.objects.get(organization=org_a)
    assert (template.name, template.description) == ("Keuring", "Jaarlijks")
    assert response.redirect_chain == [(f"/formulieren/{template.code}/", 302)]
    assert "Formulier 'Keuring' is aangemaakt. Voeg nu de vragen toe." in text(response)
    assert "Dit formulier heeft nog geen vragen." in text(response)


def test_a_template_needs_a_name(alice_client):
    response = alice_client.post(CREATE, {"name": "  "})

    assert "Vul de naam van het formulier in." in text(response)
    assert not FormTemplate.objects.exists()


def test_name_and_description_are_changed(alice_client, template):
    alice_client.post(url("template_detail", template), {"name": "Oplevering", "description": "x"})

    template.refresh_from_db()
    assert (template.name, template.description) == ("Oplevering", "x")


def test_a_choice_question_is_added_with_one_choice_per_line(alice_client, template):
    response = alice_client.post(
        url("question_add", template),
        {"nieuw-label": "Soort dak", "nieuw-kind": "choice", "nieuw-required": "on",
         "nieuw-choices": "Plat\n\n Schuin \n"},
        **HTMX,
    )  # fmt: skip

    assert response.content.decode().startswith('<section id="vragen" class="card">')
    assert "Soort dak Verplicht Keuze: Plat, Schuin" in text(response)
    added = template.questions.get(label="Soort dak")
    assert (added.kind, added.required, added.choices, added.position) == (
        "choice", True, ["Plat", "Schuin"], 7,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"nieuw-label": "", "nieuw-kind": "text"}, "Vul de vraag in."),
        ({"nieuw-label": "Soort", "nieuw-kind": "choice", "nieuw-choices": "Plat"},
         "Geef minstens twee verschillende keuzes op."),
    ],
)  # fmt: skip
def test_invalid_questions_are_shown_on_the_form(alice_client, template, data, message):
    response = alice_client.post(url("question_add", template), data, **HTMX)

    assert message in text(response)
    assert template.questions.count() == 6


def test_questions_move_up_and_down(alice_client, template):
    alice_client.post(url("question_move", template, question(template, "Druk (bar)")),
                      {"direction": "up"}, **HTMX)  # fmt: skip
    alice_client.post(url("question_move", template, question(template, "Lekdicht?")),
                      {"direction": "down"}, **HTMX)  # fmt: skip

    assert labels(template) == [
        "Druk (bar)", "Opmerkingen", "Type ketel", "Lekdicht?", "Volgende controle",
        "Handtekening klant",
    ]  # fmt: skip


def test_a_question_is_edited_inline(alice_client, template):
    q = question(template, "Opmerkingen")

    form = alice_client.get(url("question_edit", template, q), **HTMX)
    assert re.search(
        r'<input[^>]*name="wijzig-label"[^>]*value="Opmerkingen"', form.content.decode()
    )
    alice_client.post(
        url("question_edit", template, q),
        {"wijzig-label": "Bijzonderheden", "wijzig-kind": "text", "wijzig-required": "on"},
        **HTMX,
    )

    q.refresh_from_db()
    assert (q.label, q.required) == ("Bijzonderheden", True)


def test_an_unanswered_question_is_removed_an_answered_one_stays(
    alice_client, template, response, bob
):
    services.answer_form(response, {question(template, "Opmerkingen").code: "Prima"}, by=bob)

    removed = alice_client.post(
        url("question_delete", template, question(template, "Druk (bar)")), **HTMX
    )
    kept = alice_client.post(
        url("question_delete", template, question(template, "Opmerkingen")), **HTMX
    )

    assert "Druk (bar)" not in labels(template)
    assert "Druk (bar)" not in text(removed)
    assert "Deze vraag is al beantwoord op een werkbon en kan niet worden verwijderd." in text(kept)
    assert "Opmerkingen" in labels(template)


def test_a_template_is_deactivated_and_activated_again(alice_client, template):
    off = alice_client.post(url("template_toggle", template), follow=True)
    assert "is gedeactiveerd; het kan niet meer aan werkbonnen worden toegevoegd." in text(off)
    assert not FormTemplate.objects.get(pk=template.pk).active

    alice_client.post(url("template_toggle", template))
    assert FormTemplate.objects.get(pk=template.pk).active


def test_a_monteur_gets_403_everywhere(bob_client, template):
    q = question(template, "Opmerkingen")
    assert bob_client.get(LIST).status_code == 403
    assert bob_client.get(CREATE).status_code == 403
    assert bob_client.get(url("template_detail", template)).status_code == 403
    assert bob_client.post(url("template_toggle", template)).status_code == 403
    assert bob_client.post(url("question_delete", template, q)).status_code == 403

    assert FormTemplate.objects.get(pk=template.pk).active
    assert template.questions.count() == 6


def test_another_tenant_gets_404_and_changes_nothing(charlie_client, template):
    q = question(template, "Opmerkingen")
    before = list(Question.objects.values_list("pk", "label", "position"))

    assert "Opleverformulier" not in text(charlie_client.get(LIST))
    for name in ("template_detail", "template_toggle", "question_add"):
        assert charlie_client.post(url(name, template), {"name": "X"}).status_code == 404
    for name in ("question_edit", "question_move", "question_delete"):
        assert charlie_client.post(url(name, template, q), {"wijzig-label": "X"}).status_code == 404

    template.refresh_from_db()
    assert (template.name, template.active) == ("Opleverformulier CV-ketel", True)
    assert list(Question.objects.values_list("pk", "label", "position")) == before


def test_every_post_needs_the_csrf_token(alice, template):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    assert client.post(url("template_toggle", template)).status_code == 403
    assert client.post(CREATE, {"name": "Zonder token"}).status_code == 403

    assert FormTemplate.objects.get(pk=template.pk).active
    assert FormTemplate.objects.count() == 1
