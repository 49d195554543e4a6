"""The four error body shapes of CONTRACT §9.2 and the exception that carries them.

1. validation array  `[{"errorCode", "message", "details"}]`     (business rules, most 400s)
2. framework object  `{"Message": …}`                            (OData, 401 bearer, 403, 404)
3. model state       `{"message", "modelState": {path: [..]}}`    (JSON values of the wrong type,
                                                                   missing [Required] fields)
4. gateway (APIM)    `{"statusCode", "message"}`                  (subscription key, 429, 502-504)
"""

from __future__ import annotations

from typing import Any

from snelstart_emulator.codes import message_for


class ApiError(Exception):
    """An HTTP answer other than success; raised anywhere below a request handler."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status}: {body!r}")
        self.status = status
        self.body = body
        self.headers = headers or {}


def error_item(code: str, message: str | None = None, details: Any = None) -> dict[str, Any]:
    return {"errorCode": code, "message": message or message_for(code), "details": details}


def validation_error(items: list[dict[str, Any]], status: int = 400) -> ApiError:
    """Shape 1."""
    return ApiError(status, items)


def codes_error(*codes: str) -> ApiError:
    return validation_error([error_item(code) for code in codes])


def message_error(status: int, message: str) -> ApiError:
    """Shape 2 (ASP.NET Web API HttpError)."""
    return ApiError(status, {"Message": message})


def model_state_error(model_state: dict[str, list[str]]) -> ApiError:
    """Shape 3 (ASP.NET ModelState, camel-cased keys as the JSON formatter writes them)."""
    return ApiError(400, {"message": "The request is invalid.", "modelState": model_state})


def gateway_body(status: int, message: str) -> dict[str, Any]:
    """Shape 4 (Azure API Management)."""
    return {"statusCode": status, "message": message}


def gateway_error(status: int, message: str, headers: dict[str, str] | None = None) -> ApiError:
    return ApiError(status, gateway_body(status, message), headers)


NOT_AUTHORIZED = "Authorization has been denied for this request."

SUBSCRIPTION_MISSING = (
    "Access denied due to missing subscription key. "
    "Make sure to include subscription key when making requests to an API."
)
SUBSCRIPTION_INVALID = (
    "Access denied due to invalid subscription key. "
    "Make sure to provide a valid key for an active subscription."
)


def not_found(kind: str, ident: str) -> ApiError:
    return message_error(404, f"{kind} met id '{ident}' is niet gevonden.")


#: `Retry-After` of an injected 429 (fail-next or a random error status): the gateway's throttle
#: always names a wait, and a client that honours it must be testable with injected 429s too.
INJECTED_RETRY_AFTER_SECONDS = 1


def fault_body(status: int) -> Any:
    """The body an injected failure carries: what the component that fails would write."""
    if status == 500:
        return {"Message": "An error has occurred."}
    if status == 429:
        wait = INJECTED_RETRY_AFTER_SECONDS
        return gateway_body(429, f"Rate limit is exceeded. Try again in {wait} seconds.")
    if 400 <= status < 500:
        return [error_item("ALG-0102")]
    texts = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
    return gateway_body(status, texts.get(status, "Backend service error"))


def fault_headers(status: int) -> dict[str, str]:
    """Headers of an injected failure: a 429 says how long to wait, as the gateway's does."""
    return {"Retry-After": str(INJECTED_RETRY_AFTER_SECONDS)} if status == 429 else {}
