"""The office's pages on a tablet, and the desktop pages a monteur can reach on a phone, never
scroll sideways (issue 13: the work order list was 1,096 px wide on a phone); a wide table
scrolls inside itself."""

from __future__ import annotations

import pytest

from conftest import login_in_browser
from simon.fieldapp.tests.conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICE = [
    "/werkbonnen/",
    "/werkbonnen/{order}/",
    "/werkbonnen/planning/",
    "/werkbonnen/nieuw/",
    "/klanten/",
    "/klanten/{customer}/",
    "/artikelen/",
    "/formulieren/",
    "/integraties/",
    "/api-tokens/",
]
MONTEUR = [
    "/werkbonnen/",
    "/werkbonnen/{order}/",
    "/werkbonnen/nieuw/",
    "/klanten/",
    "/klanten/{customer}/",
    "/artikelen/",
    "/api-tokens/",
]


@pytest.mark.parametrize(
    ("username", "width", "paths"),
    [("alice", 768, OFFICE), ("alice", 1024, OFFICE), ("bob", 390, MONTEUR)],
    ids=["office-tablet-portrait", "office-tablet-landscape", "monteur-phone"],
)
def test_no_page_scrolls_sideways(browser, live_server, day, alice, bob, username, width, paths):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 900},
        is_mobile=True,
        has_touch=True,
        service_workers="block",
    )
    page = context.new_page()
    try:
        login_in_browser(page, username)
        measured = {}
        for path in paths:
            url = path.format(order=day["boiler"].code, customer=day["customer"].code)
            assert page.goto(url).status == 200, url
            measured[path] = page.evaluate(WIDTHS)
    finally:
        context.close()

    assert measured == {path: [width, width, width] for path in paths}
