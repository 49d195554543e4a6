"""Retry policy: what is retried, how long to wait, and when to give up.

The loop itself lives in :meth:`snelstart.client.SnelStartClient._send`; this module holds the
constants and the pure computations so they can be read and tested on their own.

Writes need care because SnelStart has no idempotency key (CONTRACT §10): a POST that may have
reached the server is never resent (:class:`~snelstart.errors.OutcomeUnknownError` instead).
PUT (full replacement) and DELETE are idempotent and are retried like GET.
"""

from __future__ import annotations

import contextlib
import email.utils
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

import httpx

from snelstart.errors import OutcomeUnknownError, SnelStartError, TransientError

#: Total attempts per call (first try included), unless the client is given ``max_attempts``.
DEFAULT_MAX_ATTEMPTS = 4
#: Full-jitter exponential back-off: attempt n waits uniform(0, min(MAX, BASE * 2**(n-1))) s.
BACKOFF_BASE_SECONDS = 1.0
BACKOFF_MAX_SECONDS = 30.0
#: A Retry-After longer than this is not slept through: the call fails with TransientError
#: carrying ``retry_after`` so a job queue can reschedule (hourly quotas can ask for minutes).
MAX_RETRY_AFTER_SECONDS = 60.0

#: Status codes answered by the gateway before the request was processed: safe for every method.
RETRY_ANY_METHOD_STATUSES = frozenset({429})
#: Status codes after which the request may have been processed: retried for idempotent methods.
RETRY_IDEMPOTENT_STATUSES = frozenset({500, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})

#: Failures where the request never left this machine: safe to retry for every method.
NOT_SENT_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
#: Failures after (part of) the request may have reached the server.
MAYBE_SENT_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)


class Sent(NamedTuple):
    response: httpx.Response
    attempts: int
    #: A retry followed a failure after which the earlier attempt may have been applied.
    maybe_repeated: bool


@dataclass(frozen=True)
class Call:
    """What the retry loop needs to know about one logical call."""

    method: str
    endpoint: str  # a template such as "/relaties/{id}": stats and logs key on it
    payload: Any  # the request body, handed back in OutcomeUnknownError
    #: Safe to repeat after it may have been applied (GET/PUT/DELETE, the token request).
    idempotent: bool
    rate_limited: bool = True

    @property
    def key(self) -> str:
        return f"{self.method} {self.endpoint}"


@dataclass(frozen=True)
class RetryDecision:
    retry: bool
    #: The failed attempt may have reached the server and been applied.
    maybe_sent: bool
    reason: str

    @property
    def outcome_unknown(self) -> bool:
        """A non-idempotent request that may have been applied: never resend it blindly."""
        return self.maybe_sent and not self.retry


def classify_status(status: int, *, idempotent: bool) -> RetryDecision | None:
    """None for a final answer; otherwise whether to retry this transient status.

    ``idempotent`` is True for GET/PUT/DELETE (and the token request); False for a create.
    """
    if status in RETRY_ANY_METHOD_STATUSES:
        return RetryDecision(True, False, f"status {status}")
    if status in RETRY_IDEMPOTENT_STATUSES:
        return RetryDecision(idempotent, True, f"status {status}")
    return None


def classify_exception(exc: Exception, *, idempotent: bool) -> RetryDecision | None:
    """None when ``exc`` is not a transport failure we know how to handle."""
    name = type(exc).__name__
    if isinstance(exc, NOT_SENT_EXCEPTIONS):
        return RetryDecision(True, False, name)
    if isinstance(exc, MAYBE_SENT_EXCEPTIONS):
        return RetryDecision(idempotent, True, name)
    return None


def backoff_delay(
    attempt: int,
    random: Callable[[], float],
    *,
    base: float = BACKOFF_BASE_SECONDS,
    cap: float = BACKOFF_MAX_SECONDS,
) -> float:
    """Full jitter: a uniform draw in [0, min(cap, base * 2**(attempt-1))].

    ``attempt`` is the number of the attempt that just failed (1 for the first). ``random`` returns
    a float in [0, 1); injecting it makes the schedule exact in tests.
    """
    ceiling = min(cap, base * (2.0 ** (attempt - 1)))
    return random() * ceiling


def retry_after_seconds(response: httpx.Response, now: Callable[[], datetime]) -> float | None:
    """Seconds to wait according to ``Retry-After`` (delta-seconds or an HTTP date), else None.

    For an HTTP date the wait is measured against the response's own ``Date`` header when present,
    so a skewed local clock does not matter; otherwise against ``now()`` (aware UTC).
    """
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        target = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    reference = now()
    server_date = response.headers.get("Date")
    if server_date:
        with contextlib.suppress(TypeError, ValueError):
            reference = email.utils.parsedate_to_datetime(server_date)
    if target.tzinfo is None:
        target = target.replace(tzinfo=UTC)
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=UTC)
    return max(0.0, (target - reference).total_seconds())


def give_up_error(
    decision: RetryDecision,
    *,
    method: str,
    endpoint: str,
    payload: Any,
    attempt: int,
    max_attempts: int,
    response: httpx.Response | None,
    retry_after: float | None,
) -> SnelStartError | None:
    """The error ending the loop, or None when another attempt may be made."""
    details: dict[str, Any] = {
        "status": response.status_code if response is not None else None,
        "method": method,
        "endpoint": endpoint,
        "body": response.text if response is not None else None,
    }
    if decision.outcome_unknown:
        return OutcomeUnknownError(
            f"The outcome of {method} {endpoint} is unknown ({decision.reason}): SnelStart may "
            "have applied it. Look the object up before sending it again.",
            payload=payload,
            **details,
        )
    too_long = retry_after is not None and retry_after > MAX_RETRY_AFTER_SECONDS
    if attempt < max_attempts and not too_long:
        return None
    why = f"Retry-After {retry_after:g} s is too long" if too_long else "retries exhausted"
    return TransientError(
        f"{method} {endpoint} failed temporarily ({decision.reason}) after {attempt} "
        f"attempt(s); {why}.",
        attempts=attempt,
        retry_after=retry_after,
        **details,
    )
