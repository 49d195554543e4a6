"""Klanten screens: list, search, detail, create and edit, SnelStart's lead (S4), tenants."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from simon.customers.models import Customer
from simon.customers.tests.html import parse, table_rows
from simon.lib import external
from simon.lib.choices import Source
from simon.lib.external import ExternalManagement
from simon.testing import (
    DAY,
    SNELSTART_MESSAGE,
    make_address,
    make_customer,
    managed_by_snelstart,
)
from simon.workorders.services import lifecycle

pytestmark = pytest.mark.django_db

LIST = reverse("customers:list")
CREATE = reverse("customers:create")


def detail_url(customer: Customer) -> str:
    return reverse("customers:detail", args=[customer.code])


def edit_url(customer: Customer) -> str:
    return reverse("customers:edit", args=[customer.code])


def messages_of(response) -> list[str]:
    return [li.text for li in parse(response).find_all("li", class_="message")]


def field_errors(response, name: str) -> list[str]:
    """The errors shown under one field of the form."""
    for field in parse(response).find_all("div", class_="field"):
        if field.find_all(name=name):
            return [li.text for li in field.find_all("li")]
    raise AssertionError(f"no field {name}")


VALID = {
    "name": "Installatie De Vries",
    "relatiecode": "2001",
    "email": "info@devries.nl",
    "phone": "010-7654321",
    "street": "Havenweg",
    "house_number": "7",
    "house_number_addition": "B",
    "postcode": "3011ab",
    "city": "Rotterdam",
    "country_code": "nl",
}


# --- anonymous and roles ---------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login(client, org_a):
    customer = make_customer(org_a)
    for url in (LIST, CREATE, detail_url(customer), edit_url(customer)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"


def test_a_monteur_may_view_but_not_create_or_edit(bob_client, org_a):
    customer = make_customer(org_a)

    assert bob_client.get(LIST).status_code == 200
    assert bob_client.get(detail_url(customer)).status_code == 200
    assert bob_client.get(CREATE).status_code == 403
    assert bob_client.post(CREATE, VALID).status_code == 403
    assert bob_client.post(edit_url(customer), VALID).status_code == 403
    assert list(Customer.objects.values_list("name", flat=True)) == ["Bakkerij Jansen"]
    page = parse(bob_client.get(LIST))
    assert [a.text for a in page.find_all("a", class_="button")] == []


# --- list --------------------------------------------------------------------------------------


def test_the_list_shows_visible_customers_with_their_columns(karin_client, org_a):
    make_customer(
        org_a,
        "Bakkerij Jansen",
        relatiecode=1001,
        house_number_addition="A",
        phone="030-1234567",
        source=Source.SNELSTART,
    )
    make_customer(org_a, "Autobedrijf Achterberg", city="Amersfoort", postcode="3811 AA")
    make_customer(org_a, "Verborgen BV", active=False)

    response = karin_client.get(LIST)

    assert response.status_code == 200
    assert table_rows(response, class_="customers") == [
        ["Autobedrijf Achterberg", "", "Dorpsstraat 12, 3811 AA", "Amersfoort", "", "Simon"],
        [
            "Bakkerij Jansen",
            "1001",
            "Dorpsstraat 12A, 3511 AB",
            "Utrecht",
            "030-1234567",
            "SnelStart",
        ],
    ]
    link = parse(response).find("table").find("a")
    assert link.attrs["href"] == detail_url(Customer.objects.get(name="Autobedrijf Achterberg"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jansen", ["Bakkerij Jansen"]),
        ("1001", ["Bakkerij Jansen"]),
        ("zwolle", ["Pieters Installatie"]),
        ("8011ab", ["Pieters Installatie"]),
        ("@pieters.nl", ["Pieters Installatie"]),
        ("verborgen", []),
    ],
)
def test_search_finds_name_relatiecode_city_postcode_and_email(bob_client, org_a, query, expected):
    make_customer(org_a, "Bakkerij Jansen", relatiecode=1001)
    make_customer(
        org_a, "Pieters Installatie", city="Zwolle", postcode="8011 AB", email="info@pieters.nl"
    )
    make_customer(org_a, "Verborgen BV", active=False)

    response = bob_client.get(LIST, {"q": query})

    names = [row[0] for row in table_rows(response, class_="customers")] if expected else []
    assert names == expected
    assert parse(response).find("input", name="q").attrs["value"] == query


def test_a_search_without_results_says_so(bob_client, org_a):
    make_customer(org_a)

    response = bob_client.get(LIST, {"q": "Nergens"})

    assert parse(response).find("p", class_="empty").text == "Geen klanten gevonden voor 'Nergens'."


def test_the_list_pages_by_25_and_keeps_the_search(karin_client, org_a):
    for number in range(30):
        make_customer(org_a, f"Klant {number:02d}")

    first = karin_client.get(LIST, {"q": "Klant"})
    second = karin_client.get(LIST, {"q": "Klant", "page": 2})

    assert len(table_rows(first, class_="customers")) == 25
    assert [r[0] for r in table_rows(second, class_="customers")] == [
        f"Klant {n}" for n in range(25, 30)
    ]
    pagination = parse(first).find("nav", class_="pagination")
    assert pagination.text == "Pagina 1 van 2 (30 resultaten) Volgende »"
    assert pagination.find("a").attrs["href"] == "?q=Klant&page=2"


def test_the_office_may_show_hidden_customers_and_the_monteur_may_not(
    karin_client, bob_client, org_a
):
    make_customer(org_a, "Zichtbaar")
    make_customer(org_a, "Verborgen BV", active=False)

    office = karin_client.get(LIST, {"verborgen": "1"})
    field = bob_client.get(LIST, {"verborgen": "1"})

    assert [r[0] for r in table_rows(office, class_="customers")] == [
        "Verborgen BV Verborgen",
        "Zichtbaar",
    ]
    assert [r[0] for r in table_rows(field, class_="customers")] == ["Zichtbaar"]
    assert parse(field).find_all("input", name="verborgen") == []


def test_the_empty_list_explains_where_customers_come_from(karin_client, org_a):
    response = karin_client.get(LIST)

    empty = parse(response).find("div", class_="empty")
    assert empty.text == (
        "Nog geen klanten. Werk je met SnelStart? Activeer dan de integratie onder "
        "'Integraties': Simon haalt je klanten uit SnelStart en SnelStart blijft leidend. "
        "Zonder integratie maakt kantoor hier zelf klanten aan. Nieuwe klant"
    )

    with managed_by_snelstart(org_a):
        response = karin_client.get(LIST)

    empty = parse(response).find("div", class_="empty")
    assert empty.text == (
        "Nog geen klanten. Je klanten komen uit SnelStart: elke nieuwe of gewijzigde klant in "
        "SnelStart staat binnen een paar minuten in Simon, voor kantoor en voor de monteurs."
    )


def test_the_office_gets_a_nieuwe_klant_button(karin_client, org_a):
    make_customer(org_a)

    page = parse(karin_client.get(LIST))

    button = page.find("a", class_="button")
    assert (button.text, button.attrs["href"]) == ("Nieuwe klant", CREATE)
    assert page.find_all(data_testid="managed-note") == []


# --- SnelStart leads (S4) ----------------------------------------------------------------------


def test_while_snelstart_manages_customers_list_and_detail_show_the_note_and_no_buttons(
    alice_client, org_a
):
    customer = make_customer(org_a)

    with managed_by_snelstart(org_a):
        listing = parse(alice_client.get(LIST))
        detail = parse(alice_client.get(detail_url(customer)))

    for page in (listing, detail):
        assert page.find(data_testid="managed-note").text == SNELSTART_MESSAGE
        assert [a.text for a in page.find_all("a", class_="button")] == (
            [] if page is listing else ["Werkadres toevoegen"]
        )


def test_while_snelstart_manages_customers_create_and_edit_refuse_with_its_message(
    karin_client, org_a
):
    customer = make_customer(org_a)

    with managed_by_snelstart(org_a):
        responses = [
            karin_client.get(CREATE),
            karin_client.post(CREATE, VALID),
            karin_client.get(edit_url(customer)),
            karin_client.post(edit_url(customer), VALID),
        ]

    for response in responses:
        assert response.status_code == 403
        assert parse(response).find(data_testid="refusal").text == SNELSTART_MESSAGE
        assert parse(response).find_all("form", class_="card") == []
    assert list(Customer.objects.values_list("name", flat=True)) == ["Bakkerij Jansen"]


def test_a_policy_switched_on_while_saving_is_refused_by_the_service_not_a_500(karin_client, org_a):
    """The view asks first; the service asks again at the moment of saving and has the last word."""
    answers = iter([None])

    def policy(organization, kind):
        # None for the view's question, then managed for the service's.
        return next(answers, ExternalManagement(system="SnelStart", message=SNELSTART_MESSAGE))

    external.register_policy(policy)
    try:
        response = karin_client.post(CREATE, VALID)
    finally:
        external._policies.remove(policy)

    assert response.status_code == 403
    assert parse(response).find(data_testid="refusal").text == SNELSTART_MESSAGE
    assert Customer.objects.count() == 0


# --- detail ------------------------------------------------------------------------------------


def test_the_detail_shows_the_customer_and_its_work_addresses(bob_client, org_a):
    customer = make_customer(
        org_a,
        relatiecode=1001,
        email="info@jansen.nl",
        phone="030-1234567",
        source=Source.SNELSTART,
    )
    make_address(customer, "", street="Dorpsstraat", house_number="12", source=Source.SNELSTART)
    make_address(customer, "Filiaal Oost", contact_name="Piet", contact_phone="06-12345678")
    make_address(customer, "Oude loods", active=False)

    response = bob_client.get(detail_url(customer))

    page = parse(response)
    assert page.find("h1").text == "Bakkerij Jansen SnelStart"
    facts = page.find("dl", class_="facts")
    assert [
        (dt.text, dd.text)
        for dt, dd in zip(facts.find_all("dt"), facts.find_all("dd"), strict=True)
    ] == [
        ("Relatiecode", "1001"),
        ("Adres", "Dorpsstraat 12, 3511 AB Utrecht"),
        ("E-mailadres", "info@jansen.nl"),
        ("Telefoonnummer", "030-1234567"),
        ("Herkomst", "SnelStart (debiteur)"),
    ]
    items = page.find("ul", class_="work-addresses").find_all("li", class_="work-address")
    assert [item.find("strong").text for item in items] == [
        "Dorpsstraat 12, Utrecht",
        "Filiaal Oost",
    ]
    assert items[0].find("span", class_="badge").text == "Uit SnelStart"
    assert items[0].find_all("a") == []
    assert items[1].find("div", class_="muted").text == "Contact: Piet · 06-12345678"
    assert page.find("section", id="werkadressen").find_all("p", class_="muted")[-1].text == (
        "1 gedeactiveerd werkadres wordt niet getoond."
    )


def test_the_detail_lists_the_work_orders_newest_first_in_pages(alice_client, alice, org_a):
    customer = make_customer(org_a)
    other = make_customer(org_a, "Andere klant")
    orders = [
        lifecycle.create_work_order(org_a, by=alice, customer=customer, description=f"Klus {n}")
        for n in range(12)
    ]
    lifecycle.create_work_order(org_a, by=alice, customer=other, description="Niet van Jansen")

    first = alice_client.get(detail_url(customer))
    second = alice_client.get(detail_url(customer), {"page": 2})

    rows = table_rows(first, class_="work-orders")
    assert rows[0] == [orders[11].number, "Open", "—", "—", "Klus 11"]
    assert [r[4] for r in rows] == [f"Klus {n}" for n in range(11, 1, -1)]
    assert [r[4] for r in table_rows(second, class_="work-orders")] == ["Klus 1", "Klus 0"]
    link = parse(first).find("table", class_="work-orders").find_all("a")
    try:
        expected = reverse("workorders:detail", args=[orders[11].code])
    except NoReverseMatch:  # the work order screens are built alongside
        assert link == []
    else:
        assert link[0].attrs["href"] == expected


def test_a_monteur_sees_only_the_work_orders_planned_on_them(bob_client, alice, bob, org_a):
    customer = make_customer(org_a)
    mine = lifecycle.create_work_order(
        org_a, by=alice, customer=customer, planned_date=DAY, employees=[bob], description="Mijn"
    )
    lifecycle.create_work_order(org_a, by=alice, customer=customer, description="Niet mijn")

    rows = table_rows(bob_client.get(detail_url(customer)), class_="work-orders")

    assert rows == [[mine.number, "Ingepland", "16 maart 2026", "—", "Mijn"]]


def test_a_customer_without_work_orders_says_so(bob_client, org_a):
    customer = make_customer(org_a)

    page = parse(bob_client.get(detail_url(customer)))

    assert page.find("section", id="werkbonnen").find("p").text == (
        "Nog geen werkbonnen voor deze klant."
    )


def test_a_hidden_customer_stays_reachable_and_says_why_it_is_hidden(karin_client, org_a):
    customer = make_customer(org_a, active=False)

    page = parse(karin_client.get(detail_url(customer)))

    assert page.find("h1").text == "Bakkerij Jansen Simon Verborgen"
    assert page.find("div", class_="warning").text.startswith("Deze klant is verborgen:")
    assert [a.text for a in page.find_all("a", class_="button")] == ["Wijzig"]


# --- create and edit ---------------------------------------------------------------------------


def test_the_office_creates_a_customer(karin_client, org_a):
    response = karin_client.post(CREATE, VALID)

    customer = Customer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(customer)
    assert (customer.organization, customer.source, customer.relatiecode) == (org_a, "local", 2001)
    assert customer.address_line == "Havenweg 7B, 3011 AB Rotterdam"
    assert (customer.email, customer.phone) == ("info@devries.nl", "010-7654321")
    assert messages_of(karin_client.get(response["Location"])) == [
        "Klant Installatie De Vries is aangemaakt."
    ]


def test_the_create_form_says_in_dutch_what_is_wrong(karin_client, org_a):
    response = karin_client.post(
        CREATE,
        {
            **VALID,
            "name": " ",
            "relatiecode": "abc",
            "email": "geen-adres",
            "postcode": "123",
            "country_code": "Nederland",
        },
    )

    assert response.status_code == 200
    assert field_errors(response, "name") == ["Vul de naam van de klant in."]
    assert field_errors(response, "relatiecode") == ["Vul als relatiecode een geheel getal in."]
    assert field_errors(response, "email") == [
        "Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl."
    ]
    assert field_errors(response, "country_code") == ["Vul een landcode van twee letters in."]
    assert parse(response).find("div", role="alert").text == "Controleer de gemarkeerde velden."
    assert Customer.objects.count() == 0


def test_a_dutch_postcode_needs_its_shape_a_foreign_one_not(karin_client, org_a):
    dutch = karin_client.post(CREATE, {**VALID, "postcode": "35111"})
    foreign = karin_client.post(
        CREATE, {**VALID, "postcode": "52062", "city": "Aachen", "country_code": "DE"}
    )

    assert field_errors(dutch, "postcode") == [
        "Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB."
    ]
    assert foreign.status_code == 302
    assert Customer.objects.get().address_line == "Havenweg 7B, 52062 Aachen, DE"


def test_a_taken_relatiecode_is_a_field_error_from_the_service(karin_client, org_a, org_b):
    make_customer(org_a, "Eerste", relatiecode=2001)
    make_customer(org_b, "Bij B mag het", relatiecode=2001)

    response = karin_client.post(CREATE, VALID)

    assert response.status_code == 200
    assert field_errors(response, "relatiecode") == ["Relatiecode 2001 is al in gebruik."]
    assert Customer.objects.filter(organization=org_a).count() == 1


def test_the_office_edits_a_customer(alice_client, org_a):
    customer = make_customer(org_a, relatiecode=1001)

    form = parse(alice_client.get(edit_url(customer)))
    assert form.find("input", name="name").attrs["value"] == "Bakkerij Jansen"
    assert form.find("input", name="relatiecode").attrs["value"] == "1001"

    response = alice_client.post(edit_url(customer), {**VALID, "name": "Bakkerij Jansen & Zn"})

    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.name, customer.relatiecode) == ("Bakkerij Jansen & Zn", 2001)
    assert messages_of(alice_client.get(detail_url(customer))) == [
        "Klant Bakkerij Jansen & Zn is gewijzigd."
    ]


def test_csrf_is_enforced_on_create(karin, org_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(karin)

    response = client.post(CREATE, VALID)

    assert response.status_code == 403
    assert Customer.objects.count() == 0


# --- tenants -----------------------------------------------------------------------------------


def test_a_user_of_b_cannot_see_or_change_customers_of_a(charlie_client, org_a, org_b):
    customer = make_customer(org_a, relatiecode=1001)
    make_customer(org_b, "Bravo's klant")
    before = list(Customer.objects.order_by("pk").values())

    assert charlie_client.get(detail_url(customer)).status_code == 404
    assert charlie_client.get(edit_url(customer)).status_code == 404
    assert charlie_client.post(edit_url(customer), VALID).status_code == 404
    listing = charlie_client.get(LIST)
    searched = charlie_client.get(LIST, {"q": "Jansen"})
    hidden = charlie_client.get(LIST, {"q": "1001", "verborgen": "1"})

    assert [r[0] for r in table_rows(listing, class_="customers")] == ["Bravo's klant"]
    assert parse(searched).find("p", class_="empty").text == (
        "Geen klanten gevonden voor 'Jansen'."
    )
    assert "Bakkerij Jansen" not in hidden.content.decode()
    assert list(Customer.objects.order_by("pk").values()) == before


def test_a_customer_created_by_b_lands_in_b(charlie_client, org_a, org_b):
    charlie_client.post(CREATE, VALID)

    assert list(Customer.objects.values_list("organization", flat=True)) == [org_b.pk]
