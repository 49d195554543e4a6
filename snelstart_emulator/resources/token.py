"""`POST /b2b/token` (on auth.snelstart.nl in reality; same port here)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response

from snelstart_emulator.auth import TokenError, issue_token
from snelstart_emulator.resources.common import json_response, store_of

router = APIRouter()


@router.post("/b2b/token")
async def token(request: Request) -> Response:
    store = store_of(request)
    store.token_requests += 1
    # Credentials only count in a form body (CONTRACT §2.2), not in the query string.
    raw = (await request.body()).decode("utf-8", errors="replace")
    form = dict(parse_qsl(raw, keep_blank_values=True))
    try:
        answer, entry = issue_token(store, form)
    except TokenError as error:
        return json_response(error.body, 400)
    store.administrations[entry.administration_id].counter.token += 1
    return json_response(answer)
