"""Tenant isolation: forms of one organization never reach another's work orders."""

from __future__ import annotations

import pytest

from simon.forms import services
from simon.forms.errors import FormError
from simon.forms.models import FormResponse
from simon.lib.errors import NotPermitted
from simon.workorders import services as workorder_services
from simon.workorders.errors import WorkOrderPermissionDenied

pytestmark = pytest.mark.django_db


def test_a_template_of_b_cannot_be_attached_to_a_work_order_of_a(org_b, work_order, alice):
    foreign = services.create_template(org_b, name="Bravo-formulier")

    with pytest.raises(FormError):
        services.attach_form(work_order, foreign, by=alice)

    assert FormResponse.objects.count() == 0


def test_a_user_of_b_cannot_attach_or_answer_on_a(org_b, charlie, template, response, work_order):
    with pytest.raises(WorkOrderPermissionDenied):
        services.attach_form(work_order, template, by=charlie)
    with pytest.raises(WorkOrderPermissionDenied):
        services.answer_form(response, {}, by=charlie)

    assert FormResponse.objects.count() == 1


def test_a_user_of_b_cannot_change_templates_of_a(template, charlie):
    with pytest.raises(NotPermitted):
        services.update_template(template, by=charlie, name="Gekaapt")
    with pytest.raises(NotPermitted):
        services.add_question(template, by=charlie, label="Gekaapt", kind="text")
    with pytest.raises(NotPermitted):
        services.move_question(template.questions.first(), 3, by=charlie)


def test_a_work_order_of_b_refuses_a_template_of_a(org_b, charlie, template):
    theirs = workorder_services.create_work_order(org_b, by=charlie)

    with pytest.raises(FormError):
        services.attach_form(theirs, template, by=charlie)
