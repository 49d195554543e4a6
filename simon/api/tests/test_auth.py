"""Authentication: every operation needs a valid bearer token; sessions never count."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from simon.api import services
from simon.api.api import api
from simon.api.models import ApiToken
from simon.api.tests.conftest import ApiClient, error, snapshot
from simon.tenants.models import Membership

UNAUTHORIZED = error("Geef een geldige API-token mee: Authorization: Bearer <token>.")


def operations() -> list[tuple[str, str]]:
    """Every (method, path) of the schema, with a made-up code in each path parameter."""
    schema = api.get_openapi_schema(path_prefix="")
    code = "6c1f3bd3-2a7e-4d39-9a0e-5d7b7c1e2f30"
    return [
        (method, re.sub(r"\{[^}]+\}", code, path))
        for path, item in schema["paths"].items()
        for method in item
    ]


def call(client: ApiClient, method: str, path: str):
    body: dict[str, Any] | None = {} if method in ("post", "put", "patch") else None
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body)


@pytest.mark.parametrize(("method", "path"), operations())
def test_every_operation_without_a_token_is_401(anon_api, method, path):
    response = call(anon_api, method, path)

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert response["WWW-Authenticate"] == 'Bearer realm="simon"'


@pytest.mark.parametrize(("method", "path"), operations())
def test_every_operation_with_a_bad_or_revoked_token_is_401(bob, org_a, method, path):
    token, secret = services.create_token(bob, org_a)
    services.revoke_token(token)

    for client in [ApiClient(secret), ApiClient("simon_onzin"), ApiClient("onzin")]:
        response = call(client, method, path)
        assert response.status_code == 401
        assert response.json() == UNAUTHORIZED


@pytest.mark.parametrize(("method", "path"), operations())
def test_a_session_login_alone_never_authenticates(bob, method, path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)

    response = call(ApiClient(client=client), method, path)

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_a_session_login_with_a_post_changes_nothing(bob, planned):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    before = snapshot()

    response = ApiClient(client=client).post(f"/work-orders/{planned.code}/complete")

    assert response.status_code == 401
    assert snapshot() == before


def test_a_valid_token_authenticates_and_is_marked_used(bob, org_a, customer):
    token, secret = services.create_token(bob, org_a, name="telefoon")

    response = ApiClient(secret).get("/customers")

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None


def test_last_used_is_written_at_most_once_a_minute(bob, org_a, customer):
    token, secret = services.create_token(bob, org_a)
    client = ApiClient(secret)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/customers")
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        client.get("/customers")
        token.refresh_from_db()
        assert token.last_used == start
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        client.get("/customers")
        token.refresh_from_db()
        assert token.last_used == start + timedelta(minutes=2)


def test_the_secret_is_stored_only_as_a_hash(bob, org_a):
    token, secret = services.create_token(bob, org_a, name="telefoon")

    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("simon_")
    assert len(secret) > 40
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert stored.prefix == secret[:12]
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())


def test_a_token_stops_working_when_the_user_leaves_the_organization(bob, org_a, customer):
    _, secret = services.create_token(bob, org_a)
    Membership.objects.filter(user=bob, organization=org_a).delete()

    response = ApiClient(secret).get("/customers")

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_a_token_of_a_deactivated_user_is_refused(bob, org_a, customer):
    _, secret = services.create_token(bob, org_a)
    bob.is_active = False
    bob.save()

    assert ApiClient(secret).get("/customers").status_code == 401


def test_a_token_acts_only_in_its_own_organization(bob, org_a, org_b, customer):
    """bob is also a member of B; his token for B sees B's customers, not A's."""
    Membership.objects.create(user=bob, organization=org_b, role="monteur")
    _, secret = services.create_token(bob, org_b)

    response = ApiClient(secret).get("/customers")

    assert response.json() == {"count": 0, "items": []}
    assert ApiClient(secret).get(f"/customers/{customer.code}").status_code == 404


def test_a_token_cannot_be_made_for_an_organization_the_user_is_not_in(bob, org_b):
    with pytest.raises(services.ApiTokenError) as refused:
        services.create_token(bob, org_b)

    assert refused.value.message == "bob hoort niet bij Bravo Techniek."
    assert refused.value.field == "organization"
    assert ApiToken.objects.count() == 0


def test_revoking_keeps_the_first_moment(bob, org_a):
    token, _ = services.create_token(bob, org_a)
    first = services.revoke_token(token).revoked

    assert services.revoke_token(token).revoked == first


def test_a_wrong_scheme_is_401(bob, org_a, customer):
    _, secret = services.create_token(bob, org_a)

    response = ApiClient().get("/customers", headers={"Authorization": f"Token {secret}"})

    assert response.status_code == 401
