"""Login throttling with django-axes: the web login, /admin/ and API tokens (issue 9).

A client that gets a password wrong ``SIMON_LOGIN_FAILURE_LIMIT`` times for one username is
locked out for that username for ``SIMON_LOGIN_COOLOFF_MINUTES``, even with the right password
after that. Username and address together, not the address alone: colleagues behind one office
router do not lock each other out, and nobody can lock a user out from elsewhere. Failed API
tokens count per address under one pseudo-username, with their own (higher) limit: phones of
many users share a carrier's address, and a 43-character token cannot be guessed anyway.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from simon.lib.text import clean_text

API_PREFIX = "/api/"
# Not a valid username (Django's allow letters, digits and @.+-_ only), so no user shares it.
API_TOKEN_USERNAME = "api token"
# axes' AccessAttempt.username is a varchar(255); Django's own usernames are at most 150.
USERNAME_MAX = 150


def forwarded_client(remote_addr: str, forwarded_for: str, proxies: int) -> str:
    """The client's address: REMOTE_ADDR, or behind ``proxies`` trusted reverse proxies the
    address the outermost one saw. Anything a client wrote itself into X-Forwarded-For stands
    left of that and is ignored, so a spoofed header cannot dodge a lock-out."""
    if proxies <= 0:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    return hops[-proxies] if len(hops) >= proxies else remote_addr


def client_ip(request: HttpRequest) -> str:
    return forwarded_client(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.SIMON_TRUSTED_PROXIES,
    )


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The username axes records: what was typed, cut to what its table holds (a 100,000-
    character username was a 500 on PostgreSQL) and without what no database stores."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = request.POST.get("username") if request is not None else None
    return clean_text(str(typed or ""))[:USERNAME_MAX]


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    if (credentials or {}).get("username") == API_TOKEN_USERNAME:
        return int(settings.SIMON_API_TOKEN_FAILURE_LIMIT)
    return int(settings.SIMON_LOGIN_FAILURE_LIMIT)


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out_message() -> str:
    return _(
        "Te veel mislukte pogingen om in te loggen. Probeer het over %(minutes)s minuten "
        "opnieuw, of vraag de beheerder om je wachtwoord opnieuw in te stellen."
    ) % {"minutes": cooloff_minutes()}


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """axes' lock-out answer: 429 with a Dutch message, as JSON under /api/."""
    if request.path.startswith(API_PREFIX):
        body: dict[str, Any] = {"message": locked_out_message(), "field": None, "errors": []}
        return JsonResponse(body, status=429)
    return render(
        request, "registration/locked_out.html", {"message": locked_out_message()}, status=429
    )
