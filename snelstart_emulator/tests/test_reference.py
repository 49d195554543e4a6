"""companyInfo, echo, landen, unknown routes, admin API guard and reset."""

from __future__ import annotations

import httpx

from snelstart_emulator.testing import AdministrationInfo, EmulatorServer
from snelstart_emulator.tests.helpers import klant


def test_company_info_identifies_the_administration(
    api: httpx.Client, admin: AdministrationInfo
) -> None:
    body = api.get("/companyInfo").json()
    assert body["administratieIdentifier"] == admin.administration_id
    assert body["administratieNaam"] == "Demo administratie 7"
    assert body["artikelcodeSoort"] == "Alfanumeriek"
    assert body["volgendVerkoopordernummer"] == 3
    assert body["kvKNummer"] == "12345678"
    assert list(body)[:2] == ["administratieIdentifier", "administratieNaam"]


def test_echo_returns_a_json_string_or_204(api: httpx.Client) -> None:
    echoed = api.get("/echo/Hallo wereld")
    assert echoed.status_code == 200
    assert echoed.text == '"Hallo wereld"'
    empty = api.get("/echo/")
    assert empty.status_code == 204 and empty.content == b""


def test_landen_start_with_nederland(api: httpx.Client) -> None:
    landen = api.get("/landen").json()
    assert landen[0] == {
        "naam": "Nederland",
        "landcodeISO": "NL",
        "landcode": "NL",
        "id": landen[0]["id"],
        "uri": f"/landen/{landen[0]['id']}",
    }
    assert api.get(f"/landen/{landen[1]['id']}").json()["naam"] == "België"
    assert api.get("/landen/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b").status_code == 404


def test_resource_names_are_case_insensitive(api: httpx.Client) -> None:
    assert api.get("/companyinfo").status_code == 200
    assert api.get("/Relaties").status_code == 200


def test_unknown_routes_and_methods_answer_like_web_api(api: httpx.Client) -> None:
    missing = api.get("/grootboekmutaties")
    assert missing.status_code == 404
    assert missing.json()["Message"].startswith("No HTTP resource was found")
    wrong = api.patch("/relaties", json={})
    assert wrong.status_code == 405
    assert wrong.json() == {
        "Message": "The requested resource does not support http method 'PATCH'."
    }


def test_the_admin_api_can_require_a_token() -> None:
    with EmulatorServer(admin_token="geheim") as server:
        assert server.http.get(f"{server.admin_url}/health").status_code == 401
        headers = {"Authorization": "Bearer geheim"}
        assert server.http.get(f"{server.admin_url}/health", headers=headers).status_code == 200
        assert server.create_administration(demo=False).client_key


def test_reset_returns_to_the_start_state() -> None:
    with EmulatorServer() as server:
        info = server.create_administration(demo=False)
        server.set_faults(latency_ms=5)
        server.reset()
        assert server._admin("GET", "/administrations") == []
        assert server._admin("GET", "/faults")["latency_ms"] == 0
        form = {"grant_type": "clientkey", "clientkey": info.client_key}
        assert server.http.post(server.token_url, data=form).status_code == 400


def test_records_can_be_imported_with_their_modified_on(
    server: EmulatorServer, empty_admin: AdministrationInfo, empty_api: httpx.Client
) -> None:
    records = [dict(klant("Oud"), modifiedOn="2025-01-02T03:04:05.67"), klant("Nieuw")]
    created = server._admin(
        "POST", f"/administrations/{empty_admin.administration_id}/relaties", {"records": records}
    )
    assert created[0]["modifiedOn"] == "2025-01-02T03:04:05.67"
    text = "ModifiedOn lt datetime'2025-06-01T00:00:00' and Relatiecode gt 0"
    assert [r["naam"] for r in empty_api.get("/relaties", params={"$filter": text}).json()] == [
        "Oud"
    ]


def test_the_admin_api_lists_administrations(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    described = server._admin("GET", f"/administrations/{admin.administration_id}")
    assert described["counts"]["artikelen"] == 12
    assert described["keys"][0]["client_key"] == admin.client_key
