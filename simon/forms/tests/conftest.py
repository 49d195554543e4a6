from __future__ import annotations

import pytest

from simon.forms import services
from simon.testing import DAY, FAST_HASHERS
from simon.workorders import services as workorder_services


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def template(org_a):
    """'Opleverformulier CV-ketel' with one question of every kind."""
    template = services.create_template(org_a, name="Opleverformulier CV-ketel")
    services.add_question(template, label="Opmerkingen", kind="text")
    services.add_question(template, label="Druk (bar)", kind="number", required=True)
    services.add_question(template, label="Lekdicht?", kind="yes_no", required=True)
    services.add_question(
        template, label="Type ketel", kind="choice", choices=["Combi", "Solo", "Hybride"]
    )
    services.add_question(template, label="Volgende controle", kind="date")
    services.add_question(template, label="Handtekening klant", kind="signature", required=True)
    return template


@pytest.fixture
def work_order(org_a, alice, bob):
    return workorder_services.create_work_order(org_a, by=alice, planned_date=DAY, employees=[bob])


@pytest.fixture
def response(work_order, template, bob):
    return services.attach_form(work_order, template, by=bob)


def question(template, label):
    return template.questions.get(label=label)
