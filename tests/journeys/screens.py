"""A person's browser tab in a journey: Simon on an office screen (1,366 px) or a phone (390 px),
or SnelStart's screens (the emulator).

Every tab records console errors, script errors, failed requests and server errors; the journey
fails on them at its end. ``fits()`` checks that the page does not scroll sideways. ``shot()``
writes a screenshot for the user guide (docs/nl/img/) when SIMON_DOCS_SCREENSHOTS is set, as the
field app's browser tests do: ``make screenshots`` sets it.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Locator, expect

from tests.journeys.demo import PASSWORD, ROOT

OFFICE = {"width": 1366, "height": 768}
PHONE_WIDTH, PHONE_HEIGHT = 390, 844
SCREENSHOTS = ROOT / "docs" / "nl" / "img"
# A navigation that replaces a page cancels its pending requests (an htmx poll): not a fault.
ABORTED = "net::ERR_ABORTED"
WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
# What sticks out on the right, outermost first: for the message when a page scrolls sideways.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.body.querySelectorAll('*')].filter(
    (node) => node.getBoundingClientRect().right > width + 1);
  return out.filter((node) => !out.includes(node.parentElement)).slice(0, 3).map((node) => {
    const name = node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
      (node.classList.length ? '.' + [...node.classList].join('.') : '');
    return `${name} (${Math.round(node.getBoundingClientRect().right)} px)`;
  });
}"""


def screenshots_wanted() -> bool:
    return bool(os.environ.get("SIMON_DOCS_SCREENSHOTS"))


def save_small(path: Path) -> None:
    """64 colours and optimized: a screenshot of a web page stays a few dozen KB."""
    Image.open(path).convert("RGB").quantize(64).save(path, optimize=True)


class Screen:
    """One tab; ``base`` is the site it opens paths on (Simon or SnelStart)."""

    def __init__(self, context: BrowserContext, base: str, name: str) -> None:
        self.context = context
        self.base = base
        self.name = name
        self.problems: list[str] = []
        self.allowed: list[re.Pattern[str]] = []
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)

    # -- what goes wrong ------------------------------------------------------------------------
    def _console(self, message: Any) -> None:
        if message.type == "error" and not any(p.search(message.text) for p in self.allowed):
            where = message.location.get("url") or self.page.url
            self.problems.append(f"{self.name}: console error: {message.text} ({where})")

    def _request_failed(self, request: Any) -> None:
        failure = request.failure or ""
        if ABORTED not in failure:
            self.problems.append(f"{self.name}: request failed: {request.url} ({failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 500:
            self.problems.append(f"{self.name}: {response.status} from {response.url}")

    @contextlib.contextmanager
    def expecting(self, pattern: str) -> Iterator[None]:
        """A console error this step provokes on purpose (a refusal answered with a 4xx)."""
        allowed = re.compile(pattern)
        self.allowed.append(allowed)
        try:
            yield
        finally:
            self.allowed.remove(allowed)

    # -- moving around --------------------------------------------------------------------------
    def goto(self, path: str) -> None:
        self.page.goto(self.base + path if path.startswith("/") else path)
        self.fits()

    def fits(self) -> None:
        """No horizontal scrollbar on this screen (the page may not be wider than the window).

        Recorded, not raised: the journey goes on and fails at its end with every such page.
        """
        self.page.wait_for_load_state()
        scroll, client = self.page.evaluate(WIDTHS)
        if scroll > client:
            culprits = ", ".join(self.page.evaluate(STICKING_OUT))
            problem = (
                f"{self.name}: {self.page.url} scrolls sideways ({scroll} px > {client} px): "
                f"{culprits}"
            )
            if problem not in self.problems:
                self.problems.append(problem)

    def click(self, target: Locator) -> None:
        """Click something that loads a new page, then check that page."""
        target.click()
        self.fits()

    def reload_until(
        self, locator: Locator, text: str | re.Pattern[str] | None = None, seconds: float = 20
    ) -> None:
        """For pages that do not refresh themselves: reload until the worker's result shows;
        without ``text``, until nothing matches the locator any more."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                if text is None:
                    expect(locator).to_have_count(0, timeout=1_000)
                else:
                    expect(locator).to_contain_text(text, timeout=1_000)
                break
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
                self.page.reload()
        self.fits()

    def reload_until_gone(self, locator: Locator, seconds: float = 20) -> None:
        self.reload_until(locator, None, seconds)

    def shot(self, name: str, target: Locator | None = None, full_page: bool = False) -> None:
        """docs/nl/img/<name>.png, when screenshots are asked for."""
        if not screenshots_wanted():
            return
        path = SCREENSHOTS / f"{name}.png"
        if target is not None:
            target.screenshot(path=str(path), animations="disabled", scale="css")
        else:
            self.page.screenshot(
                path=str(path), full_page=full_page, animations="disabled", scale="css"
            )
        save_small(path)


class Person:
    """Someone in the journey with their own browser (cookies) and tabs."""

    def __init__(self, browser: Browser, simon: str, name: str, phone: bool = False) -> None:
        options: dict[str, Any] = {
            "locale": "nl-NL",
            "timezone_id": "Europe/Amsterdam",
            # The field app's service worker would keep fetching after the journey (its own
            # tests cover it); the pages work without it.
            "service_workers": "block",
        }
        if phone:
            options.update(
                viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT},
                is_mobile=True,
                has_touch=True,
            )
        else:
            options.update(viewport=OFFICE)
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(15_000)
        self.simon = simon
        self.name = name
        self.screens: list[Screen] = []

    def tab(self, base: str | None = None) -> Screen:
        screen = Screen(self.context, base or self.simon, self.name)
        self.screens.append(screen)
        return screen

    def login(self, username: str) -> Screen:
        screen = self.tab()
        screen.goto("/accounts/login/")
        screen.page.get_by_label("Gebruikersnaam").fill(username)
        screen.page.get_by_label("Wachtwoord").fill(PASSWORD)
        screen.page.get_by_label("Wachtwoord").press("Enter")
        screen.page.wait_for_load_state()
        if screen.page.locator("#field-app").count():
            # A monteur lands on the field app, which fetches the day first.
            screen.page.locator("#field-app[data-synced]").wait_for(state="attached")
        screen.fits()
        return screen

    @property
    def problems(self) -> list[str]:
        return [problem for screen in self.screens for problem in screen.problems]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()
