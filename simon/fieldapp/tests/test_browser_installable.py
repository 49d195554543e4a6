"""What Lighthouse checks for an installable web app, asked of chromium itself (issue 13):
the manifest parses without errors, chromium finds nothing that stops installing it, and the
service worker is registered, controls the page and holds every file the app loads. That the
pages work without a connection is the journey of test_browser_offline.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from simon.fieldapp.tests.test_browser_offline import wait_for_service_worker
from simon.fieldapp.views import ASSETS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CACHED = """async () => {
  const names = await caches.keys();
  const cache = await caches.open(names[0]);
  return [names, (await cache.keys()).map((request) => new URL(request.url).pathname)];
}"""


def test_chromium_finds_the_app_installable(phone_for, day, bob, tmp_path):
    phone = phone_for(profile=tmp_path / "profile")
    page = phone.page
    phone.login("bob")
    wait_for_service_worker(page)
    cdp = phone.context.new_cdp_session(page)

    manifest = cdp.send("Page.getAppManifest")
    installability = cdp.send("Page.getInstallabilityErrors")

    assert manifest["url"].endswith("/veld/manifest.webmanifest")
    assert manifest["errors"] == []
    assert installability["installabilityErrors"] == []
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/veld/sw.js")
    assert [worker.url.rsplit("/", 2)[-2:] for worker in phone.context.service_workers] == [
        ["veld", "sw.js"]
    ]
    names, cached = page.evaluate(CACHED)
    assert len(names) == 1 and names[0].startswith("simon-veld-")
    assert set(cached) == {"/veld/", "/veld/manifest.webmanifest"} | {
        f"/static/{path}" for path in ASSETS
    }

    response = page.reload()
    assert response is not None and response.from_service_worker
    phone.ready()
    expect(page.locator(".fa-order", has_text=day["boiler"].number)).to_be_visible()
