"""The field app's pages, its manifest, its service worker and the phone's API token."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from simon.api.models import ApiToken
from simon.api.tests.conftest import ApiClient
from simon.fieldapp import services
from simon.fieldapp.views import ASSETS
from simon.testing import DAY
from simon.workorders import services as workorders

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(org_a, alice, bob):
    return workorders.create_work_order(
        org_a, by=alice, description="CV-ketel", planned_date=DAY, employees=[bob]
    )


def csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("fieldapp:today"))  # sets the CSRF cookie, as the shell does
    return client


def new_token(client: Client):
    return client.post(
        reverse("fieldapp:device_token"), headers={"X-CSRFToken": client.cookies["csrftoken"].value}
    )


# --- the shell ------------------------------------------------------------------------------


def test_a_monteur_starts_on_vandaag_and_the_office_in_the_work_orders(bob_client, alice_client):
    assert bob_client.get(reverse("home"))["Location"] == reverse("fieldapp:today")
    assert alice_client.get(reverse("home"))["Location"].startswith(reverse("workorders:list"))


def test_every_screen_is_the_same_installable_shell(bob_client, planned, org_a):
    pages = [
        reverse("fieldapp:today"),
        reverse("fieldapp:work_order", kwargs={"code": planned.code}),
        reverse("fieldapp:outbox"),
    ]
    for url in pages:
        response = bob_client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert '<link rel="manifest" href="/veld/manifest.webmanifest">' in html
        assert '<meta name="theme-color" content="#1f6f50">' in html
        assert 'rel="apple-touch-icon"' in html
        assert '<script type="module" src="/static/fieldapp/app.js"></script>' in html
        assert f'data-account="{org_a.code}:bob"' in html
        assert 'id="field-texts" type="application/json"' in html
        # The Content-Security-Policy allows no inline script without the nonce.
        assert "<script>" not in html


def test_the_shell_carries_the_scripts_texts_in_the_users_language(bob_client):
    texts = _texts(bob_client.get(reverse("fieldapp:today")))
    bob_client.cookies["django_language"] = "en"
    english = _texts(bob_client.get(reverse("fieldapp:today")))

    assert texts["offline"] == "Offline"
    assert texts["complete_summary"] == "{hours} uur geboekt, {materials}"
    assert english["complete_summary"] == "{hours} hours booked, {materials}"


def _texts(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="field-texts" type="application/json">') + 49
    return json.loads(html[start : html.index("</script>", start)])


def test_another_monteurs_work_order_is_not_found(client, dave, planned):
    client.force_login(dave)

    response = client.get(reverse("fieldapp:work_order", kwargs={"code": planned.code}))

    assert response.status_code == 404


def test_another_organizations_work_order_is_not_found(charlie_client, planned):
    response = charlie_client.get(reverse("fieldapp:work_order", kwargs={"code": planned.code}))

    assert response.status_code == 404


def test_the_shell_needs_a_login(client):
    response = client.get(reverse("fieldapp:today"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- the phone's token ------------------------------------------------------------------


def test_the_phone_gets_a_token_for_the_field_api(bob, org_a, planned):
    client = csrf_client(bob)

    response = new_token(client)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["account"] == f"{org_a.code}:bob"
    api = ApiClient(body["token"])
    assert api.get("/work-orders/mine").json()["count"] == 1
    assert ApiToken.objects.get().name == "Veld-app"


def test_a_new_token_revokes_the_sessions_previous_one(bob):
    client = csrf_client(bob)
    first = new_token(client).json()["token"]

    second = new_token(client).json()["token"]

    assert ApiClient(first).get("/work-orders/mine").status_code == 401
    assert ApiClient(second).get("/work-orders/mine").status_code == 200


def test_logging_out_revokes_the_phones_token(bob):
    client = csrf_client(bob)
    secret = new_token(client).json()["token"]

    client.post(reverse("logout"), headers={"X-CSRFToken": client.cookies["csrftoken"].value})

    assert ApiClient(secret).get("/work-orders/mine").status_code == 401
    assert ApiToken.objects.get().revoked is not None


def test_another_sessions_token_stays(bob):
    phone, laptop = csrf_client(bob), csrf_client(bob)
    on_phone = new_token(phone).json()["token"]
    new_token(laptop)

    laptop.post(reverse("logout"), headers={"X-CSRFToken": laptop.cookies["csrftoken"].value})

    assert ApiClient(on_phone).get("/work-orders/mine").status_code == 200


def test_a_token_needs_the_csrf_token_and_a_post(bob):
    client = csrf_client(bob)

    assert client.post(reverse("fieldapp:device_token")).status_code == 403
    assert client.get(reverse("fieldapp:device_token")).status_code == 405
    assert ApiToken.objects.count() == 0


def test_without_a_login_there_is_no_token(client, db):
    response = client.post(reverse("fieldapp:device_token"))

    assert response.status_code == 302
    assert ApiToken.objects.count() == 0


def test_a_token_is_for_the_active_organization_only(charlie, org_a, planned):
    """Charlie (organization B) gets a token that sees nothing of A."""
    client = csrf_client(charlie)

    body = new_token(client).json()

    assert not body["account"].startswith(str(org_a.code))
    api = ApiClient(body["token"])
    assert api.get(f"/work-orders/{planned.code}").status_code == 404


def test_revoking_without_tokens_is_harmless(bob_client):
    session = bob_client.session
    assert services.revoke_session_tokens(session) == 0


# --- manifest and service worker -------------------------------------------------------------


def test_the_manifest_makes_the_app_installable(client, db):
    response = client.get(reverse("fieldapp:manifest"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Simon voor monteurs"
    assert manifest["short_name"] == "Simon"
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "/veld/"
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == "nl"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}


def test_every_icon_is_a_png_of_its_size(client, db):
    from io import BytesIO

    from PIL import Image

    for icon in client.get(reverse("fieldapp:manifest")).json()["icons"]:
        response = client.get(icon["src"])
        image = Image.open(BytesIO(b"".join(response.streaming_content)))
        assert image.format == "PNG"
        assert f"{image.width}x{image.height}" == icon["sizes"]


def test_the_service_worker_caches_the_shell_and_every_file_it_loads(client, db):
    response = client.get(reverse("fieldapp:service_worker"))
    script = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert 'const SHELL = "/veld/";' in script
    for path in ASSETS:
        assert f'"/static/{path}"' in script
        assert client.get(f"/static/{path}").status_code == 200, path
    assert '"/veld/manifest.webmanifest"' in script
    assert "eval(" not in script


def test_the_shell_loads_no_file_the_service_worker_does_not_cache(bob_client):
    import re

    html = bob_client.get(reverse("fieldapp:today")).content.decode()
    loaded = set(re.findall(r'(?:src|href)="/static/([^"]+)"', html))
    modules = {f"fieldapp/{name}" for name in _imports()}

    assert loaded | modules <= set(ASSETS) | {"fieldapp/icons/apple-touch-icon.png"}


def _imports() -> set[str]:
    """Every module the app's scripts import (the service worker must hold them all)."""
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "static" / "fieldapp"
    names = set()
    for script in folder.glob("*.js"):
        names |= set(re.findall(r'from "\./([a-z]+\.js)"', script.read_text()))
    return names
