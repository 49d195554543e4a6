"""429 storms, 5xx bursts, timeouts and lost responses injected by the emulator, met by the
client's retry loop. Sleeps are recorded, not slept (see conftest); the HTTP is real."""

from __future__ import annotations

import uuid
from datetime import datetime

import httpx
import pytest

from snelstart import (
    Identifier,
    OutcomeUnknownError,
    SnelStartClient,
    TransientError,
    VerkoopOrder,
    VerkoopOrderRegel,
    odata,
)
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer
from tests.contract.conftest import Connect, RecordingTransport, Sleeps, endpoint_counts


def klant_id(raw: httpx.Client) -> str:
    rows = raw.get("/relaties", params={"$filter": "Relatiecode gt 0"}).json()
    return next(row["id"] for row in rows if "Klant" in row["relatiesoort"])


def order(raw: httpx.Client, omschrijving: str) -> VerkoopOrder:
    return VerkoopOrder(
        relatie=Identifier(id=klant_id(raw)),
        datum=datetime(2026, 4, 1),
        omschrijving=omschrijving,
        regels=[VerkoopOrderRegel(omschrijving="Storing verholpen")],
    )


def orders_named(client: SnelStartClient, omschrijving: str) -> list[VerkoopOrder]:
    return list(client.verkooporders.iter(filter=odata.eq("Omschrijving", omschrijving)))


# -- 429 ---------------------------------------------------------------------------------------


def test_a_rate_limited_call_waits_the_retry_after_and_succeeds(
    server: EmulatorServer, connect: Connect, admin: AdministrationInfo, sleeps: Sleeps
) -> None:
    recorder = RecordingTransport()
    client = connect(admin, transport=recorder)
    server.set_faults(admin.administration_id, rate_limit_per_minute=3)
    # While the client waits, the minute passes: the emulator's window is lifted.
    sleeps.then = lambda seconds: server.set_faults(admin.administration_id)
    for _ in range(4):
        client.company_info()

    refused = [x for x in recorder.exchanges if x.status == 429]
    assert len(refused) == 1
    assert refused[0].response_headers["Retry-After"] == "60"
    assert sleeps.delays == [60.0]
    assert (client.stats.retries, client.stats.by_endpoint["GET /companyInfo"].requests) == (1, 5)
    assert endpoint_counts(server, admin) == {"GET /companyInfo": 5}


def test_injected_429s_carry_retry_after_and_are_waited_out(
    server: EmulatorServer, connect: Connect, admin: AdministrationInfo, sleeps: Sleeps
) -> None:
    recorder = RecordingTransport()
    client = connect(admin, transport=recorder)
    client.company_info()
    server.set_faults(admin.administration_id, fail_next_count=2, fail_next_status=429)

    assert len(client.relaties.page(0, 5)) == 5

    refused = [x for x in recorder.exchanges if x.status == 429]
    assert [x.response_headers.get("Retry-After") for x in refused] == ["1", "1"]
    assert sleeps.delays == [1.0, 1.0]
    assert client.stats.by_endpoint["GET /relaties"].retries == 2


def test_a_storm_longer_than_the_tries_is_a_transient_error(
    server: EmulatorServer, client: SnelStartClient, admin: AdministrationInfo, sleeps: Sleeps
) -> None:
    client.company_info()
    server.set_faults(admin.administration_id, fail_next_count=10, fail_next_status=429)
    with pytest.raises(TransientError) as caught:
        client.relaties.page(0, 5)
    error = caught.value
    assert (error.status, error.attempts, error.retry_after) == (429, 4, 1.0)
    assert sleeps.delays == [1.0, 1.0, 1.0]
    assert endpoint_counts(server, admin)["GET /relaties"] == 4


def test_an_hourly_quota_is_not_slept_through(
    server: EmulatorServer, client: SnelStartClient, admin: AdministrationInfo, sleeps: Sleeps
) -> None:
    server.set_faults(admin.administration_id, rate_limit_per_hour=1)
    client.company_info()
    with pytest.raises(TransientError) as caught:
        client.company_info()
    error = caught.value
    assert (error.status, error.attempts, error.retry_after) == (429, 1, 3600.0)
    assert "Rate limit is exceeded. Try again in 3600 seconds." in (error.body or "")
    assert sleeps.delays == []  # a job queue reschedules with error.retry_after instead


# -- 5xx and timeouts -----------------------------------------------------------------------------


def test_a_burst_of_503_on_a_get_is_retried_with_back_off(
    server: EmulatorServer, client: SnelStartClient, admin: AdministrationInfo, sleeps: Sleeps
) -> None:
    client.company_info()
    server.set_faults(admin.administration_id, fail_next_count=3, fail_next_status=503)
    assert len(client.relaties.page(0, 5)) == 5
    assert sleeps.delays == [0.5, 1.0, 2.0]  # jitter 0.5 × 1, 2, 4 s
    stats = client.stats.by_endpoint["GET /relaties"]
    assert (stats.requests, stats.retries) == (4, 3)
    assert endpoint_counts(server, admin)["GET /relaties"] == 4


def test_a_500_that_outlasts_the_tries_is_a_transient_error_with_its_body(
    server: EmulatorServer, client: SnelStartClient, admin: AdministrationInfo
) -> None:
    client.company_info()
    server.set_faults(admin.administration_id, fail_next_count=4, fail_next_status=500)
    with pytest.raises(TransientError) as caught:
        client.artikelen.page(0, 5)
    error = caught.value
    assert (error.status, error.attempts, error.retry_after) == (500, 4, None)
    assert error.body == '{"Message": "An error has occurred."}'


def test_random_5xx_are_retried_and_the_list_is_complete(
    server: EmulatorServer, connect: Connect, sleeps: Sleeps
) -> None:
    info = server.create_administration(seed=21, customers=200, suppliers=0, articles=3, orders=0)
    clean = [r.id for r in connect(info).relaties.iter(page_size=20, read_ahead=1)]
    server.reset_request_count(info.administration_id)
    server.set_faults(info.administration_id, error_rate=0.3, seed=4)
    client = connect(info)

    assert [r.id for r in client.relaties.iter(page_size=20, read_ahead=1)] == clean

    pages = len(clean) // 20 + 1
    sent = endpoint_counts(server, info)["GET /relaties"]
    assert client.stats.by_endpoint["GET /relaties"].requests == sent
    assert client.stats.by_endpoint["GET /relaties"].retries == sent - pages
    assert len(sleeps.delays) == sent - pages > 0
    assert set(sleeps.delays) <= {0.5, 1.0, 2.0}


def test_a_read_timeout_is_retried_then_reported(
    server: EmulatorServer, connect: Connect, admin: AdministrationInfo
) -> None:
    client = connect(admin, read_timeout=0.1)
    client.company_info()
    server.set_faults(admin.administration_id, timeout_rate=1.0, timeout_seconds=0.4)
    with pytest.raises(TransientError) as caught:
        client.company_info()
    assert (caught.value.status, caught.value.attempts) == (None, 4)
    assert "ReadTimeout" in caught.value.message
    assert client.stats.by_endpoint["GET /companyInfo"].retries == 3


def test_a_put_under_a_503_is_retried(
    server: EmulatorServer, client: SnelStartClient, raw: httpx.Client, admin: AdministrationInfo
) -> None:
    created = client.verkooporders.create(order(raw, "PUT onder 503"))
    assert created.id is not None
    server.set_faults(admin.administration_id, fail_next_count=1, fail_next_status=503)
    updated = client.verkooporders.update(created.id, created.model_copy(update={"memo": "m"}))
    assert updated.memo == "m"
    assert client.stats.by_endpoint["PUT /verkooporders/{id}"].retries == 1


# -- creates whose outcome is unknown ----------------------------------------------------------


def test_a_post_answered_503_is_outcome_unknown_and_was_not_stored(
    server: EmulatorServer, client: SnelStartClient, raw: httpx.Client, admin: AdministrationInfo
) -> None:
    omschrijving = f"Onbekende uitkomst {uuid.uuid4()}"
    sent = order(raw, omschrijving)
    client.company_info()
    server.set_faults(admin.administration_id, fail_next_count=1, fail_next_status=503)

    with pytest.raises(OutcomeUnknownError) as caught:
        client.verkooporders.create(sent)

    error = caught.value
    assert (error.status, error.method, error.endpoint) == (503, "POST", "/verkooporders")
    assert error.payload == sent.to_payload()
    stats = client.stats.by_endpoint["POST /verkooporders"]
    assert (stats.requests, stats.retries) == (1, 0)  # a create is never resent blindly
    assert orders_named(client, omschrijving) == []  # the emulator failed before storing it


@pytest.mark.parametrize(("mode", "status"), [("drop", None), ("504", 504)])
def test_a_post_whose_answer_is_lost_is_outcome_unknown_and_stored_once(
    server: EmulatorServer,
    client: SnelStartClient,
    raw: httpx.Client,
    admin: AdministrationInfo,
    mode: str,
    status: int | None,
) -> None:
    omschrijving = f"Verloren antwoord {mode} {uuid.uuid4()}"
    sent = order(raw, omschrijving)
    client.company_info()
    server.set_faults(admin.administration_id, lost_response_rate=1.0, lost_response_mode=mode)

    with pytest.raises(OutcomeUnknownError) as caught:
        client.verkooporders.create(sent)

    server.set_faults(admin.administration_id)
    error = caught.value
    assert error.status == status
    assert error.payload == sent.to_payload()
    assert "Look the object up before sending it again." in error.message
    stats = client.stats.by_endpoint["POST /verkooporders"]
    assert (stats.requests, stats.retries) == (1, 0)
    found = orders_named(client, omschrijving)
    assert len(found) == 1  # committed exactly once: looking it up is how the caller recovers
    assert found[0].regels is not None
    assert [r.omschrijving for r in found[0].regels] == ["Storing verholpen"]
    assert endpoint_counts(server, admin)["POST /verkooporders"] == 1


def test_a_delete_whose_answer_is_lost_is_done_when_the_retry_finds_nothing(
    server: EmulatorServer, client: SnelStartClient, raw: httpx.Client, admin: AdministrationInfo
) -> None:
    created = client.verkooporders.create(order(raw, "Weg ermee"))
    assert created.id is not None
    server.set_faults(admin.administration_id, lost_response_rate=1.0, lost_response_mode="drop")

    client.verkooporders.delete(created.id)  # attempt 1 deletes, its answer is cut; 2 gets 404

    server.set_faults(admin.administration_id)
    assert raw.get(f"/verkooporders/{created.id}").status_code == 404
    assert client.stats.by_endpoint["DELETE /verkooporders/{id}"].retries == 1
    assert endpoint_counts(server, admin)["DELETE /verkooporders/{id}"] == 2


def test_a_timed_out_post_that_was_committed_late_is_found_once(
    server: EmulatorServer, connect: Connect, raw: httpx.Client, admin: AdministrationInfo
) -> None:
    client = connect(admin, read_timeout=0.1)
    omschrijving = f"Te laat {uuid.uuid4()}"
    client.company_info()
    server.set_faults(
        admin.administration_id, timeout_rate=1.0, timeout_seconds=0.3, timeout_commits=True
    )
    with pytest.raises(OutcomeUnknownError) as caught:
        client.verkooporders.create(order(raw, omschrijving))
    server.set_faults(admin.administration_id)
    assert caught.value.status is None
    assert "ReadTimeout" in caught.value.message
    assert len(orders_named(client, omschrijving)) == 1
