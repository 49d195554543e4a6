"""The API gateway in front of `/v2` and `/b2b/token`: what Azure API Management and the
ASP.NET pipeline do before a controller runs, plus the fault knobs.

Order for an API call: subscription key (401 APIM) → bearer token (401) → count the call →
rate limit / concurrency (429) → latency → fail-next → random fault (error, timeout,
lost response) → the resource handler.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import time
from bisect import bisect_right
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from snelstart_emulator.auth import AuthContext, authenticate, check_subscription
from snelstart_emulator.errors import ApiError, fault_body, fault_headers, gateway_body
from snelstart_emulator.faults import FaultConfig
from snelstart_emulator.state import Administration, RequestCounter, Store

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# ASP.NET routes are case-insensitive; map path words to the spelling the router uses.
_ROUTE_WORDS = {
    word.lower(): word
    for word in (
        "companyInfo", "echo", "relaties", "artikelen", "artikelomzetgroepen", "verkooporders",
        "verkoopordersjablonen", "landen", "ProcesStatus", "customFields", "prijsafspraken",
    )
}  # fmt: skip
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
LOST_MESSAGE = "ASGI callable returned without completing response."


class _QuietLostResponses(logging.Filter):
    """Hide uvicorn's log line for responses the lost-response fault cuts off on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != LOST_MESSAGE


logging.getLogger("uvicorn.error").addFilter(_QuietLostResponses())


def normalize_path(path: str) -> str:
    segments = path.split("/")
    # ['', 'v2', resource, id, sub]; the echo input is left exactly as sent.
    for index in (2, 4):
        if index < len(segments) and not (index == 4 and segments[2].lower() == "echo"):
            segments[index] = _ROUTE_WORDS.get(segments[index].lower(), segments[index])
    if len(segments) > 3 and _GUID.match(segments[3]):
        segments[3] = segments[3].lower()
    return "/".join(segments)


def endpoint_name(method: str, path: str) -> str:
    """`GET /relaties/{id}`: the counter key of a call."""
    segments = path.split("/")[2:]
    if segments and segments[0] == "echo":
        return f"{method} /echo/{{input}}"
    named = ["{id}" if _GUID.match(s) else s for s in segments]
    return f"{method} /{'/'.join(named)}"


async def send_json(
    send: Send, status: int, body: Any, headers: dict[str, str] | None = None
) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode()
    raw_headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(payload)).encode()),
    ]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": payload})


def rate_limited(admin: Administration, faults: FaultConfig, now: float) -> ApiError | None:
    """Sliding windows of 60 s and 3600 s over the calls this administration made."""
    per_minute, per_hour = faults.rate_limit_per_minute, faults.rate_limit_per_hour
    calls = admin.calls
    if per_minute is None and per_hour is None:
        calls.clear()
        return None
    while calls and calls[0] <= now - 3600:
        calls.popleft()
    for limit, window in ((per_minute, 60.0), (per_hour, 3600.0)):
        if limit is None:
            continue
        first = bisect_right(calls, now - window)
        if len(calls) - first >= limit:
            wait = max(1, math.ceil(calls[first] + window - now)) if len(calls) > first else 1
            message = f"Rate limit is exceeded. Try again in {wait} seconds."
            return ApiError(429, gateway_body(429, message), {"Retry-After": str(wait)})
    calls.append(now)
    return None


class Gateway:
    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope["path"]
            if path == "/v2" or path.startswith("/v2/"):
                await self._api(scope, receive, send)
                return
            if path.rstrip("/") == "/b2b/token" and self.store.faults.include_token_endpoint:
                await self._faulty(scope, receive, send, self.store.faults)
                return
        await self.app(scope, receive, send)

    async def _api(self, scope: Scope, receive: Receive, send: Send) -> None:
        store = self.store
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        path = normalize_path(scope["path"])
        context: AuthContext | None = None
        try:
            check_subscription(store, headers, query)
            try:
                context = authenticate(store, headers.get("authorization"))
            except ApiError:
                if store.settings.echo_requires_token or not path.startswith("/v2/echo"):
                    raise
        except ApiError as error:
            await send_json(send, error.status, error.body, error.headers)
            return
        admin = context.administration if context else None
        faults = store.faults_for(admin)
        if admin is not None:
            admin.counter.total += 1
            admin.counter.by_endpoint[endpoint_name(scope["method"], path)] += 1
            refusal = rate_limited(admin, faults, time.monotonic())
            if (
                refusal is None
                and faults.max_concurrent is not None
                and admin.in_flight >= faults.max_concurrent
            ):
                message = "Too many concurrent requests."
                refusal = ApiError(429, gateway_body(429, message), {"Retry-After": "1"})
            if refusal is not None:
                admin.counter.throttled += 1
                await send_json(send, refusal.status, refusal.body, refusal.headers)
                return
        state = dict(scope.get("state") or {})
        state["auth"] = context
        inner = dict(scope, path=path, raw_path=path.encode(), state=state)
        if admin is not None:
            admin.in_flight += 1
        try:
            await self._faulty(inner, receive, send, faults, admin.counter if admin else None)
        finally:
            if admin is not None:
                admin.in_flight -= 1

    async def _faulty(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        faults: FaultConfig,
        counter: RequestCounter | None = None,
    ) -> None:
        delay = faults.latency_seconds()
        if delay:
            await asyncio.sleep(delay)
        status = faults.take_fail_next()
        if status is not None:
            if counter is not None:
                counter.faults[f"fail_next {status}"] += 1
            await send_json(send, status, fault_body(status), fault_headers(status))
            return
        kind, status = faults.draw()
        if counter is not None and kind in ("error", "timeout"):
            counter.faults[f"error {status}" if kind == "error" else kind] += 1
        if kind == "error":
            await send_json(send, status, fault_body(status), fault_headers(status))
        elif kind == "timeout":
            await self._timeout(scope, receive, send, faults)
        elif kind == "lost":
            if await self._lost(scope, receive, send, faults) and counter is not None:
                counter.faults["lost"] += 1
        else:
            await self.app(scope, receive, send)

    async def _capture(self, scope: Scope, receive: Receive) -> list[Message]:
        messages: list[Message] = []

        async def collect(message: Message) -> None:
            messages.append(message)

        await self.app(scope, receive, collect)
        return messages

    async def _timeout(
        self, scope: Scope, receive: Receive, send: Send, faults: FaultConfig
    ) -> None:
        if faults.timeout_commits:
            messages = await self._capture(scope, receive)
            await asyncio.sleep(faults.timeout_seconds)
            for message in messages:
                await send(message)
            return
        await asyncio.sleep(faults.timeout_seconds)
        await send_json(send, 504, fault_body(504))

    async def _lost(self, scope: Scope, receive: Receive, send: Send, faults: FaultConfig) -> bool:
        """Commit the change, then lose the answer (connection cut, or a gateway 504). A failed
        call is answered as it is; returns whether an answer was lost."""
        messages = await self._capture(scope, receive)
        start = messages[0] if messages else {"status": 500}
        if start.get("status", 500) >= 400:
            for message in messages:
                await send(message)
            return False
        if faults.lost_response_mode == "504":
            await send_json(send, 504, fault_body(504))
            return True
        # Announce the real response, then stop: uvicorn closes the connection mid-response.
        await send(start)
        return True
