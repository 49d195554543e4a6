"""The demo data: idempotent, every status present, logins that work."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from simon.catalog.models import Article, ArticleGroup
from simon.customers.models import Customer, WorkAddress
from simon.demo import data
from simon.demo.seed import seed_demo
from simon.forms.models import Answer, FormResponse, FormTemplate, QuestionKind
from simon.tenants.models import Membership, Organization
from simon.testing import FAST_HASHERS
from simon.workorders.models import WorkOrder, WorkOrderStatus
from simon.workorders.services import totals

pytestmark = pytest.mark.django_db


def login_request():
    """Logins go through django-axes, which needs the request a login comes with."""
    return RequestFactory().post("/accounts/login/")


TODAY = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Organization,
            Membership,
            Customer,
            WorkAddress,
            ArticleGroup,
            Article,
            FormTemplate,
            FormResponse,
            Answer,
            WorkOrder,
        )
    }


def test_seed_demo_runs_twice_without_duplicating():
    first = seed_demo(today=TODAY)
    after_first = counts()

    second = seed_demo(today=TODAY)

    assert (first.created, second.created) == (True, False)
    assert counts() == after_first
    assert after_first["Organization"] == 1
    assert after_first["Customer"] == 25
    assert after_first["Article"] == 40
    assert after_first["ArticleGroup"] == 4


def test_the_demo_has_work_orders_in_every_status():
    organization = seed_demo(today=TODAY).organization

    statuses = set(
        WorkOrder.objects.filter(organization=organization).values_list("status", flat=True)
    )

    assert statuses == set(WorkOrderStatus.values)


def test_completed_and_archived_demo_orders_carry_time_materials_and_a_signed_form():
    seed_demo(today=TODAY)

    done = WorkOrder.objects.filter(
        status__in=[WorkOrderStatus.COMPLETED, WorkOrderStatus.ARCHIVED]
    )
    assert done.count() == 12
    for work_order in done:
        result = totals(work_order)
        assert result.work_minutes > 0
        assert result.material_lines > 0
        response = work_order.form_responses.get()
        assert response.completed is True
        assert response.answers.filter(question__kind=QuestionKind.SIGNATURE).exists()


def test_every_question_kind_is_in_the_delivery_form():
    seed_demo(today=TODAY)

    template = FormTemplate.objects.get(name="Opleverformulier CV-ketel")

    assert set(template.questions.values_list("kind", flat=True)) == set(QuestionKind.values)


def test_the_demo_logins_work_with_their_roles():
    result = seed_demo(today=TODAY)

    roles = {}
    for username, password, _role in result.logins:
        user = authenticate(login_request(), username=username, password=password)
        assert user is not None, username
        roles[username] = Membership.objects.get(user=user, organization=result.organization).role
    assert roles == {
        "beheerder": "beheerder",
        "kantoor": "kantoor",
        "monteur1": "monteur",
        "monteur2": "monteur",
    }
    assert {password for _u, password, _r in result.logins} == {data.PASSWORD}


def test_a_second_run_repairs_a_changed_password():
    result = seed_demo(today=TODAY)
    user = Membership.objects.get(organization=result.organization, role="kantoor").user
    user.set_password("vergeten")
    user.save()

    seed_demo(today=TODAY)

    assert authenticate(login_request(), username="kantoor", password=data.PASSWORD) is not None


def test_reset_builds_the_demo_anew(alice):
    first = seed_demo(today=TODAY)
    WorkOrder.objects.filter(organization=first.organization).first().delete()

    second = seed_demo(reset=True, today=TODAY)

    assert second.created is True
    assert second.organization.pk != first.organization.pk
    assert WorkOrder.objects.filter(organization=second.organization).count() == 24
    assert Organization.objects.filter(name=data.ORGANIZATION_NAME).count() == 1
    # Other organizations are left alone.
    assert Membership.objects.filter(user=alice).exists()


def test_the_command_prints_the_logins(capsys):
    call_command("seed_demo")
    call_command("seed_demo")

    output = capsys.readouterr().out
    assert "created" in output
    assert "already present" in output
    assert "monteur2   simon-demo   monteur" in output
    assert WorkOrder.objects.count() == 24
    code = Organization.objects.get(name=data.ORGANIZATION_NAME).code
    assert output.count(f"Organization code: {code}") == 2  # for 'manage.py snelstart --org'
