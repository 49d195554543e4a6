from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from simon.api import services
from simon.api.models import ApiToken
from simon.api.tests.conftest import ApiClient


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_prints_a_working_secret_once(bob, org_a, customer):
    out, err = run("create", "--user", "bob", "--org", str(org_a.code), "--name", "telefoon")

    secret = out.strip()
    token = ApiToken.objects.get()
    assert (token.user, token.organization, token.name) == (bob, org_a, "telefoon")
    assert "Copy it now" in err
    assert secret not in err
    assert ApiClient(secret).get("/customers").status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "nobody", "--org", "{org}"], "Unknown user: nobody"),
        (["--user", "bob", "--org", "geen-uuid"], "Unknown organization code: geen-uuid"),
        (
            ["--user", "bob", "--org", "6c1f3bd3-2a7e-4d39-9a0e-5d7b7c1e2f30"],
            "Unknown organization code: 6c1f3bd3-2a7e-4d39-9a0e-5d7b7c1e2f30",
        ),
        (
            ["--user", "charlie", "--org", "{org}"],
            "charlie hoort niet bij Installatiebedrijf Alfa.",
        ),
    ],
)
def test_create_refuses_unknown_users_organizations_and_non_members(
    bob, charlie, org_a, args, message
):
    with pytest.raises(CommandError) as refused:
        run("create", *[a.format(org=org_a.code) for a in args])

    assert str(refused.value) == message
    assert ApiToken.objects.count() == 0


def test_revoke_by_prefix_or_code(bob, org_a, customer):
    first, first_secret = services.create_token(bob, org_a)
    second, second_secret = services.create_token(bob, org_a)

    run("revoke", first.prefix)
    out, _ = run("revoke", str(second.code))

    assert out == f"Revoked {second.prefix}… (bob)\n"
    assert ApiClient(first_secret).get("/customers").status_code == 401
    assert ApiClient(second_secret).get("/customers").status_code == 401


def test_revoke_refuses_unknown_tokens(db):
    with pytest.raises(CommandError) as refused:
        run("revoke", "simon_onzin")

    assert str(refused.value) == "simon_onzin: no token"


def test_list_shows_tokens_without_secrets(bob, dave, org_a):
    token, secret = services.create_token(bob, org_a, name="telefoon")
    services.create_token(dave, org_a)
    services.revoke_token(token)

    out, _ = run("list", "--user", "bob")

    assert out.count("\n") == 1
    assert f"{token.code}  {token.prefix}…  bob  Installatiebedrijf Alfa  'telefoon'" in out
    assert "used never  revoked" in out
    assert secret not in out
