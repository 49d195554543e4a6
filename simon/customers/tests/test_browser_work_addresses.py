"""Work addresses in a real browser: htmx swaps the section, the CSRF header rides along."""

from __future__ import annotations

import pytest

from conftest import login_in_browser
from simon.customers.models import WorkAddress
from simon.lib.choices import Source
from simon.testing import make_address, make_customer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_monteur_adds_edits_and_deactivates_a_work_address(page, bob, org_a):
    customer = make_customer(org_a, "Bakkerij Jansen")
    make_address(customer, "", street="Dorpsstraat", source=Source.SNELSTART)
    login_in_browser(page, "bob")

    page.goto("/klanten/")
    page.fill("#customer-q", "jans")
    page.wait_for_url("**/klanten/?q=jans")
    page.click("text=Bakkerij Jansen")
    section = page.locator("#werkadressen")
    assert "Uit SnelStart" in section.inner_text()

    section.locator("text=Werkadres toevoegen").click()
    page.fill("#id_label", "Loods")
    page.fill("#id_street", "Havenweg")
    page.fill("#id_postcode", "3511ab")
    section.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("#werkadressen .message.success")
    assert page.locator("#werkadressen .message.success").inner_text() == "Werkadres toegevoegd."
    address = WorkAddress.objects.get(label="Loods")
    assert address.postcode == "3511 AB"

    page.locator(f"#werkadres-{address.code}").locator("text=Wijzig").click()
    page.fill("#id_label", "Loods Noord")
    section.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("text=Werkadres gewijzigd.")

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#werkadres-{address.code} button").click()
    page.wait_for_selector("text=Werkadres gedeactiveerd.")
    assert page.locator("#werkadressen li.work-address").count() == 1
    address.refresh_from_db()
    assert (address.label, address.active) == ("Loods Noord", False)
    # Everything happened in place: still the same page, no reloads.
    assert page.url.endswith(f"/klanten/{customer.code}/")
