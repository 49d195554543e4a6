"""Fault and load knobs: latency, rate limits, random errors, fail-next, timeouts, lost answers."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from snelstart_emulator.testing import AdministrationInfo, EmulatorServer, http_client
from snelstart_emulator.tests.helpers import klant


def test_latency_is_added_to_every_call(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    started = time.perf_counter()
    api.get("/companyInfo")
    fast = time.perf_counter() - started
    server.set_faults(admin.administration_id, latency_ms=300)
    started = time.perf_counter()
    assert api.get("/companyInfo").status_code == 200
    slow = time.perf_counter() - started
    assert slow >= 0.3 > fast


def test_the_rate_limit_answers_429_with_retry_after(
    server: EmulatorServer,
    admin: AdministrationInfo,
    api: httpx.Client,
    empty_admin: AdministrationInfo,
) -> None:
    server.set_faults(admin.administration_id, rate_limit_per_minute=5)
    statuses = [api.get("/companyInfo").status_code for _ in range(5)]
    refused = api.get("/companyInfo")
    assert statuses == [200] * 5
    assert refused.status_code == 429
    wait = int(refused.headers["Retry-After"])
    assert 1 <= wait <= 60
    assert refused.json() == {
        "statusCode": 429,
        "message": f"Rate limit is exceeded. Try again in {wait} seconds.",
    }
    with server.api_client(empty_admin.client_key) as other:
        assert other.get("/companyInfo").status_code == 200  # limits are per administration


def test_the_global_rate_limit_applies_to_every_administration(
    server: EmulatorServer, api: httpx.Client
) -> None:
    server.set_faults(rate_limit_per_minute=2)
    assert [api.get("/landen").status_code for _ in range(3)] == [200, 200, 429]


def test_random_errors_follow_the_seed(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    def run() -> list[int]:
        server.set_faults(admin.administration_id, error_rate=0.5, seed=123)
        return [api.get("/companyInfo").status_code for _ in range(40)]

    first, second = run(), run()
    assert first == second
    errors = [status for status in first if status != 200]
    assert set(errors) <= {500, 503}
    assert 8 <= len(errors) <= 32


def test_error_bodies_match_the_failing_component(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_faults(admin.administration_id, error_rate=1.0, error_statuses=[500])
    assert api.get("/companyInfo").json() == {"Message": "An error has occurred."}
    server.set_faults(admin.administration_id, error_rate=1.0, error_statuses=[503])
    assert api.get("/companyInfo").json() == {"statusCode": 503, "message": "Service Unavailable"}


def test_fail_next_fails_exactly_n_calls(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_faults(admin.administration_id, fail_next_count=2, fail_next_status=502)
    assert [api.get("/companyInfo").status_code for _ in range(3)] == [502, 502, 200]


def test_an_injected_429_looks_like_the_gateways_throttle(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_faults(admin.administration_id, fail_next_count=1, fail_next_status=429)
    refused = api.get("/companyInfo")
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "1"
    assert refused.json() == {
        "statusCode": 429,
        "message": "Rate limit is exceeded. Try again in 1 seconds.",
    }
    server.set_faults(admin.administration_id, error_rate=1.0, error_statuses=[429])
    assert api.get("/companyInfo").headers["Retry-After"] == "1"
    server.set_faults(admin.administration_id, fail_next_count=1, fail_next_status=503)
    assert "Retry-After" not in api.get("/companyInfo").headers


def test_a_timeout_sleeps_past_the_client_and_changes_nothing(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_faults(admin.administration_id, timeout_rate=1.0, timeout_seconds=1.0)
    with pytest.raises(httpx.ReadTimeout):
        api.post("/relaties", json=klant("Nooit opgeslagen"), timeout=0.3)
    time.sleep(1.0)
    server.set_faults(admin.administration_id)
    names = [row["naam"] for row in api.get("/relaties").json()]
    assert "Nooit opgeslagen" not in names


def test_a_timeout_can_commit_late(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_faults(
        admin.administration_id, timeout_rate=1.0, timeout_seconds=1.0, timeout_commits=True
    )
    with pytest.raises(httpx.ReadTimeout):
        api.post("/relaties", json=klant("Toch opgeslagen"), timeout=0.3)
    server.set_faults(admin.administration_id)
    names = [row["naam"] for row in api.get("/relaties").json()]
    assert "Toch opgeslagen" in names


def test_a_lost_response_commits_and_drops_the_connection(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_faults(admin.administration_id, lost_response_rate=1.0)
    with pytest.raises(httpx.TransportError):
        api.post("/relaties", json=klant("Verloren antwoord"))
    server.set_faults(admin.administration_id)
    names = [row["naam"] for row in api.get("/relaties").json()]
    assert names.count("Verloren antwoord") == 1


def test_a_lost_response_can_be_a_504(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_faults(admin.administration_id, lost_response_rate=1.0, lost_response_mode="504")
    response = api.post("/relaties", json=klant("Gateway timeout"))
    assert response.status_code == 504
    assert response.json() == {"statusCode": 504, "message": "Gateway Timeout"}
    server.set_faults(admin.administration_id)
    assert "Gateway timeout" in [row["naam"] for row in api.get("/relaties").json()]


def test_a_lost_response_leaves_failed_calls_alone(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_faults(admin.administration_id, lost_response_rate=1.0)
    assert api.post("/relaties", json=klant("")).status_code == 400


def test_the_token_endpoint_can_be_included(
    server: EmulatorServer, admin: AdministrationInfo
) -> None:
    server.set_faults(fail_next_count=1, fail_next_status=503, include_token_endpoint=True)
    form = {"grant_type": "clientkey", "clientkey": admin.client_key}
    assert server.http.post(server.token_url, data=form).status_code == 503
    assert server.http.post(server.token_url, data=form).status_code == 200


def test_max_concurrent_refuses_parallel_calls(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.set_faults(admin.administration_id, latency_ms=400, max_concurrent=1)
    headers = dict(api.headers)
    statuses: list[int] = []

    def call() -> None:
        with http_client(base_url=server.base_url, headers=headers) as client:
            statuses.append(client.get("/landen").status_code)

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 429]


def test_bad_fault_settings_are_refused(server: EmulatorServer) -> None:
    response = server._admin_client.put("/faults", json={"error_rate": 2})
    assert response.status_code == 400
    response = server._admin_client.put("/faults", json={"nonsense": 1})
    assert response.status_code == 400


def test_calls_are_counted_per_administration(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.reset_request_count(admin.administration_id)
    api.get("/relaties")
    api.get("/relaties", params={"$skip": "500"})
    relatie = api.get("/relaties").json()[0]
    api.get(f"/relaties/{relatie['id']}")
    counts = server.request_counts(admin.administration_id)
    assert counts["total"] == 4
    assert counts["by_endpoint"] == {"GET /relaties": 3, "GET /relaties/{id}": 1}
    assert server.request_count(admin.administration_id, "GET /relaties") == 3


def test_refusals_of_the_rate_limit_and_injected_faults_are_counted(
    server: EmulatorServer, admin: AdministrationInfo, api: httpx.Client
) -> None:
    server.reset_request_count(admin.administration_id)
    server.set_faults(admin.administration_id, rate_limit_per_minute=2)
    assert [api.get("/landen").status_code for _ in range(3)] == [200, 200, 429]
    server.set_faults(admin.administration_id, fail_next_count=1, fail_next_status=503)
    assert api.get("/landen").status_code == 503
    server.set_faults(admin.administration_id, error_rate=1.0, error_statuses=[429])
    assert api.get("/landen").status_code == 429  # injected, not the limit's: a fault
    server.set_faults(admin.administration_id, lost_response_rate=1.0, lost_response_mode="504")
    assert api.post("/relaties", json=klant("")).status_code == 400  # failed: nothing lost
    assert api.post("/relaties", json=klant("Verloren")).status_code == 504
    server.set_faults(admin.administration_id, timeout_rate=1.0, timeout_seconds=0.01)
    assert api.get("/landen").status_code == 504

    counts = server.request_counts(admin.administration_id)
    assert counts["throttled"] == 1
    assert counts["faults"] == {"fail_next 503": 1, "error 429": 1, "lost": 1, "timeout": 1}
    server.reset_request_count(admin.administration_id)
    assert server.request_counts(admin.administration_id)["throttled"] == 0
