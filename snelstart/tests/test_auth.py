"""Token handling: the koppelsleutel grant, caching, renewal, and which credential is blamed."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from snelstart import AuthenticationError
from snelstart.tests.conftest import (
    CLIENT_KEY,
    SUBSCRIPTION_KEY,
    TOKEN_URL,
    FakeSnelStart,
    FakeTime,
    json_response,
)

COMPANY = {"administratieNaam": "Demo BV"}
APIM_INVALID_KEY = {
    "statusCode": 401,
    "message": "Access denied due to invalid subscription key. "
    "Make sure to provide a valid key for an active subscription.",
}
BEARER_DENIED = {"Message": "Authorization has been denied for this request."}


def test_it_requests_the_token_with_the_clientkey_grant_and_no_api_credentials(client, fake):
    fake.add(json_response(200, COMPANY))

    client.company_info()

    [token_request] = fake.token_requests
    assert token_request.method == "POST"
    assert str(token_request.url) == TOKEN_URL
    assert token_request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert fake.form_of(token_request) == {"grant_type": ["clientkey"], "clientkey": [CLIENT_KEY]}
    assert "Ocp-Apim-Subscription-Key" not in token_request.headers
    assert "Authorization" not in token_request.headers


def test_every_api_call_carries_the_bearer_token_and_the_subscription_key(client, fake):
    fake.add(json_response(200, COMPANY))

    client.company_info()

    [api_request] = fake.api_requests
    assert api_request.headers["Authorization"] == "Bearer tok-1"
    assert api_request.headers["Ocp-Apim-Subscription-Key"] == SUBSCRIPTION_KEY
    assert api_request.url.path == "/v2/companyInfo"


def test_it_caches_the_token_between_calls(client, fake):
    fake.default = json_response(200, COMPANY)

    client.company_info()
    client.company_info()
    client.company_info()

    assert len(fake.token_requests) == 1
    assert [r.headers["Authorization"] for r in fake.api_requests] == ["Bearer tok-1"] * 3


def test_it_renews_the_token_60_seconds_before_it_expires(client, fake, fake_time: FakeTime):
    fake.default = json_response(200, COMPANY)
    client.company_info()  # token fetched at t=1000, expires_in 3599

    fake_time.now = 1000 + 3599 - 60 - 0.5
    client.company_info()
    assert len(fake.token_requests) == 1

    fake_time.now = 1000 + 3599 - 60
    client.company_info()
    assert len(fake.token_requests) == 2
    assert fake.api_requests[-1].headers["Authorization"] == "Bearer tok-2"


def test_a_401_renews_the_token_once_and_repeats_the_call(client, fake):
    fake.add(json_response(401, BEARER_DENIED), json_response(200, COMPANY))

    info = client.company_info()

    assert info.administratie_naam == "Demo BV"
    assert len(fake.token_requests) == 2
    assert [r.headers["Authorization"] for r in fake.api_requests] == [
        "Bearer tok-1",
        "Bearer tok-2",
    ]


def test_a_second_401_after_renewal_blames_the_token(client, fake):
    fake.add(json_response(401, BEARER_DENIED), json_response(401, BEARER_DENIED))

    with pytest.raises(AuthenticationError) as caught:
        client.company_info()

    assert caught.value.credential == "token"
    assert caught.value.status == 401
    assert "token" in str(caught.value)
    assert len(fake.token_requests) == 2
    assert len(fake.api_requests) == 2


def test_a_400_from_the_token_endpoint_blames_the_koppelsleutel(client, fake):
    fake.token_answers.append(
        json_response(
            400,
            {
                "error": "GrantType clientkey was found. "
                "Parameter clientkey does not contain a valid value"
            },
        )
    )

    with pytest.raises(AuthenticationError) as caught:
        client.company_info()

    assert caught.value.credential == "koppelsleutel"
    assert "koppelsleutel" in str(caught.value)
    assert "does not contain a valid value" in str(caught.value)
    assert CLIENT_KEY not in str(caught.value)
    assert fake.api_requests == []


def test_an_apim_401_about_the_subscription_key_blames_it_without_renewing(client, fake):
    fake.add(json_response(401, APIM_INVALID_KEY))

    with pytest.raises(AuthenticationError) as caught:
        client.company_info()

    assert caught.value.credential == "subscription_key"
    assert "subscription key" in str(caught.value)
    assert len(fake.token_requests) == 1
    assert len(fake.api_requests) == 1


def test_concurrent_threads_share_one_token_request(client, fake):
    def slow_token(request):
        time.sleep(0.02)  # widen the window in which threads could race
        return fake.issued_token()

    fake.token_answers.append(slow_token)
    fake.default = json_response(200, COMPANY)
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def work() -> None:
        barrier.wait()
        try:
            client.company_info()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(fake.token_requests) == 1
    assert len(fake.api_requests) == 8


def test_credentials_never_reach_logs_errors_or_reprs(client, fake: FakeSnelStart, caplog):
    caplog.set_level(logging.DEBUG)
    fake.add(
        json_response(503, {}),
        json_response(401, BEARER_DENIED),
        json_response(401, BEARER_DENIED),
    )

    with pytest.raises(AuthenticationError) as caught:
        client.company_info()

    secrets = (CLIENT_KEY, SUBSCRIPTION_KEY, "tok-1", "tok-2")
    texts = [repr(client), repr(client._auth), str(caught.value), repr(vars(caught.value))]
    texts += [record.getMessage() + repr(vars(record)) for record in caplog.records]
    assert any("snelstart.retry" in t for t in texts)
    for text in texts:
        for secret in secrets:
            assert secret not in text
