"""Koppelsleutel, subscription key and bearer token, as the client meets them on the emulator."""

from __future__ import annotations

import pytest

from snelstart import AuthenticationError, SnelStartClient, TokenCache
from snelstart_emulator.testing import AdministrationInfo, EmulatorServer
from tests.contract.conftest import Connect, endpoint_counts


class Clock:
    """The client's monotonic clock, moved by hand (the emulator keeps real time for tokens)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_good_koppelsleutel_opens_its_own_administration(
    server: EmulatorServer, client: SnelStartClient, admin: AdministrationInfo
) -> None:
    info = client.company_info()
    assert str(info.administratie_identifier) == admin.administration_id
    assert info.administratie_naam == admin.name
    counts = server.request_counts(admin.administration_id)
    assert (counts["token"], counts["total"]) == (1, 1)
    assert client.stats.by_endpoint["POST token"].requests == 1


def test_a_wrong_koppelsleutel_is_named_as_the_koppelsleutel(
    connect: Connect, admin: AdministrationInfo
) -> None:
    wrong = AdministrationInfo(admin.administration_id, "not-a-real-koppelsleutel")
    client = connect(wrong)
    with pytest.raises(AuthenticationError) as caught:
        client.company_info()
    error = caught.value
    assert error.credential == "koppelsleutel"
    assert error.status == 400
    assert (error.method, error.endpoint) == ("POST", "token")
    assert "koppelsleutel" in error.message
    assert "does not contain a valid value" in error.message  # the emulator's own words
    assert client.stats.requests == 1  # a refused koppelsleutel is not retried


def test_a_revoked_koppelsleutel_stops_working_at_once(
    server: EmulatorServer, client: SnelStartClient, admin: AdministrationInfo
) -> None:
    client.company_info()
    server.revoke_key(admin.client_key)
    with pytest.raises(AuthenticationError) as caught:
        client.company_info()
    # The cached token is refused (401), the client renews once, and the token endpoint then
    # refuses the koppelsleutel itself: the error blames the koppelsleutel, not the token.
    assert caught.value.credential == "koppelsleutel"
    assert caught.value.status == 400
    assert client.stats.by_endpoint["GET /companyInfo"].requests == 2
    assert client.stats.by_endpoint["POST token"].requests == 2


def test_a_wrong_subscription_key_is_named_as_the_subscription_key(
    server: EmulatorServer, connect: Connect, admin: AdministrationInfo
) -> None:
    client = connect(admin, subscription_key="someone-elses-subscription-key")
    with pytest.raises(AuthenticationError) as caught:
        client.company_info()
    error = caught.value
    assert error.credential == "subscription_key"
    assert error.status == 401
    assert (error.method, error.endpoint) == ("GET", "/companyInfo")
    assert "subscription key" in error.message
    assert "Access denied due to invalid subscription key." in error.message
    # The token was fine: no renewal was attempted for a subscription-key refusal.
    assert client.stats.by_endpoint["POST token"].requests == 1
    assert client.stats.by_endpoint["GET /companyInfo"].requests == 1


def test_the_token_is_reused_until_shortly_before_it_expires(
    server: EmulatorServer, connect: Connect, admin: AdministrationInfo
) -> None:
    server.set_settings(token_lifetime_seconds=120)  # expires_in 120: renewed 60 s early
    clock = Clock()
    client = connect(admin, clock=clock)
    client.company_info()
    clock.now += 59.0
    client.company_info()
    assert client.stats.by_endpoint["POST token"].requests == 1
    clock.now += 1.0  # 60 s after the token was issued: within the renewal margin
    client.company_info()
    assert client.stats.by_endpoint["POST token"].requests == 2
    assert client.stats.by_endpoint["GET /companyInfo"].requests == 3  # no call was refused
    assert server.request_counts(admin.administration_id)["token"] == 2


def test_an_expired_token_is_renewed_once_after_the_401(
    server: EmulatorServer, connect: Connect, admin: AdministrationInfo
) -> None:
    # A real token of the emulator that has already expired when the client first uses it.
    server.set_settings(token_lifetime_seconds=0.001)
    expired = server.token(admin.client_key)
    server.set_settings(token_lifetime_seconds=3599)
    cache = TokenCache()
    cache.put(TokenCache.key(server.token_url, admin.client_key), expired, float("inf"))
    client = connect(admin, token_cache=cache)

    assert str(client.company_info().administratie_identifier) == admin.administration_id

    assert client.stats.by_endpoint["GET /companyInfo"].requests == 2  # 401, then success
    assert client.stats.by_endpoint["POST token"].requests == 1
    assert endpoint_counts(server, admin) == {"GET /companyInfo": 1}  # the 401 is not counted
    renewed = cache.get(TokenCache.key(server.token_url, admin.client_key))
    assert renewed is not None and renewed[0] != expired


def test_a_short_token_lifetime_is_renewed_before_every_use_once_it_is_due(
    server: EmulatorServer, connect: Connect, admin: AdministrationInfo
) -> None:
    server.set_settings(token_lifetime_seconds=2)  # expires_in 2: the client keeps it 1 s
    clock = Clock()
    client = connect(admin, clock=clock)
    client.company_info()
    clock.now += 0.5
    client.company_info()
    clock.now += 0.5
    client.company_info()
    assert client.stats.by_endpoint["POST token"].requests == 2
    assert client.stats.by_endpoint["GET /companyInfo"].requests == 3
