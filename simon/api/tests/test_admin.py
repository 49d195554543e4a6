from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from simon.api import services
from simon.api.models import ApiToken
from simon.api.tests.conftest import ApiClient


@pytest.fixture
def admin_client(db) -> Client:
    root = get_user_model().objects.create_superuser("root", "root@example.nl", "x")
    client = Client()
    client.force_login(root)
    return client


def test_adding_a_token_in_the_admin_shows_the_secret_once(admin_client, bob, org_a, customer):
    response = admin_client.post(
        "/admin/api/apitoken/add/",
        {"user": bob.pk, "organization": org_a.pk, "name": "tablet"},
        follow=True,
    )

    assert response.status_code == 200
    token = ApiToken.objects.get()
    message, added = [str(m) for m in response.context["messages"]]
    secret = message.rsplit(" ", 1)[1]
    assert message.startswith("Kopieer de token nu, hij wordt niet opnieuw getoond: simon_")
    assert added.startswith("De API-token")
    assert (token.user, token.organization, token.name) == (bob, org_a, "tablet")
    assert token.prefix == secret[:12]
    assert ApiClient(secret).get("/customers").status_code == 200
    assert (
        secret not in admin_client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    )


def test_the_admin_refuses_a_token_for_a_non_member(admin_client, charlie, org_a):
    response = admin_client.post(
        "/admin/api/apitoken/add/", {"user": charlie.pk, "organization": org_a.pk, "name": ""}
    )

    assert response.status_code == 200
    assert "charlie hoort niet bij Installatiebedrijf Alfa." in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_the_admin_revokes_selected_tokens(admin_client, bob, org_a, customer):
    token, secret = services.create_token(bob, org_a)

    admin_client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    token.refresh_from_db()
    assert token.revoked is not None
    assert ApiClient(secret).get("/customers").status_code == 401
    assert admin_client.get("/admin/api/apitoken/").status_code == 200
