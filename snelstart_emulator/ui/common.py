"""Shared bits of the UI: templates, administration lookup, error messages, paging."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.templating import Jinja2Templates

from snelstart_emulator.errors import ApiError
from snelstart_emulator.state import Administration, Store

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
PAGE_SIZE = 25


def euro(value: Any) -> str:
    """'€ 1.234,50': SnelStart's screens write amounts the Dutch way."""
    amount = f"{float(value or 0):,.2f}"
    return "€ " + amount.replace(",", "_").replace(".", ",").replace("_", ".")


def moment(text: Any) -> str:
    """'2026-12-05T18:33:53.11' (SnelStart's own text) → '05-12-2026 18:33:53'."""
    text = str(text or "")
    if len(text) < 19 or text[10] != "T":
        return text
    return f"{text[8:10]}-{text[5:7]}-{text[0:4]} {text[11:19]}"


def since_epoch(seconds: float) -> str:
    """A creation time (seconds since the epoch) in Dutch, local time."""
    import time

    return time.strftime("%d-%m-%Y %H:%M", time.localtime(seconds))


templates.env.filters.update(euro=euro, moment=moment, since_epoch=since_epoch)


def store_of(request: Request) -> Store:
    return request.app.state.store


def administration(request: Request, administration_id: str) -> Administration:
    admin = store_of(request).administrations.get(administration_id)
    if admin is None:
        raise HTTPException(404, "Administratie niet gevonden")
    return admin


def redirect(url: str) -> RedirectResponse:
    # 303: after a POST the browser follows with a GET (no mutation on GET, no resubmission).
    return RedirectResponse(url, status_code=303)


def messages(error: ApiError) -> list[str]:
    """Readable lines from any of the error shapes."""
    body = error.body
    if isinstance(body, list):
        return [f"{item.get('errorCode')}: {item.get('message')}" for item in body]
    if isinstance(body, dict) and "modelState" in body:
        return [text for texts in body["modelState"].values() for text in texts]
    if isinstance(body, dict):
        return [str(body.get("Message") or body.get("message") or body)]
    return [str(body)]


def page(rows: list[Any], number: int) -> tuple[list[Any], int, int]:
    """The rows of page `number` (1-based), the clamped page number and the page count."""
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(max(1, number), pages)
    start = (number - 1) * PAGE_SIZE
    return rows[start : start + PAGE_SIZE], number, pages


def as_int(text: str | None, default: int = 1) -> int:
    try:
        return int(text or default)
    except ValueError:
        return default


def render(request: Request, template: str, status: int = 200, **context: Any) -> Any:
    return templates.TemplateResponse(request, template, context, status_code=status)
