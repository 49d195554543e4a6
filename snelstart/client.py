"""The SnelStart B2B API v2 client: one class, one private request path.

Everything that touches the network goes through :meth:`SnelStartClient._send` (timeouts, rate
limit, retries with back-off, counters, retry logs) and, for API calls,
:meth:`SnelStartClient._request` (credentials, one token renewal on 401, error mapping).
"""

from __future__ import annotations

import logging
import random as random_module
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx

from snelstart import retry
from snelstart.auth import TOKEN_ENDPOINT, TokenCache, TokenProvider
from snelstart.error_bodies import error_for_status, mentions_subscription_key, unauthorized_error
from snelstart.errors import NotFoundError, SnelStartError
from snelstart.events import log_event
from snelstart.jsonvalues import dumps
from snelstart.models import CompanyInfo
from snelstart.ratelimit import RateLimiter
from snelstart.resources import (
    ArtikelenResource,
    ArtikelomzetgroepenResource,
    LandenResource,
    RelatiesResource,
    VerkoopordersjablonenResource,
    VerkoopordersResource,
    decode_error,
    decode_json,
    decode_model,
)
from snelstart.stats import ClientStats

DEFAULT_TOKEN_URL = "https://auth.snelstart.nl/b2b/token"
DEFAULT_BASE_URL = "https://b2bapi.snelstart.nl/v2"
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 25.0
SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key"
USER_AGENT = "simon-snelstart-client/0.1"
#: Characters left readable in query values (OData punctuation); everything else is escaped,
#: notably ``+`` and ``&``. Spaces become %20 as in SnelStart's own examples.
_QUERY_SAFE = "'(),:/"

Params = Sequence[tuple[str, str]]


_ssl_lock = threading.Lock()
_ssl_context: ssl.SSLContext | None = None


def _shared_ssl_context() -> ssl.SSLContext:
    """One SSL context per process: loading the CA bundle costs ~50 ms, and a job makes a new
    client every minute per administration."""
    global _ssl_context
    with _ssl_lock:
        if _ssl_context is None:
            _ssl_context = httpx.create_ssl_context()
        return _ssl_context


class SnelStartClient:
    """Typed client for one SnelStart administration (one koppelsleutel).

    Thread-safe: one instance may serve several threads (token cache, counters and the rate
    limiter are locked). Use as a context manager or call :meth:`close`.

    ``rate_limiter`` takes any object with ``acquire()`` (:class:`~snelstart.ratelimit.RateLimiter`)
    – pass the same one to several clients to share one budget. ``sleep``, ``clock`` (monotonic
    seconds), ``random`` (jitter source in [0, 1)) and ``now`` (aware UTC wall clock, for
    HTTP-date ``Retry-After``) exist so tests run without waiting. ``token_cache`` shares bearer
    tokens between clients of one process (a short-lived client per job would otherwise ask
    for a new token every time).
    """

    def __init__(
        self,
        *,
        client_key: str,
        subscription_key: str,
        token_url: str = DEFAULT_TOKEN_URL,
        base_url: str = DEFAULT_BASE_URL,
        transport: httpx.BaseTransport | None = None,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_attempts: int = retry.DEFAULT_MAX_ATTEMPTS,
        rate_limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        random: Callable[[], float] = random_module.random,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        token_cache: TokenCache | None = None,
    ) -> None:
        if not client_key or not client_key.strip():
            raise ValueError("client_key (the koppelsleutel) is empty")
        if not subscription_key or not subscription_key.strip():
            raise ValueError("subscription_key is empty")
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._subscription_key = subscription_key.strip()
        self._token_url = token_url
        self._base_url = base_url.rstrip("/")
        self._max_attempts = max_attempts
        self._rate_limiter = rate_limiter
        self._sleep = sleep
        self._clock = clock
        self._random = random
        self._now = now
        self._http = httpx.Client(
            transport=transport,
            verify=_shared_ssl_context(),
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )
        self._auth = TokenProvider(
            client_key.strip(),
            self._send_token_request,
            clock,
            token_cache,
            TokenCache.key(token_url, client_key.strip()),
        )
        self.stats = ClientStats()
        self.relaties = RelatiesResource(self)
        self.artikelen = ArtikelenResource(self)
        self.artikelomzetgroepen = ArtikelomzetgroepenResource(self)
        self.landen = LandenResource(self)
        self.verkooporders = VerkoopordersResource(self)
        self.verkoopordersjablonen = VerkoopordersjablonenResource(self)

    def __repr__(self) -> str:  # credentials stay out of reprs and tracebacks
        return f"<SnelStartClient base_url={self._base_url!r}>"

    def __enter__(self) -> SnelStartClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- endpoints on the client itself -------------------------------------------------------

    def company_info(self) -> CompanyInfo:
        """``GET /companyInfo``: which administration the koppelsleutel opens (connection check)."""
        sent = self._request("GET", "/companyInfo", endpoint="/companyInfo")
        return decode_model(CompanyInfo, sent.response, "GET", "/companyInfo")

    def echo(self, text: str) -> str:
        """``GET /echo/{text}``: SnelStart answers the text as a JSON string, or 204 when empty."""
        sent = self._request("GET", "/echo/" + quote(text, safe=""), endpoint="/echo/{input}")
        if sent.response.status_code == 204 or not sent.response.content:
            return ""
        value = decode_json(sent.response, "GET", "/echo/{input}")
        if not isinstance(value, str):
            raise decode_error(sent.response, "GET", "/echo/{input}", "expected a JSON string")
        return value

    # --- the request path ---------------------------------------------------------------------

    def _url(self, path: str, params: Params | None = None) -> str:
        url = self._base_url + path
        if params:
            url += "?" + "&".join(
                f"{key}={quote(str(value), safe=_QUERY_SAFE)}" for key, value in params
            )
        return url

    def _request(
        self,
        method: str,
        path: str,
        *,
        endpoint: str,
        params: Params | None = None,
        body: Any = None,
    ) -> retry.Sent:
        """Send one API call with credentials; return the 2xx answer or raise.

        A 401 that does not blame the subscription key renews the token once and resends.
        DELETE answered "not found" after an ambiguous earlier attempt counts as done.
        """
        call = retry.Call(method, endpoint, body, method in retry.IDEMPOTENT_METHODS)
        url = self._url(path, params)
        content = dumps(body) if body is not None else None
        token = self._auth.token()
        for renewed in (False, True):
            headers = {
                "Authorization": f"Bearer {token}",
                SUBSCRIPTION_KEY_HEADER: self._subscription_key,
            }
            if content is not None:
                headers["Content-Type"] = "application/json"
            sent = self._send(call, url, headers=headers, content=content)
            response = sent.response
            if response.status_code != 401:
                break
            if mentions_subscription_key(response.text):
                raise unauthorized_error("subscription_key", method, endpoint, response.text)
            if renewed:
                raise unauthorized_error("token", method, endpoint, response.text)
            log_event(logging.INFO, "snelstart.token_rejected", method=method, endpoint=endpoint)
            token = self._auth.renew(token)
        if response.is_success:
            return sent
        error = error_for_status(
            response.status_code, method=method, endpoint=endpoint, path=path, text=response.text
        )
        if method == "DELETE" and sent.maybe_repeated and isinstance(error, NotFoundError):
            # The earlier, unanswered attempt deleted it: the caller's goal is reached.
            return sent
        raise error

    def _send_token_request(self, form: dict[str, str]) -> httpx.Response:
        # No subscription key and no Authorization header on the token call (CONTRACT §2.2).
        # Asking for a token has no side effects, so it is retried like a GET, and it is not
        # counted against the API's rate limit (another host).
        call = retry.Call("POST", TOKEN_ENDPOINT, None, idempotent=True, rate_limited=False)
        sent = self._send(call, self._token_url, data=form)
        log_event(logging.INFO, "snelstart.token_requested", status=sent.response.status_code)
        return sent.response

    def _send(
        self,
        call: retry.Call,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
        data: dict[str, str] | None = None,
    ) -> retry.Sent:
        """The retry loop. Returns the first non-transient answer, whatever its status."""
        started = self._clock()
        maybe_repeated = False
        try:
            attempt = 0
            while True:
                attempt += 1
                if call.rate_limited and self._rate_limiter is not None:
                    waiting = self._clock()
                    self._rate_limiter.acquire()
                    self.stats.record_limiter_wait(self._clock() - waiting)
                self.stats.record_request(call.key)
                try:
                    response = self._http.request(
                        call.method, url, headers=headers, content=content, data=data
                    )
                except httpx.TransportError as exc:
                    self.stats.record_status(type(exc).__name__)
                    decision = retry.classify_exception(exc, idempotent=call.idempotent)
                    if decision is None:  # e.g. an unsupported URL scheme: a setup mistake
                        raise SnelStartError(
                            f"{call.key} failed: {exc!r}",
                            method=call.method,
                            endpoint=call.endpoint,
                        ) from exc
                    self._raise_if_final(call, decision, attempt, None, None, exc)
                    delay = retry.backoff_delay(attempt, self._random)
                else:
                    self.stats.record_status(response.status_code)
                    decision = retry.classify_status(
                        response.status_code, idempotent=call.idempotent
                    )
                    if decision is None:
                        return retry.Sent(response, attempt, maybe_repeated)
                    retry_after = retry.retry_after_seconds(response, self._now)
                    self._raise_if_final(call, decision, attempt, response, retry_after)
                    delay = (
                        retry_after
                        if retry_after is not None
                        else retry.backoff_delay(attempt, self._random)
                    )
                maybe_repeated = maybe_repeated or decision.maybe_sent
                log_event(
                    logging.WARNING,
                    "snelstart.retry",
                    method=call.method,
                    endpoint=call.endpoint,
                    attempt=attempt,
                    max_attempts=self._max_attempts,
                    reason=decision.reason,
                    delay_seconds=round(delay, 3),
                )
                self.stats.record_retry(call.key)
                if delay > 0:
                    self._sleep(delay)
        finally:
            self.stats.record_seconds(call.key, self._clock() - started)

    def _raise_if_final(
        self,
        call: retry.Call,
        decision: retry.RetryDecision,
        attempt: int,
        response: httpx.Response | None,
        retry_after: float | None,
        cause: Exception | None = None,
    ) -> None:
        """Raise when this failure must not (a create) or cannot (exhausted) be retried."""
        error = retry.give_up_error(
            decision,
            method=call.method,
            endpoint=call.endpoint,
            payload=call.payload,
            attempt=attempt,
            max_attempts=self._max_attempts,
            response=response,
            retry_after=retry_after,
        )
        if error is None:
            return
        event = "snelstart.outcome_unknown" if decision.outcome_unknown else "snelstart.gave_up"
        log_event(
            logging.ERROR if decision.outcome_unknown else logging.WARNING,
            event,
            method=call.method,
            endpoint=call.endpoint,
            reason=decision.reason,
            attempts=attempt,
            retry_after=retry_after,
        )
        raise error from cause
