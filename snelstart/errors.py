"""The one error hierarchy of the SnelStart client.

Every failure raises; no method returns an empty result on failure.

    SnelStartError
    ├── TransientError          retries exhausted (429, 5xx, timeouts, connection errors)
    ├── OutcomeUnknownError     a POST may or may not have been applied; look it up first
    ├── AuthenticationError     .credential says which one is wrong
    ├── MalformedResponseError  2xx with unparseable JSON or a body that does not fit the model
    └── RequestError            any other 4xx; permanent, resending will not help
        ├── ForbiddenError      403: the koppeling lacks a scope
        ├── NotFoundError       404, or 400 VOR-0001/REL-0005/ART-0001 for the object in the URL
        └── ValidationError     400 with SnelStart's error array (or an ASP.NET modelState)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

#: Error bodies are kept in exceptions for diagnosis, cut to this many characters.
BODY_EXCERPT_LIMIT = 2000

Credential = Literal["koppelsleutel", "subscription_key", "token"]


@dataclass(frozen=True)
class ErrorDetail:
    """One entry of SnelStart's error array: ``{"errorCode", "message", "details"}``."""

    code: str | None
    message: str
    details: Any = None
    #: The model field the error is about (lowerCamelCase, dotted for nested), when derivable.
    field: str | None = None


def truncate(text: str | None, limit: int = BODY_EXCERPT_LIMIT) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[:limit] + f"… [{len(text) - limit} more characters]"


class SnelStartError(Exception):
    """Base class. ``status``/``method``/``endpoint`` are set when an HTTP exchange took place."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        method: str | None = None,
        endpoint: str | None = None,
        body: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.method = method
        self.endpoint = endpoint
        self.body = truncate(body)


class TransientError(SnelStartError):
    """A temporary failure that survived all retries; the same call may succeed later.

    ``status`` is the last HTTP status (None for a timeout or connection error), ``attempts``
    how many requests were sent, ``retry_after`` the server's requested wait in seconds when it
    asked for one (a caller such as a job queue can reschedule with it).
    """

    def __init__(
        self, message: str, *, attempts: int, retry_after: float | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.attempts = attempts
        self.retry_after = retry_after


class OutcomeUnknownError(SnelStartError):
    """A create (POST) may have reached SnelStart but no answer came back.

    SnelStart has no idempotency key, so sending again could create a duplicate. Look the object
    up (e.g. by ``orderreferentie``) before deciding to send ``payload`` again.
    """

    def __init__(self, message: str, *, payload: Any, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.payload = payload


class AuthenticationError(SnelStartError):
    """A credential was refused. ``credential`` names it:

    * ``"koppelsleutel"`` – the token endpoint refused the customer's koppelsleutel (client key);
    * ``"subscription_key"`` – API Management refused the partner's subscription key;
    * ``"token"`` – the API refused a freshly issued bearer token.
    """

    def __init__(self, message: str, *, credential: Credential, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.credential: Credential = credential


class MalformedResponseError(SnelStartError):
    """A successful status with a body that is not JSON or does not fit the expected model.

    For list pages ``index`` is the position of the offending record and ``record`` its raw JSON.
    """

    def __init__(
        self, message: str, *, index: int | None = None, record: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.index = index
        self.record = record


class RequestError(SnelStartError):
    """A 4xx that retrying will not fix. ``codes`` holds any SnelStart error codes found."""

    def __init__(self, message: str, *, codes: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.codes = codes


class ForbiddenError(RequestError):
    """403: the token lacks the scope the operation needs (e.g. ``orders:write``)."""


class NotFoundError(RequestError):
    """The object addressed by the URL does not exist (or is inactive)."""


class ValidationError(RequestError):
    """400 with SnelStart's validation errors.

    ``errors`` lists every entry; ``field_errors`` maps a field (lowerCamelCase, dotted for
    nested objects) to its messages for the entries whose field could be derived.
    """

    def __init__(self, message: str, *, errors: list[ErrorDetail], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.errors = errors

    @property
    def field_errors(self) -> dict[str, list[str]]:
        mapping: dict[str, list[str]] = {}
        for error in self.errors:
            if error.field:
                mapping.setdefault(error.field, []).append(error.message)
        return mapping
