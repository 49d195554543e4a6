"""The other API tests use only the API's URLs (tests/urls.py); this checks the real URLconf."""

from __future__ import annotations

from django.test import Client, override_settings


@override_settings(ROOT_URLCONF="simon.urls")
def test_the_project_serves_the_api_under_api_v1_without_login(db):
    client = Client()

    schema = client.get("/api/v1/openapi.json")
    unauthenticated = client.get("/api/v1/customers")
    unknown = client.get("/api/v1/bestaat-niet")

    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Simon field API"
    assert unauthenticated.status_code == 401
    assert unauthenticated["Content-Type"] == "application/json; charset=utf-8"
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "Niet gevonden."
