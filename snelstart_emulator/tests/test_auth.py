"""Token endpoint, subscription key, bearer token, expiry, revocation, scopes, isolation."""

from __future__ import annotations

import base64
import json
import time

import httpx

from snelstart_emulator.__main__ import build, parse_args
from snelstart_emulator.config import Settings
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer


def token_response(server: EmulatorServer, **form: str) -> httpx.Response:
    return server.http.post(server.token_url, data=form)


def test_a_valid_koppelsleutel_gets_a_bearer_token(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    response = token_response(server, grant_type="clientkey", clientkey=admin.client_key)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3599


def test_the_token_is_a_jwt_with_a_scopes_claim(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    token = server.token(admin.client_key)
    header, payload, _signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert "relaties:read" in claims["scopes"].split()
    assert "orders:write" in claims["scopes"].split()
    assert json.loads(base64.urlsafe_b64decode(header + "==="))["alg"] == "HS256"


def test_an_unknown_koppelsleutel_is_a_400_with_an_error(server: EmulatorServer) -> None:
    response = token_response(server, grant_type="clientkey", clientkey="bestaat-niet")
    assert response.status_code == 400
    assert response.json() == {
        "error": "GrantType clientkey was found. Parameter clientkey does not contain a valid value"
    }


def test_a_missing_clientkey_or_wrong_grant_is_a_400(server: EmulatorServer) -> None:
    missing = token_response(server, grant_type="clientkey")
    wrong = token_response(server, grant_type="client_credentials", clientkey="x")
    assert missing.status_code == 400 and "error" in missing.json()
    assert wrong.status_code == 400 and wrong.json() == {"error": "unsupported_grant_type"}


def test_the_password_grant_uses_the_decoded_koppelsleutel(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    username, password = base64.b64decode(admin.client_key).decode().split(":", 1)
    response = token_response(server, grant_type="password", username=username, password=password)
    assert response.status_code == 200


def test_a_missing_subscription_key_gets_the_apim_missing_text(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    token = server.token(admin.client_key)
    response = server.http.get(
        f"{server.base_url}/relaties", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401
    assert response.json() == {
        "statusCode": 401,
        "message": "Access denied due to missing subscription key. "
        "Make sure to include subscription key when making requests to an API.",
    }


def test_a_wrong_subscription_key_gets_the_apim_invalid_text(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    token = server.token(admin.client_key)
    headers = {"Authorization": f"Bearer {token}", "Ocp-Apim-Subscription-Key": "fout"}
    response = server.http.get(f"{server.base_url}/relaties", headers=headers)
    assert response.status_code == 401
    assert response.json()["message"].startswith("Access denied due to invalid subscription key.")


def test_the_subscription_key_may_be_a_query_parameter(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    token = server.token(admin.client_key)
    response = server.http.get(
        f"{server.base_url}/companyInfo",
        params={"subscription-key": server.subscription_key},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200


def test_a_revoked_subscription_key_is_refused(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    extra = "tweede-sleutel"
    server._admin("POST", "/subscription-keys", {"key": extra})
    headers = {
        "Authorization": f"Bearer {server.token(admin.client_key)}",
        "Ocp-Apim-Subscription-Key": extra,
    }
    assert server.http.get(f"{server.base_url}/companyInfo", headers=headers).status_code == 200
    server._admin("POST", "/subscription-keys/revoke", {"key": extra})
    assert server.http.get(f"{server.base_url}/companyInfo", headers=headers).status_code == 401


def test_no_or_garbled_bearer_token_is_a_401(server: EmulatorServer) -> None:
    base = {"Ocp-Apim-Subscription-Key": server.subscription_key}
    for headers in (
        base,
        {**base, "Authorization": "Bearer abc.def.ghi"},
        {**base, "Authorization": "Basic x"},
    ):
        response = server.http.get(f"{server.base_url}/relaties", headers=headers)
        assert response.status_code == 401
        assert response.json() == {"Message": "Authorization has been denied for this request."}


def test_both_bearer_casings_work(server: EmulatorServer, admin: AdministrationInfo) -> None:
    token = server.token(admin.client_key)
    headers = {
        "Authorization": f"bearer {token}",
        "Ocp-Apim-Subscription-Key": server.subscription_key,
    }
    assert server.http.get(f"{server.base_url}/companyInfo", headers=headers).status_code == 200


def test_an_expired_token_is_refused(server: EmulatorServer, admin: AdministrationInfo) -> None:
    server.set_settings(token_lifetime_seconds=1)
    response = token_response(server, grant_type="clientkey", clientkey=admin.client_key)
    assert response.json()["expires_in"] == 1
    headers = server.headers(response.json()["access_token"])
    assert server.http.get(f"{server.base_url}/companyInfo", headers=headers).status_code == 200
    time.sleep(1.2)
    assert server.http.get(f"{server.base_url}/companyInfo", headers=headers).status_code == 401


def test_a_revoked_key_gets_no_token_and_its_tokens_stop_working(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    headers = server.headers(server.token(admin.client_key))
    server.revoke_key(admin.client_key)
    assert server.http.get(f"{server.base_url}/companyInfo", headers=headers).status_code == 401
    refused = token_response(server, grant_type="clientkey", clientkey=admin.client_key)
    assert refused.status_code == 400


def test_revoking_one_key_leaves_the_other_keys_of_the_administration(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    second = server.add_key(admin.administration_id)
    server.revoke_key(admin.client_key)
    headers = server.headers(server.token(second))
    assert server.http.get(f"{server.base_url}/companyInfo", headers=headers).status_code == 200


def test_a_token_without_the_scope_gets_403(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    reader = server.add_key(admin.administration_id, scopes=["relaties:read"])
    with server.api_client(reader) as client:
        assert client.get("/relaties").status_code == 200
        refused = client.post("/relaties", json={"naam": "X", "relatiesoort": ["Klant"]})
        assert refused.status_code == 403
        assert refused.json() == {"Message": "Required scopes missing: relaties:write"}
        assert client.get("/artikelen").status_code == 403
        assert client.get("/companyInfo").status_code == 403


def test_echo_needs_no_scope(server: EmulatorServer, admin: AdministrationInfo) -> None:
    nothing = server.add_key(admin.administration_id, scopes=[])
    with server.api_client(nothing) as client:
        assert client.get("/echo/hallo").json() == "hallo"


def test_echo_without_token_can_be_allowed(server: EmulatorServer) -> None:
    url = f"{server.base_url}/echo/ping"
    headers = {"Ocp-Apim-Subscription-Key": server.subscription_key}
    assert server.http.get(url, headers=headers).status_code == 401
    server.set_settings(echo_requires_token=False)
    assert server.http.get(url, headers=headers).json() == "ping"


def test_an_administration_never_sees_another_ones_data(server: EmulatorServer) -> None:
    first = server.create_administration(seed=1, customers=3, articles=3)
    second = server.create_administration(seed=2, customers=3, articles=3)
    with server.api_client(first.client_key) as a, server.api_client(second.client_key) as b:
        created = a.post(
            "/relaties", json={"naam": "Alleen van A", "relatiesoort": ["Klant"]}
        ).json()
        assert b.get(f"/relaties/{created['id']}").status_code == 404
        assert b.put(f"/relaties/{created['id']}", json={"naam": "x"}).status_code == 404
        assert b.delete(f"/relaties/{created['id']}").status_code == 404
        assert created["id"] not in {r["id"] for r in b.get("/relaties").json()}
        a_articles = {r["id"] for r in a.get("/artikelen").json()}
        assert a_articles.isdisjoint({r["id"] for r in b.get("/artikelen").json()})
        assert a.get("/companyInfo").json()["administratieIdentifier"] == first.administration_id
        assert b.get("/companyInfo").json()["administratieIdentifier"] == second.administration_id


def test_a_fractional_token_lifetime_is_kept() -> None:
    # `--token-lifetime 0.5` used to be cut to int 0 and refused ("must be positive").
    _, store = build(parse_args(["--token-lifetime", "0.5", "--no-demo"]))
    assert store.settings.token_lifetime_seconds == 0.5
    settings = Settings()
    settings.update({"token_lifetime_seconds": 1.5})
    assert settings.token_lifetime_seconds == 1.5
