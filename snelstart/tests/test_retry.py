"""The retry loop: what is retried, how long it waits, and what a create never does."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from snelstart import (
    Identifier,
    NotFoundError,
    OutcomeUnknownError,
    TransientError,
    VerkoopOrder,
    VerkoopOrderRegel,
)
from snelstart.retry import backoff_delay
from snelstart.tests.conftest import json_response

RELATIE_ID = "0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10"
ORDER_ID = "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


def _order() -> VerkoopOrder:
    return VerkoopOrder(
        relatie=Identifier(id=RELATIE_ID),
        datum=datetime(2025, 3, 14),
        regels=[VerkoopOrderRegel(aantal=Decimal("2"), stuksprijs=Decimal("12.50"))],
    )


def _created() -> httpx.Response:
    return json_response(201, {"id": ORDER_ID, "nummer": 1001, "relatie": {"id": RELATIE_ID}})


def test_backoff_is_exponential_with_full_jitter_and_a_cap():
    assert [backoff_delay(n, lambda: 1.0) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]
    assert [backoff_delay(n, lambda: 0.25) for n in (1, 2, 3)] == [0.25, 0.5, 1.0]
    assert backoff_delay(3, lambda: 0.0) == 0.0


def test_a_429_with_retry_after_seconds_sleeps_exactly_that_long(client, fake, fake_time):
    fake.add(json_response(429, {"statusCode": 429}, {"Retry-After": "3"}), json_response(200, {}))

    client.company_info()

    assert fake_time.sleeps == [3.0]
    assert len(fake.api_requests) == 2
    assert client.stats.retries == 1
    assert client.stats.by_endpoint["GET /companyInfo"].retries == 1


def test_a_429_with_an_http_date_waits_until_that_date_by_the_servers_clock(
    client, fake, fake_time
):
    headers = {
        "Retry-After": "Wed, 21 Oct 2015 07:28:05 GMT",
        "Date": "Wed, 21 Oct 2015 07:28:00 GMT",
    }
    fake.add(json_response(429, {}, headers), json_response(200, {}))

    client.company_info()

    assert fake_time.sleeps == [5.0]


def test_an_http_date_without_a_date_header_is_measured_against_now(make_client, fake, fake_time):
    client = make_client(now=lambda: datetime(2015, 10, 21, 7, 28, 1, tzinfo=UTC))
    fake.add(
        json_response(429, {}, {"Retry-After": "Wed, 21 Oct 2015 07:28:05 GMT"}),
        json_response(200, {}),
    )

    client.company_info()

    assert fake_time.sleeps == [4.0]


def test_503_twice_then_200_follows_the_backoff_schedule(client, fake, fake_time):
    fake.add(json_response(503, {}), json_response(503, {}), json_response(200, {}))

    client.company_info()

    # random() is 0.5: half of 1 s, then half of 2 s
    assert fake_time.sleeps == [0.5, 1.0]
    assert client.stats.by_endpoint["GET /companyInfo"].requests == 3
    assert client.stats.retries == 2


def test_exhausted_retries_raise_transient_error_with_the_attempt_count(client, fake, fake_time):
    fake.default = json_response(503, {"Message": "busy"})

    with pytest.raises(TransientError) as caught:
        client.relaties.get(RELATIE_ID)

    assert caught.value.attempts == 4
    assert caught.value.status == 503
    assert caught.value.endpoint == "/relaties/{id}"
    assert len(fake.api_requests) == 4
    assert fake_time.sleeps == [0.5, 1.0, 2.0]


def test_max_attempts_is_configurable(make_client, fake, fake_time):
    client = make_client(max_attempts=2)
    fake.default = json_response(502, {})

    with pytest.raises(TransientError) as caught:
        client.company_info()

    assert caught.value.attempts == 2
    assert len(fake.api_requests) == 2


def test_a_retry_after_beyond_the_limit_fails_at_once_with_the_wait(client, fake, fake_time):
    fake.add(json_response(429, {}, {"Retry-After": "3600"}))

    with pytest.raises(TransientError) as caught:
        client.company_info()

    assert caught.value.retry_after == 3600
    assert caught.value.status == 429
    assert caught.value.attempts == 1
    assert fake_time.sleeps == []


def test_connect_errors_and_read_timeouts_on_a_get_are_retried(client, fake, fake_time):
    fake.add(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), json_response(200, {}))

    client.company_info()

    assert len(fake.api_requests) == 3
    assert fake_time.sleeps == [0.5, 1.0]


def test_timeouts_that_never_end_raise_transient_error_without_a_status(client, fake):
    fake.default = httpx.ConnectTimeout("no route")

    with pytest.raises(TransientError) as caught:
        client.company_info()

    assert caught.value.status is None
    assert caught.value.attempts == 4
    assert isinstance(caught.value.__cause__, httpx.ConnectTimeout)


def test_a_post_read_timeout_is_outcome_unknown_and_sent_exactly_once(client, fake, fake_time):
    fake.add(httpx.ReadTimeout("no answer"))
    order = _order()

    with pytest.raises(OutcomeUnknownError) as caught:
        client.verkooporders.create(order)

    assert fake.calls() == ["POST /v2/verkooporders"]
    assert caught.value.endpoint == "/verkooporders"
    assert caught.value.method == "POST"
    assert caught.value.payload == order.to_payload()
    assert "unknown" in str(caught.value)
    assert fake_time.sleeps == []


@pytest.mark.parametrize(
    "failure",
    [
        json_response(500, {"Message": "An error has occurred."}),
        json_response(503, {}),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.WriteTimeout("stuck"),
    ],
    ids=["500", "503", "dropped", "write-timeout"],
)
def test_a_post_that_may_have_been_sent_is_never_resent(client, fake, failure):
    fake.add(failure, _created())

    with pytest.raises(OutcomeUnknownError):
        client.verkooporders.create(_order())

    assert fake.calls() == ["POST /v2/verkooporders"]


def test_a_post_answered_429_is_retried(client, fake, fake_time):
    fake.add(json_response(429, {}, {"Retry-After": "2"}), _created())

    created = client.verkooporders.create(_order())

    assert str(created.id) == ORDER_ID
    assert fake.calls() == ["POST /v2/verkooporders", "POST /v2/verkooporders"]
    assert fake_time.sleeps == [2.0]


def test_a_post_that_could_not_connect_is_retried(client, fake):
    fake.add(httpx.ConnectError("refused"), _created())

    created = client.verkooporders.create(_order())

    assert created.nummer == 1001
    assert len(fake.api_requests) == 2


def test_a_put_is_retried_after_a_5xx(client, fake):
    fake.add(json_response(502, {}), json_response(200, {"id": ORDER_ID}))

    client.verkooporders.update(ORDER_ID, _order())

    assert fake.calls() == [f"PUT /v2/verkooporders/{ORDER_ID}"] * 2


def test_a_delete_found_gone_after_an_unanswered_attempt_counts_as_done(client, fake):
    fake.add(httpx.ReadTimeout("no answer"), json_response(404, {"Message": "Not found"}))

    client.verkooporders.delete(ORDER_ID)

    assert fake.calls() == [f"DELETE /v2/verkooporders/{ORDER_ID}"] * 2


def test_a_delete_of_an_unknown_order_is_not_found(client, fake):
    fake.add(json_response(404, {"Message": "Not found"}))

    with pytest.raises(NotFoundError):
        client.verkooporders.delete(ORDER_ID)


def test_the_token_request_is_retried_on_a_timeout(client, fake, fake_time):
    fake.token_answers.append(httpx.ReadTimeout("slow"))
    fake.add(json_response(200, {}))

    client.company_info()

    assert len(fake.token_requests) == 2
    assert fake_time.sleeps == [0.5]


def test_each_retry_logs_one_structured_event(client, fake, caplog):
    caplog.set_level(logging.WARNING, logger="snelstart.client")
    fake.add(json_response(503, {}), json_response(200, {}))

    client.company_info()

    [record] = [r for r in caplog.records if getattr(r, "event", None) == "snelstart.retry"]
    assert record.endpoint == "/companyInfo"
    assert record.method == "GET"
    assert record.attempt == 1
    assert record.reason == "status 503"
    assert record.delay_seconds == 0.5


def test_stats_count_requests_and_time_per_endpoint(client, fake, fake_time):
    fake.add(json_response(429, {}, {"Retry-After": "3"}), json_response(200, {"id": RELATIE_ID}))
    fake.add(json_response(200, {"id": RELATIE_ID}))

    client.relaties.get(RELATIE_ID)
    client.relaties.get(RELATIE_ID)

    stats = client.stats.by_endpoint["GET /relaties/{id}"]
    assert (stats.requests, stats.retries, stats.seconds) == (3, 1, 3.0)
    assert client.stats.by_endpoint["POST token"].requests == 1
    assert client.stats.requests == 4
    assert client.stats.by_status == {"200": 3, "429": 1}  # the token's 200 included


def test_stats_count_failures_without_an_answer_and_the_wait_for_the_limiter(
    make_client, fake, fake_time
):
    class SlowLimiter:
        def acquire(self) -> None:
            fake_time.sleep(0.25)

    fake.add(httpx.ConnectError("refused"), json_response(200, {"id": RELATIE_ID}))
    client = make_client(rate_limiter=SlowLimiter(), random=lambda: 0.0)

    client.relaties.get(RELATIE_ID)

    assert client.stats.by_status == {"200": 2, "ConnectError": 1}
    assert client.stats.limiter_seconds == 0.5  # two API attempts; the token is not limited
