"""Helpers for the view tests: read what a page shows, as a user would."""

from __future__ import annotations

import re
from html import unescape

from django.contrib.messages import get_messages


def text(response_or_html) -> str:
    """The visible text of a page or fragment, whitespace collapsed."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", unescape(html)).strip()


def section(response, element_id: str) -> str:
    """The visible text of the <section id=...> in a page."""
    html = response.content.decode()
    match = re.search(rf'<section id="{element_id}".*?</section>', html, flags=re.S)
    assert match, f"no section #{element_id}"
    return text(match.group(0))


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]
