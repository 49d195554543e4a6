"""Every work order screen renders with the demo data (every status, forms, hours, materials)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from simon.demo.seed import seed_demo
from simon.forms.models import FormTemplate
from simon.tenants.models import Membership
from simon.workorders.models import WorkOrder
from simon.workorders.permissions import visible_work_orders

pytestmark = pytest.mark.django_db


def client_for(username: str) -> tuple[Client, Membership]:
    membership = Membership.objects.select_related("user").get(user__username=username)
    client = Client()
    client.force_login(membership.user)
    return client, membership


def test_every_screen_renders_for_the_office_and_a_monteur():
    organization = seed_demo().organization
    office, _ = client_for("kantoor")
    monteur, member = client_for("monteur1")

    pages = [
        reverse("workorders:list"),
        reverse("workorders:create"),
        reverse("workorders:planning"),
        reverse("workorders:planning") + "?weergave=dag",
        reverse("forms:template_list"),
    ]
    pages += [reverse("workorders:detail", args=[w.code]) for w in WorkOrder.objects.all()]
    pages += [
        reverse("forms:template_detail", args=[t.code])
        for t in FormTemplate.objects.filter(organization=organization)
    ]
    for page in pages:
        assert office.get(page).status_code == 200, page

    mine = visible_work_orders(member)
    assert mine.exists()
    for work_order in WorkOrder.objects.filter(organization=organization):
        expected = 200 if work_order in mine else 404
        page = reverse("workorders:detail", args=[work_order.code])
        assert monteur.get(page).status_code == expected, page


def test_another_organization_sees_none_of_the_demo(charlie_client):
    seed_demo()
    work_order = WorkOrder.objects.filter(status="gereed_gemeld").first()
    assert work_order is not None

    listing = charlie_client.get(reverse("workorders:list"))
    detail = charlie_client.get(reverse("workorders:detail", args=[work_order.code]))
    archive = charlie_client.post(reverse("workorders:archive", args=[work_order.code]))

    assert work_order.number not in listing.content.decode()
    assert (detail.status_code, archive.status_code) == (404, 404)
    assert WorkOrder.objects.get(pk=work_order.pk).status == "gereed_gemeld"
