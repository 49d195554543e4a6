"""Nothing under /api/ answers with HTML: unknown paths, wrong methods and bugs give JSON too."""

from __future__ import annotations

import logging

from simon.api import customers
from simon.api.tests.conftest import error


def test_an_unknown_path_is_a_json_404(bob_api, anon_api):
    for any_api in [bob_api, anon_api]:
        response = any_api.get("/bestaat-niet/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response.json() == error("Niet gevonden.")


def test_the_api_root_is_a_json_404(anon_api):
    response = anon_api.get("/")

    assert response.status_code == 404
    assert response.json() == error("Niet gevonden.")


def test_a_wrong_method_is_a_json_405(bob_api, customer):
    response = bob_api.delete("/customers")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == error("Deze methode kan hier niet.")


def test_creating_customers_is_not_offered(bob_api, customer):
    """S4: customers come from SnelStart; the field app cannot create them."""
    response = bob_api.post("/customers", {"name": "Nieuw"})

    assert response.status_code == 405
    assert response.json()["message"] == "Deze methode kan hier niet."


def test_a_bug_is_a_json_500_and_logged(bob_api, customer, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(customers, "search_customers", broken)

    with caplog.at_level(logging.ERROR, logger="simon.api.errors"):
        response = bob_api.get("/customers")

    assert response.status_code == 500
    assert response.json() == error("Er ging iets mis aan onze kant. Probeer het later opnieuw.")
    assert "kapot" in caplog.text


def test_messages_follow_the_language_of_the_request(bob_api, db):
    response = bob_api.get("/customers/geen-code", headers={"Accept-Language": "nl"})

    assert response.json()["message"] == "Klant niet gevonden."


def test_nul_characters_are_refused_as_input_and_ignored_in_searches(bob_api, planned, customer):
    """PostgreSQL cannot store them; without this check they would be a 500 there."""
    note = bob_api.post(
        f"/work-orders/{planned.code}/time-entries",
        {"kind": "werktijd", "minutes": 5, "note": "a\x00b"},
    )
    search = bob_api.get("/customers?q=Jan%00sen")

    assert note.status_code == 422
    assert note.json() == error(
        "Gebruik geen NUL-tekens.",
        "note",
        [{"field": "note", "message": "Gebruik geen NUL-tekens."}],
    )
    assert search.status_code == 200
    assert search.json()["count"] == 1
