"""The login page in a real browser (Debian chromium through Playwright)."""

from __future__ import annotations

import pytest

from conftest import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_logs_in_and_out_in_the_browser(page, alice):
    page.goto("/")
    assert "Inloggen bij Simon" in page.content()
    login_in_browser(page, "alice", "wrong")
    assert "Gebruikersnaam of wachtwoord klopt niet" in page.inner_text("main")
    login_in_browser(page, "alice")
    assert page.url.endswith("/werkbonnen/overzicht/")  # the office starts on Overzicht
    page.click("text=Uitloggen")
    page.wait_for_url("**/accounts/login/**")
