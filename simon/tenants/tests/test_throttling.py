"""Login throttling (django-axes) on the web login, /admin/ and API tokens (issue 9)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from simon.api import services as tokens
from simon.tenants.throttling import forwarded_client

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery staple"
LOCKED = "Te veel mislukte pogingen om in te loggen."
NOW = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)


def login(client: Client, username: str, password: str, path: str = "/accounts/login/"):
    return client.post(path, {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_after_the_limit_the_right_password_is_refused_too(alice, settings):
    """The limit-th wrong password locks (and says so); the next try, right or not, is refused."""
    client = Client()
    limit = settings.SIMON_LOGIN_FAILURE_LIMIT
    answers = [login(client, "alice", "wrong").status_code for _ in range(limit)]

    response = login(client, "alice", RIGHT)

    assert answers == [200] * (limit - 1) + [429]
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not logged_in(client)


def test_the_lock_ends_after_the_cool_off(alice, settings):
    client = Client()
    with time_machine.travel(NOW, tick=False):
        for _ in range(settings.SIMON_LOGIN_FAILURE_LIMIT):
            login(client, "alice", "wrong")
        assert login(client, "alice", RIGHT).status_code == 429
    later = NOW + settings.AXES_COOLOFF_TIME + dt.timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        response = login(client, "alice", RIGHT)
        assert response.status_code == 302
        assert logged_in(client)


def test_fewer_failures_than_the_limit_do_not_lock(alice, settings):
    client = Client()
    for _ in range(settings.SIMON_LOGIN_FAILURE_LIMIT - 1):
        login(client, "alice", "wrong")

    assert login(client, "alice", RIGHT).status_code == 302


def test_another_tenants_user_at_the_same_address_is_not_locked_out(alice, charlie, settings):
    """Locks are per username and address: a colleague (or another tenant's user) behind the
    same router logs in while alice is locked out."""
    client = Client()
    for _ in range(settings.SIMON_LOGIN_FAILURE_LIMIT + 1):
        login(client, "alice", "wrong")

    other = Client()
    assert login(other, "charlie", RIGHT).status_code == 302
    assert logged_in(other)


def test_the_admin_login_is_throttled_too(alice, settings):
    alice.is_staff = True
    alice.save()
    client = Client()
    for _ in range(settings.SIMON_LOGIN_FAILURE_LIMIT):
        login(client, "alice", "wrong", "/admin/login/")

    response = login(client, "alice", RIGHT, "/admin/login/")

    assert response.status_code == 429
    assert not logged_in(client)


def test_a_username_no_table_holds_is_a_failed_login_not_a_server_error(alice):
    client = Client(raise_request_exception=False)

    for path in ("/accounts/login/", "/admin/login/"):
        response = client.post(path, {"username": "a" * 100_000, "password": "a" * 100_000})
        assert response.status_code == 200, path


def test_failed_api_tokens_lock_the_address_out_of_the_api(bob, org_a, settings):
    settings.SIMON_API_TOKEN_FAILURE_LIMIT = 3
    _token, secret = tokens.create_token(bob, org_a)
    client = Client()
    answers = [
        client.get("/api/v1/customers", headers={"Authorization": f"Bearer simon_x{n}"})
        for n in range(3)
    ]

    right = client.get("/api/v1/customers", headers={"Authorization": f"Bearer {secret}"})

    assert [a.status_code for a in answers] == [401, 401, 429]

    assert right.status_code == 429
    assert right.json()["message"].startswith(LOCKED)


def test_a_valid_token_is_never_counted(bob, org_a, settings):
    settings.SIMON_API_TOKEN_FAILURE_LIMIT = 3
    _token, secret = tokens.create_token(bob, org_a)
    client = Client()
    for _ in range(10):
        response = client.get("/api/v1/customers", headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 200


def test_a_spoofed_forwarded_header_does_not_dodge_the_lock(alice, settings):
    settings.SIMON_TRUSTED_PROXIES = 1
    client = Client()
    for n in range(settings.SIMON_LOGIN_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": "alice", "password": "wrong"},
            headers={"X-Forwarded-For": f"10.0.0.{n}, 203.0.113.7"},
        )

    response = client.post(
        "/accounts/login/",
        {"username": "alice", "password": RIGHT},
        headers={"X-Forwarded-For": "10.9.9.9, 203.0.113.7"},
    )

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("127.0.0.1", "", 0, "127.0.0.1"),
        ("127.0.0.1", "203.0.113.7", 0, "127.0.0.1"),
        ("10.0.0.2", "203.0.113.7", 1, "203.0.113.7"),
        ("10.0.0.2", "1.2.3.4, 203.0.113.7", 1, "203.0.113.7"),
        ("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.1", 2, "203.0.113.7"),
        ("10.0.0.2", "", 1, "10.0.0.2"),
    ],
)
def test_the_client_address_is_the_one_the_outermost_trusted_proxy_saw(
    remote, forwarded, proxies, expected
):
    assert forwarded_client(remote, forwarded, proxies) == expected
