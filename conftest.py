"""Shared fixtures: two tenants and their people (STYLE: alice and bob in A, charlie in B)."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest


def service_reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def require_service(name: str, url: str, default_port: int) -> None:
    """On CI a missing service is a failure; on a laptop the test is skipped with the reason."""
    if service_reachable(url, default_port):
        return
    message = f"{name} is not reachable at {url}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("SIMON_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    require_service("Redis", url, 6379)
    return url


@pytest.fixture(autouse=True)
def _fast_password_hashing(request):
    """Tests create many users; the real hasher costs ~0.3 s each and proves nothing here."""
    if not request.config.pluginmanager.has_plugin("django"):
        return  # the client and emulator packages are tested without Django
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _huey_runs_tasks_inline() -> Iterator[None]:
    """Tasks run inline in tests unless a test starts a real consumer itself."""
    try:
        from huey.contrib.djhuey import HUEY
    except Exception:
        yield
        return
    previous = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = previous


@pytest.fixture
def org_a(db):
    from simon.tenants.models import Organization

    return Organization.objects.create(name="Installatiebedrijf Alfa")


@pytest.fixture
def org_b(db):
    from simon.tenants.models import Organization

    return Organization.objects.create(name="Bravo Techniek")


def make_member(org, username: str, role: str, first_name: str = ""):
    from django.contrib.auth import get_user_model

    from simon.tenants.models import Membership

    user = get_user_model().objects.create_user(
        username=username,
        password="correct horse battery staple",
        email=f"{username}@example.nl",
        first_name=first_name or username.capitalize(),
    )
    Membership.objects.create(user=user, organization=org, role=role)
    return user


@pytest.fixture
def alice(org_a):
    """Beheerder (admin) of organization A."""
    return make_member(org_a, "alice", "beheerder")


@pytest.fixture
def karin(org_a):
    """Kantoor (office) user of organization A."""
    return make_member(org_a, "karin", "kantoor")


@pytest.fixture
def bob(org_a):
    """Monteur (field user) of organization A."""
    return make_member(org_a, "bob", "monteur")


@pytest.fixture
def dave(org_a):
    """A second monteur of organization A."""
    return make_member(org_a, "dave", "monteur")


@pytest.fixture
def charlie(org_b):
    """Beheerder of organization B: must never see or change anything of A."""
    return make_member(org_b, "charlie", "beheerder")


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice):
    return _client_for(alice)


@pytest.fixture
def karin_client(karin):
    return _client_for(karin)


@pytest.fixture
def bob_client(bob):
    return _client_for(bob)


@pytest.fixture
def charlie_client(charlie):
    return _client_for(charlie)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (its own browser download is not available)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run 'make test', which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # around it are synchronous on purpose.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# A 4xx answer to a request a test provokes on purpose (a refused form) is logged by the
# browser as a console error too; it is the test's business, not a fault of the page.
_EXPECTED_CONSOLE = re.compile(r"Failed to load resource: .* status of 4\d\d")


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test (own cookies), in Dutch, with a default timeout.

    Every journey runs under the Content-Security-Policy; a console error (a CSP violation
    among them) or an uncaught script error fails the test that caused it.
    """
    # No service worker: the field app's (simon/fieldapp) would keep fetching in the background
    # after a monteur's login, past the end of a test; its own tests allow it.
    context = browser.new_context(locale="nl-NL", base_url=live_server.url, service_workers="block")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    problems: list[str] = []
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and not _EXPECTED_CONSOLE.search(message.text)
            else None
        ),
    )
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield tab
    context.close()
    assert not problems, "\n".join(problems)


def login_in_browser(page, username: str, password: str = "correct horse battery staple") -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if page.locator("#field-app").count():
        # A monteur lands on the field app, which fetches its data first: let it finish, so
        # the test's next request does not meet it in the (SQLite) test database.
        page.locator("#field-app[data-synced]:not([data-syncing])").wait_for(state="attached")
