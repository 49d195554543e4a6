"""SIMON_HTTPS: one switch for running behind a TLS-terminating proxy, and the CSP (issue 9).

The switch is read at start, so these tests start Django in a fresh process with the
environment an operator would set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import django, json
django.setup()
from django.test import Client
plain = Client().get("/accounts/login/")
secure = Client().get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "secure": [secure.status_code, secure.get("Strict-Transport-Security", "")],
    "csrf_cookie_secure": bool(secure.cookies["csrftoken"]["secure"]),
}))
"""


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    key_file = tmp_path / "keys" / "fernet.key"  # outside the data folder, as in production
    key_file.parent.mkdir(exist_ok=True)
    key_file.write_text("ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg=\n")
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "simon.settings",
        "SIMON_DATA_DIR": str(tmp_path / "data"),
        "SIMON_FERNET_KEY_FILE": str(key_file),
        "SIMON_ALLOWED_HOSTS": "testserver,simon.example.nl",
        **env,
    }
    # Not an operator's: the browser tests set it for Playwright, and check --deploy flags it.
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environ.pop(name, None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environ, capture_output=True, text=True
    )


def test_check_deploy_is_clean_with_https_on(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, SIMON_HTTPS="true"
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_names_what_is_missing_without_https(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)

    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_https_redirects_plain_requests_and_trusts_the_proxy_header(tmp_path):
    result = run(["-c", PROBE], tmp_path, SIMON_HTTPS="true")

    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["plain"] == [301, "https://testserver/accounts/login/"]
    assert answers["secure"] == [200, "max-age=31536000; includeSubDomains; preload"]
    assert answers["csrf_cookie_secure"] is True


def test_without_https_nothing_is_redirected(tmp_path):
    result = run(["-c", PROBE], tmp_path)

    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["plain"] == [200, ""]
    assert answers["secure"] == [200, ""]
    assert answers["csrf_cookie_secure"] is False


@pytest.mark.django_db
def test_every_page_carries_a_csp_without_inline_scripts_or_styles(alice_client):
    policy = alice_client.get("/werkbonnen/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # a nonce only where a page has an inline script
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


@pytest.mark.django_db
def test_the_one_inline_script_carries_the_nonce_of_its_response(alice_client, org_a):
    from simon.snelstart_sync.models import Connection, State

    connection = Connection.objects.create(organization=org_a, state=State.CONNECTED)
    response = alice_client.get(f"/integraties/snelstart/{connection.code}/instellingen/")

    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_an_anonymous_page_has_the_policy_too(db):
    response = Client().get("/accounts/login/")

    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_another_tenants_settings_page_is_not_found_and_still_has_the_policy(charlie_client, org_a):
    from simon.snelstart_sync.models import Connection, State

    connection = Connection.objects.create(organization=org_a, state=State.CONNECTED)
    response = charlie_client.get(f"/integraties/snelstart/{connection.code}/instellingen/")

    assert response.status_code == 404
    assert "Content-Security-Policy" in response
