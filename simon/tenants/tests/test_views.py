from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_member
from simon.tenants.models import Membership, Organization

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_dutch_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Inloggen bij Simon" in response.content.decode()


def test_wrong_password_says_so(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()


def test_login_then_home_goes_to_the_office_overview(client, alice):
    response = client.post(
        reverse("login"), {"username": "alice", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("workorders:start")


def test_logout_needs_post_and_ends_the_session(alice_client):
    response = alice_client.post(reverse("logout"))
    assert response.status_code == 302
    assert alice_client.get(reverse("home")).status_code == 302
    assert alice_client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_user_without_organization_gets_an_explanation(client, db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("loner", password="x")
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "nog niet bij een organisatie" in response.content.decode()


def test_password_reset_sends_a_dutch_email(client, alice, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "alice@example.nl"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Nieuw wachtwoord voor Simon"
    assert "/accounts/reset/" in mailoutbox[0].body


def test_member_of_two_organizations_can_switch(alice, alice_client, org_b):
    Membership.objects.create(user=alice, organization=org_b, role="kantoor")
    response = alice_client.post(
        reverse("switch_organization"), {"organization": str(org_b.code), "next": "/klanten/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/klanten/"
    response = alice_client.get(reverse("customers:list"))
    assert response.wsgi_request.organization == org_b
    assert response.wsgi_request.membership.role == "kantoor"


def test_cannot_switch_into_an_organization_one_is_not_member_of(alice_client, org_a, org_b):
    response = alice_client.post(reverse("switch_organization"), {"organization": str(org_b.code)})
    assert response.status_code == 302
    response = alice_client.get(reverse("customers:list"))
    assert response.wsgi_request.organization == org_a


def test_switch_ignores_an_offsite_next(alice, alice_client, org_b):
    Membership.objects.create(user=alice, organization=org_b, role="kantoor")
    response = alice_client.post(
        reverse("switch_organization"),
        {"organization": str(org_b.code), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")


def test_cross_tenant_charlie_sees_only_his_own_organization(charlie_client, org_a, org_b, alice):
    response = charlie_client.get(reverse("customers:list"))
    assert response.wsgi_request.organization == org_b
    assert org_a.name not in response.content.decode()
    assert Organization.objects.count() == 2


def test_role_helpers(org_a):
    admin = make_member(org_a, "a1", "beheerder").memberships.get()
    office = make_member(org_a, "o1", "kantoor").memberships.get()
    field = make_member(org_a, "f1", "monteur").memberships.get()
    assert (admin.is_admin, admin.is_office) == (True, True)
    assert (office.is_admin, office.is_office) == (False, True)
    assert (field.is_admin, field.is_office) == (False, False)
