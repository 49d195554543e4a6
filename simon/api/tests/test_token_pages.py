"""The 'API-tokens' page: own tokens only, login and CSRF required, the secret shown once."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from simon.api import services
from simon.api.models import ApiToken
from simon.api.tests.conftest import ApiClient


@pytest.fixture(autouse=True)
def _project_urls(settings):
    # The page extends base.html, which links to the whole web app.
    settings.ROOT_URLCONF = "simon.urls"


def shown_secret(response) -> str:
    match = re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode())
    assert match, "no new token on the page"
    return match[1]


def test_login_is_required(db):
    response = Client().get("/api-tokens/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_user_makes_a_token_and_sees_the_secret_once(bob_client, bob, org_a, customer):
    made = bob_client.post("/api-tokens/", {"name": "telefoon"})

    assert made.status_code == 200
    secret = shown_secret(made)
    token = ApiToken.objects.get()
    assert (token.user, token.organization, token.name) == (bob, org_a, "telefoon")
    assert ApiClient(secret).get("/customers").status_code == 200
    page = bob_client.get("/api-tokens/").content.decode()
    assert secret not in page
    assert f"{token.prefix}…" in page


def test_a_too_long_name_is_refused(bob_client):
    response = bob_client.post("/api-tokens/", {"name": "x" * 101})

    assert response.status_code == 200
    assert 'id="new-token"' not in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_csrf_is_required(bob):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)

    response = client.post("/api-tokens/", {"name": "telefoon"})

    assert response.status_code == 403
    assert ApiToken.objects.count() == 0


def test_a_user_revokes_their_token(bob_client, bob, org_a, customer):
    token, secret = services.create_token(bob, org_a)

    response = bob_client.post(f"/api-tokens/{token.code}/intrekken/", follow=True)

    assert response.status_code == 200
    assert f"Token {token.prefix}… is ingetrokken." in response.content.decode()
    assert ApiClient(secret).get("/customers").status_code == 401


def test_a_user_sees_and_revokes_only_their_own_tokens(bob_client, alice, bob, org_a):
    alices, _ = services.create_token(alice, org_a, name="van alice")
    services.create_token(bob, org_a, name="van bob")

    page = bob_client.get("/api-tokens/").content.decode()
    revoke = bob_client.post(f"/api-tokens/{alices.code}/intrekken/")

    assert "van bob" in page
    assert "van alice" not in page
    assert revoke.status_code == 404
    alices.refresh_from_db()
    assert alices.revoked is None


def test_another_organization_cannot_see_or_revoke_as_tokens(charlie_client, bob, org_a):
    token, _ = services.create_token(bob, org_a, name="van bob")

    page = charlie_client.get("/api-tokens/").content.decode()
    revoke = charlie_client.post(f"/api-tokens/{token.code}/intrekken/")

    assert "van bob" not in page
    assert revoke.status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


def test_revoking_needs_a_post(bob_client, bob, org_a):
    token, _ = services.create_token(bob, org_a)

    assert bob_client.get(f"/api-tokens/{token.code}/intrekken/").status_code == 405
    token.refresh_from_db()
    assert token.revoked is None
