"""A phone for the field app's browser tests: Debian's chromium in a 390 x 844 viewport with
touch, in Dutch, on Amsterdam time, failing the test on any console error or script error."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from conftest import CHROMIUM, CHROMIUM_ARGS, login_in_browser
from simon.forms import services as forms
from simon.testing import make_address, make_article, make_customer
from simon.workorders import services

WIDTH, HEIGHT = 390, 844
PHONE = {
    "viewport": {"width": WIDTH, "height": HEIGHT},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
    "locale": "nl-NL",
    "timezone_id": "Europe/Amsterdam",
}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A refused registration (409, 404) is logged by the browser as a failed resource: expected.
EXPECTED = re.compile(r"Failed to load resource: .* status of 4\d\d")
# docs/nl/img/: with SIMON_DOCS_SCREENSHOTS=1 the journeys write the manual's screenshots.
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "nl" / "img"

# Every control of a field screen a thumb must hit, with what it is (for the message).
TOO_SMALL = """() => {
  const controls = document.querySelectorAll(
    '.fa button, .fa .button, .fa input:not([type=hidden]):not([type=radio]), .fa select, ' +
    '.fa textarea, .fa summary, .fa-bar a, .fa-bar summary, .fa-back, .fa-order-link');
  return [...controls].filter((node) => {
    const box = node.getBoundingClientRect();
    return node.checkVisibility() && (box.height < 44 || box.width < 44);
  }).map((node) => `${node.tagName} ${node.textContent.trim().slice(0, 30)}`);
}"""
WIDTHS = (
    "[document.documentElement.scrollWidth, window.innerWidth,"
    " document.documentElement.clientWidth]"
)


class Phone:
    """One browser context (a phone) with its page; ``fits()`` checks the current screen."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.problems: list[str] = []
        self.expected = [EXPECTED]
        self.widths: dict[str, int] = {}
        self.page = self.new_page()

    def new_page(self) -> Any:
        page = self.context.new_page()
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page = page
        return page

    def _console(self, message: Any) -> None:
        if message.type == "error" and not any(p.search(message.text) for p in self.expected):
            self.problems.append(f"console: {message.text}")

    def expect_console(self, pattern: str) -> None:
        """A console error the test provokes on purpose (a connection it breaks)."""
        self.expected.append(re.compile(pattern))

    def login(self, username: str) -> None:
        login_in_browser(self.page, username)
        self.ready()

    def ready(self) -> None:
        """The app has drawn the screen from the phone's store and tried one sync."""
        self.page.wait_for_selector("#field-app[data-synced]", state="attached")

    def fits(self, name: str) -> None:
        """No sideways scrolling at 390 px, and every control is at least 44 x 44 px."""
        scroll, inner, client = self.page.evaluate(WIDTHS)
        assert (scroll, inner, client) == (WIDTH, WIDTH, WIDTH), f"{name}: {scroll} px wide"
        assert self.page.evaluate(TOO_SMALL) == [], name
        self.widths[name] = scroll

    def close(self) -> None:
        """Let a sync that is under way finish first: the live server must not be answering
        it while the test's database is flushed."""
        for page in self.context.pages:
            with contextlib.suppress(PlaywrightError):
                if page.locator("#field-app").count():
                    page.locator("#field-app:not([data-syncing])").wait_for(
                        state="attached", timeout=5_000
                    )
                    page.goto("about:blank")
        with contextlib.suppress(PlaywrightError):
            self.context.close()

    def shot(self, name: str) -> None:
        """A screenshot for docs/nl/veld-app.md, when asked for (small: 1x, 64 colours)."""
        if not os.environ.get("SIMON_DOCS_SCREENSHOTS"):
            return
        path = SCREENSHOTS / f"veld-{name}.png"
        if not self.page.locator("dialog[open]").count():
            self.page.evaluate("window.scrollTo(0, 0)")
        self.page.screenshot(path=str(path), scale="css", animations="disabled")
        Image.open(path).convert("RGB").quantize(64).save(path, optimize=True)


@pytest.fixture
def phone_for(browser, live_server) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """Make phones (``phone_for(clock=..., **context_options)``); each is checked at the end."""
    phones: list[Phone] = []

    def make(
        clock: dt.datetime | None = None, profile: Path | None = None, **options: Any
    ) -> Phone:
        settings = {"base_url": live_server.url, **PHONE, **options}
        if profile is None:
            context = browser.new_context(**settings)
        else:
            # A browser with a profile on disk: a new context is 'incognito', where chromium
            # installs no web app.
            context = browser.browser_type.launch_persistent_context(
                str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, **settings
            )
        context.set_default_timeout(15_000)
        if clock is not None:
            context.clock.install(time=clock)
        phone = Phone(context)
        phones.append(phone)
        return phone

    yield make
    for phone in phones:
        phone.close()
    problems = [problem for phone in phones for problem in phone.problems]
    assert not problems, "\n".join(problems)


def this_morning(hour: int = 7, minute: int = 30) -> dt.datetime:
    """Today (Simon's today, in Amsterdam) at this time, for the phone's clock."""
    return dt.datetime.combine(timezone.localdate(), dt.time(hour, minute), tzinfo=AMSTERDAM)


@pytest.fixture
def day(org_a, alice, bob, dave):  # type: ignore[no-untyped-def]
    """Bob's day: a leaking boiler this morning, an installation tomorrow; Dave's job today."""
    customer = make_customer(org_a, "Bakkerij Jansen", relatiecode=1001, phone="030 123 45 67")
    address = make_address(
        customer,
        "Winkel",
        street="Marktplein",
        house_number="3",
        contact_name="Piet",
        contact_phone="06 12345678",
    )
    make_article(org_a, "KRAAN-15", "Kraan 15 mm", unit="stuk")
    make_article(org_a, "KNIE-15", "Knie 15 mm", unit="stuk")
    make_article(org_a, "PIJP-15", "Koperen pijp 15 mm", unit="m")
    template = forms.create_template(org_a, name="Opleverformulier")
    forms.add_question(template, label="Lekdicht?", kind="yes_no", required=True)
    forms.add_question(template, label="Druk (bar)", kind="number")
    forms.add_question(template, label="Handtekening klant", kind="signature", required=True)
    today = timezone.localdate()
    boiler = services.create_work_order(
        org_a,
        by=alice,
        customer=customer,
        work_address=address,
        description="CV-ketel lekt bij de aansluiting",
        planned_date=today,
        planned_start=dt.time(8, 0),
        planned_end=dt.time(10, 0),
        employees=[bob],
    )
    tomorrow = services.create_work_order(
        org_a,
        by=alice,
        customer=customer,
        description="Thermostaat vervangen",
        planned_date=today + dt.timedelta(days=1),
        employees=[bob],
    )
    services.create_work_order(
        org_a, by=alice, description="Werk van Dave", planned_date=today, employees=[dave]
    )
    return {"boiler": boiler, "tomorrow": tomorrow, "template": template, "customer": customer}
