"""The field app's pages: one shell for 'Vandaag', a work order and 'Te versturen', plus the
web app manifest, the service worker and the phone's API token.

The shell holds every screen's markup and texts; the JavaScript (static/fieldapp/) fills it
from what the phone stored (IndexedDB), so the same page works without a connection once the
service worker has cached it. See docs/nl/veld-app.md.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simon.fieldapp import services
from simon.fieldapp.texts import texts
from simon.tenants.scoping import member_required
from simon.tenants.types import MemberRequest
from simon.workorders.views.common import get_work_order

# What the service worker keeps for offline use: everything the shell loads.
MODULES = [
    "app.js",
    "api.js",
    "data.js",
    "dom.js",
    "format.js",
    "order.js",
    "outbox.js",
    "queue.js",
    "sheets.js",
    "signature.js",
    "store.js",
    "today.js",
]
ASSETS = [
    "simon/simon.css",
    "simon/simon.js",
    "simon/vendor/htmx.min.js",
    "fieldapp/field.css",
    *(f"fieldapp/{name}" for name in MODULES),
    "fieldapp/icons/icon-192.png",
    "fieldapp/icons/icon-512.png",
    "fieldapp/icons/icon-maskable-512.png",
    "fieldapp/icons/favicon-32.png",
]
THEME = "#1f6f50"
BACKGROUND = "#f5f7fa"


def account_key(request: MemberRequest) -> str:
    """Whose data the phone holds: registrations of one account are never sent with another's
    token (a phone can change hands, a user can switch organization)."""
    return f"{request.organization.code}:{request.user.get_username()}"


def _shell(request: MemberRequest) -> HttpResponse:
    context = {
        "account": account_key(request),
        "texts": texts(),
        "language": get_language(),
    }
    return render(request, "fieldapp/shell.html", context)


@require_GET
@member_required
def today(request: MemberRequest) -> HttpResponse:
    return _shell(request)


@require_GET
@member_required
def work_order(request: MemberRequest, code: str) -> HttpResponse:
    """The same shell; online, another's (or another tenant's) work order is a 404 here too."""
    get_work_order(request, code)
    return _shell(request)


@require_GET
@member_required
def outbox(request: MemberRequest) -> HttpResponse:
    return _shell(request)


@require_POST
@member_required
def device_token(request: MemberRequest) -> JsonResponse:
    """A token for the field API, for this browser session (see services)."""
    secret = services.issue_device_token(
        request.user,
        request.organization,
        request.session,
    )
    response = JsonResponse({"token": secret, "account": account_key(request)})
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: installable from the phone's browser, opens on 'Vandaag'."""
    start = reverse("fieldapp:today")
    icons = [
        ("fieldapp/icons/icon-192.png", "192x192", "any"),
        ("fieldapp/icons/icon-512.png", "512x512", "any"),
        ("fieldapp/icons/icon-maskable-512.png", "512x512", "maskable"),
    ]
    body = {
        "id": start,
        "name": _("Simon voor monteurs"),
        "short_name": "Simon",
        "description": _(
            "Je werkbonnen van vandaag, uren, materialen en formulieren; ook zonder verbinding."
        ),
        "lang": get_language(),
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "orientation": "portrait",
        "background_color": BACKGROUND,
        "theme_color": THEME,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in icons
        ],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )


def _version() -> str:
    """Changes whenever an asset or a template of the shell changes: the browser then installs
    the new worker, which caches the new files (and drops the old ones)."""
    digest = hashlib.sha256()
    for path in ASSETS:
        found = finders.find(path)
        digest.update(path.encode())
        digest.update(Path(str(found)).read_bytes() if found else b"")
    for name in ("fieldapp/shell.html", "fieldapp/sw.js"):
        digest.update(Path(get_template(name).origin.name).read_bytes())  # type: ignore[attr-defined]
    return digest.hexdigest()[:16]


_deployed_version = cache(_version)


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from /veld/, so it may control every page of the field app (its scope)."""
    version = _version() if settings.DEBUG else _deployed_version()
    context: dict[str, Any] = {
        "version": f"{version}-{get_language()}",
        "shell": reverse("fieldapp:today"),
        "scope": reverse("fieldapp:today"),
        "assets": json.dumps([static(path) for path in ASSETS] + [reverse("fieldapp:manifest")]),
        "offline_title": json.dumps(_("Geen verbinding")),
        "offline_text": json.dumps(
            _("Deze pagina staat niet op je telefoon. Open 'Vandaag' zodra er weer verbinding is.")
        ),
    }
    body = render_to_string("fieldapp/sw.js", context, request)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # The browser checks for a new worker on every visit; it must not take a cached copy.
    response["Cache-Control"] = "no-cache"
    return response
