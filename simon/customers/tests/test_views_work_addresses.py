"""Werkadressen on the customer's page: htmx partial updates, the SnelStart address, tenants."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from simon.customers.models import Customer, WorkAddress
from simon.customers.tests.html import parse
from simon.lib.choices import Source
from simon.testing import make_address, make_customer, managed_by_snelstart

pytestmark = pytest.mark.django_db

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
SNELSTART_REFUSAL = (
    "Dit werkadres is het standaard debiteuradres uit SnelStart en wordt daar beheerd. "
    "Wijzig het adres in SnelStart of voeg een eigen werkadres toe."
)
NEW = {
    "label": "Loods",
    "street": "Havenweg",
    "house_number": "3",
    "postcode": "3511ab",
    "city": "Utrecht",
    "country_code": "NL",
    "contact_name": "Piet",
    "contact_phone": "06-12345678",
    "contact_email": "piet@example.nl",
}


def url(name: str, obj: Customer | WorkAddress) -> str:
    return reverse(f"customers:{name}", args=[obj.code])


def shown_addresses(response) -> list[str]:
    section = parse(response).find("section", id="werkadressen")
    return [li.find("strong").text for li in section.find_all("li", class_="work-address")]


def section_message(response, kind: str) -> str:
    return parse(response).find("section", id="werkadressen").find("div", class_=kind).text


def field_errors(response, name: str) -> list[str]:
    for field in parse(response).find_all("div", class_="field"):
        if field.find_all(name=name):
            return [li.text for li in field.find_all("li")]
    raise AssertionError(f"no field {name}")


@pytest.fixture
def customer(org_a):
    return make_customer(org_a)


def test_anonymous_users_are_sent_to_the_login(client, customer):
    address = make_address(customer)
    for target in (
        url("work_address_add", customer),
        url("work_addresses", customer),
        url("work_address_edit", address),
    ):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={target}"
    assert client.post(url("work_address_deactivate", address)).status_code == 302
    assert WorkAddress.objects.get().active is True


def test_the_add_button_opens_the_form_in_the_section(bob_client, customer):
    response = bob_client.get(url("work_address_add", customer), **HTMX)

    page = parse(response)
    assert response.status_code == 200
    assert page.find("section").attrs["id"] == "werkadressen"
    form = page.find("form", class_="work-address-form")
    assert form.attrs["hx-post"] == url("work_address_add", customer)
    assert form.find("h3").text == "Nieuw werkadres"
    assert "HX-Request" in response["Vary"]


def test_a_monteur_adds_a_work_address_and_gets_the_section_back(bob_client, customer):
    response = bob_client.post(url("work_address_add", customer), NEW, **HTMX)

    assert response.status_code == 200
    assert section_message(response, "success") == "Werkadres toegevoegd."
    assert shown_addresses(response) == ["Loods"]
    address = WorkAddress.objects.get()
    assert (address.customer, address.organization_id, address.source) == (
        customer,
        customer.organization_id,
        "local",
    )
    assert address.address_line == "Havenweg 3, 3511 AB Utrecht"
    assert (address.contact_name, address.contact_email) == ("Piet", "piet@example.nl")
    assert parse(response).find_all("form", class_="work-address-form") == []


def test_without_javascript_adding_is_a_page_and_a_redirect(karin_client, customer):
    page = karin_client.get(url("work_address_add", customer))
    response = karin_client.post(url("work_address_add", customer), NEW)

    form = parse(page).find("form", class_="work-address-form")
    assert "hx-post" not in form.attrs
    assert parse(page).find("title").text == "Nieuw werkadres · Simon"
    assert response.status_code == 302
    assert response["Location"] == url("detail", customer) + "#werkadressen"
    shown = karin_client.get(response["Location"])
    assert [li.text for li in parse(shown).find_all("li", class_="message")] == [
        "Werkadres toegevoegd."
    ]
    assert shown_addresses(shown) == ["Loods"]


def test_the_work_address_form_says_in_dutch_what_is_wrong(bob_client, customer):
    empty = bob_client.post(url("work_address_add", customer), {"country_code": "NL"}, **HTMX)
    wrong = bob_client.post(
        url("work_address_add", customer),
        {**NEW, "postcode": "ABCD 12", "contact_email": "piet@"},
        **HTMX,
    )

    assert empty.status_code == 200
    assert parse(empty).find("div", role="alert").text == "Vul een omschrijving of een straat in."
    assert field_errors(wrong, "postcode") == [
        "Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB."
    ]
    assert field_errors(wrong, "contact_email") == [
        "Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl."
    ]
    assert WorkAddress.objects.count() == 0


def test_a_hidden_customer_gets_no_new_work_addresses(karin_client, org_a):
    hidden = make_customer(org_a, active=False)

    detail = parse(karin_client.get(url("detail", hidden)))
    response = karin_client.post(url("work_address_add", hidden), NEW, **HTMX)

    assert [a.text for a in detail.find("section", id="werkadressen").find_all("a")] == []
    assert parse(response).find("div", role="alert").text == "Deze klant is niet meer actief."
    assert WorkAddress.objects.count() == 0


def test_a_work_address_is_edited_in_place(bob_client, customer):
    address = make_address(customer, "Filiaal", contact_name="Jan")

    form = parse(bob_client.get(url("work_address_edit", address), **HTMX))
    response = bob_client.post(
        url("work_address_edit", address), {**NEW, "label": "Filiaal Noord"}, **HTMX
    )

    assert form.find("input", name="label").attrs["value"] == "Filiaal"
    assert form.find("input", name="contact_name").attrs["value"] == "Jan"
    assert form.find("li", class_="editing").attrs["id"] == f"werkadres-{address.code}"
    assert section_message(response, "success") == "Werkadres gewijzigd."
    assert shown_addresses(response) == ["Filiaal Noord"]
    address.refresh_from_db()
    assert (address.label, address.contact_name, address.street) == (
        "Filiaal Noord",
        "Piet",
        "Havenweg",
    )


def test_deactivating_hides_the_work_address_and_says_so(bob_client, customer):
    make_address(customer, "Blijft")
    gone = make_address(customer, "Weg")

    response = bob_client.post(url("work_address_deactivate", gone), **HTMX)

    assert section_message(response, "success") == "Werkadres gedeactiveerd."
    assert shown_addresses(response) == ["Blijft"]
    assert parse(response).find("section").find_all("p", class_="muted")[-1].text == (
        "1 gedeactiveerd werkadres wordt niet getoond."
    )
    assert list(WorkAddress.objects.values_list("label", "active")) == [
        ("Blijft", True),
        ("Weg", False),
    ]


def test_deactivating_needs_a_post(bob_client, customer):
    address = make_address(customer)

    assert bob_client.get(url("work_address_deactivate", address)).status_code == 405
    assert WorkAddress.objects.get().active is True


def test_cancel_brings_back_the_section(bob_client, customer):
    make_address(customer, "Filiaal")

    response = bob_client.get(url("work_addresses", customer), **HTMX)

    assert shown_addresses(response) == ["Filiaal"]
    assert parse(response).find_all("form", class_="work-address-form") == []


def test_the_snelstart_work_address_is_read_only_and_says_why(karin_client, customer):
    derived = make_address(customer, "", street="Dorpsstraat", source=Source.SNELSTART)

    detail = parse(karin_client.get(url("detail", customer)))
    item = detail.find("li", id=f"werkadres-{derived.code}")
    opened = karin_client.get(url("work_address_edit", derived), **HTMX)
    edited = karin_client.post(url("work_address_edit", derived), NEW, **HTMX)
    deactivated = karin_client.post(url("work_address_deactivate", derived), **HTMX)
    plain = karin_client.post(url("work_address_deactivate", derived))

    assert item.find_all("form") == [] and item.find_all("a") == []
    assert item.find("p", class_="readonly-note").text == (
        "Standaard debiteuradres uit SnelStart: wijzig het in SnelStart, Simon neemt het over. "
        "Voeg voor andere locaties een eigen werkadres toe."
    )
    for response in (opened, edited, deactivated):
        assert response.status_code == 200
        assert section_message(response, "error") == SNELSTART_REFUSAL
        assert parse(response).find_all("form", class_="work-address-form") == []
    assert plain.status_code == 302
    assert [m.message for m in plain.wsgi_request._messages] == [SNELSTART_REFUSAL]
    derived.refresh_from_db()
    assert (derived.street, derived.label, derived.active) == ("Dorpsstraat", "", True)


def test_work_addresses_stay_editable_while_snelstart_manages_customers(bob_client, customer):
    address = make_address(customer, "Filiaal")

    with managed_by_snelstart(customer.organization):
        added = bob_client.post(url("work_address_add", customer), NEW, **HTMX)
        edited = bob_client.post(
            url("work_address_edit", address), {**NEW, "label": "Filiaal West"}, **HTMX
        )

    assert section_message(added, "success") == "Werkadres toegevoegd."
    assert section_message(edited, "success") == "Werkadres gewijzigd."
    assert sorted(WorkAddress.objects.values_list("label", flat=True)) == ["Filiaal West", "Loods"]


def test_csrf_is_enforced_on_deactivate(bob, customer):
    address = make_address(customer)
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)

    response = client.post(url("work_address_deactivate", address), **HTMX)

    assert response.status_code == 403
    assert WorkAddress.objects.get().active is True


def test_a_user_of_b_cannot_see_or_change_work_addresses_of_a(charlie_client, customer, org_b):
    address = make_address(customer, "Filiaal")
    before = list(WorkAddress.objects.values())

    responses = [
        charlie_client.get(url("work_addresses", customer), **HTMX),
        charlie_client.get(url("work_address_add", customer), **HTMX),
        charlie_client.post(url("work_address_add", customer), NEW, **HTMX),
        charlie_client.get(url("work_address_edit", address), **HTMX),
        charlie_client.post(url("work_address_edit", address), NEW, **HTMX),
        charlie_client.post(url("work_address_deactivate", address), **HTMX),
        charlie_client.get(url("work_address_options", customer)),
    ]

    assert [r.status_code for r in responses] == [404] * 7
    assert list(WorkAddress.objects.values()) == before
