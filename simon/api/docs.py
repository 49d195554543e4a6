"""The API docs page (Swagger UI) from the copy of Swagger UI that ships inside django-ninja.

ninja loads Swagger UI from a CDN unless "ninja" is an installed app; this serves the same files
from the installed package instead, so the docs work offline and no third-party script runs
on our origin.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ninja
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, json_script
from django.utils.translation import gettext as _
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

ASSETS = Path(ninja.__file__).parent / "static" / "ninja"
FILES = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.svg": "image/svg+xml",
}
PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="{base}swagger-ui.css">
<link rel="icon" href="{base}favicon.svg" type="image/svg+xml">
</head>
<body>
{settings}
<div id="swagger-ui"></div>
<script src="{base}swagger-ui-bundle.js"></script>
<script src="{base}swagger-ui-init.js"></script>
</body>
</html>
"""


class VendoredSwagger(DocsBase):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        base = reverse(f"{api.urls_namespace}:docs-asset", args=["-"]).removesuffix("-")
        settings = {"url": self.get_openapi_url(api, kwargs), "layout": "BaseLayout"}
        return HttpResponse(
            format_html(
                PAGE,
                title=api.title,
                base=base,
                settings=json_script(settings, "swagger-settings"),
            )
        )


def asset(request: HttpRequest, name: str) -> HttpResponse | FileResponse:
    from simon.api.errors import json_error

    if name not in FILES:
        return json_error(404, _("Niet gevonden."))
    response = FileResponse((ASSETS / name).open("rb"), content_type=FILES[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response
