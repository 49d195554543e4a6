"""Customers and work addresses: writing them, SnelStart's lead (S4) and hiding (S5)."""

from __future__ import annotations

import pytest

from simon.customers import services
from simon.customers.errors import CustomerError
from simon.customers.models import Customer, WorkAddress
from simon.lib.choices import Source
from simon.lib.errors import MasterDataManagedExternally, NotPermitted
from simon.testing import SNELSTART_MESSAGE, make_address, make_customer, managed_by_snelstart
from simon.workorders import services as workorder_services

pytestmark = pytest.mark.django_db


def test_the_office_creates_a_customer(org_a, karin):
    customer = services.create_customer(
        org_a,
        by=karin,
        name=" Bakkerij Jansen ",
        relatiecode=1001,
        street="Dorpsstraat",
        house_number="12",
        house_number_addition="A",
        postcode="3511ab",
        city="Utrecht",
    )

    assert (customer.name, customer.source, customer.active) == ("Bakkerij Jansen", "local", True)
    assert customer.address_line == "Dorpsstraat 12A, 3511 AB Utrecht"
    assert str(customer) == "Bakkerij Jansen (1001)"


def test_a_foreign_address_shows_its_country(org_a):
    customer = make_customer(org_a, "Bäckerei", city="Aachen", postcode="52062", country_code="DE")

    assert customer.display_address == "Dorpsstraat 12, 52062 Aachen, DE"


def test_a_monteur_cannot_create_customers(org_a, bob):
    with pytest.raises(NotPermitted):
        services.create_customer(org_a, by=bob, name="Nieuw")

    assert Customer.objects.count() == 0


def test_a_relatiecode_is_unique_per_organization(org_a, org_b):
    services.create_customer(org_a, name="Eerste", relatiecode=5)
    services.create_customer(org_b, name="Andere organisatie", relatiecode=5)

    with pytest.raises(CustomerError) as error:
        services.create_customer(org_a, name="Tweede", relatiecode=5)

    assert error.value.message == "Relatiecode 5 is al in gebruik."
    assert Customer.objects.filter(relatiecode=5).count() == 2


def test_a_customer_needs_a_name(org_a):
    with pytest.raises(CustomerError) as error:
        services.create_customer(org_a, name="  ")

    assert error.value.field == "name"


def test_externally_managed_customers_are_refused_with_the_policys_message(org_a, karin):
    customer = make_customer(org_a)
    with managed_by_snelstart(org_a):
        with pytest.raises(MasterDataManagedExternally) as created:
            services.create_customer(org_a, by=karin, name="Nieuw")
        with pytest.raises(MasterDataManagedExternally) as updated:
            services.update_customer(customer, by=karin, name="Anders")
        with pytest.raises(MasterDataManagedExternally):
            services.remove_customer(customer, by=karin)

    assert created.value.message == SNELSTART_MESSAGE
    assert updated.value.message == SNELSTART_MESSAGE
    assert list(Customer.objects.values_list("name", flat=True)) == ["Bakkerij Jansen"]


def test_work_addresses_stay_editable_when_customers_are_managed_externally(org_a, karin, bob):
    customer = make_customer(org_a)
    with managed_by_snelstart(org_a):
        added = services.add_work_address(customer, by=bob, label="Loods", street="Havenweg")
        services.update_work_address(added, by=karin, contact_name="Piet")
        services.deactivate_work_address(added, by=karin)

    added.refresh_from_db()
    assert (added.label, added.contact_name, added.active) == ("Loods", "Piet", False)


def test_the_integration_itself_may_write_managed_customers(org_a):
    with managed_by_snelstart(org_a):
        customer = services.create_customer(
            org_a, name="Uit SnelStart", source=Source.SNELSTART, from_integration=True
        )

    assert customer.source == "snelstart"


def test_the_policy_of_one_organization_does_not_bind_another(org_a, org_b):
    with managed_by_snelstart(org_a):
        customer = services.create_customer(org_b, name="Bravo's klant")

    assert customer.organization == org_b


def test_remove_customer_deletes_an_unreferenced_customer(org_a):
    customer = make_customer(org_a)
    make_address(customer)

    assert services.remove_customer(customer) is True

    assert Customer.objects.count() == 0
    assert WorkAddress.objects.count() == 0


def test_remove_customer_hides_a_customer_a_work_order_refers_to(org_a, alice):
    customer = make_customer(org_a)
    work_order = workorder_services.create_work_order(org_a, by=alice, customer=customer)

    assert services.remove_customer(customer) is False

    stored = Customer.objects.get(pk=customer.pk)
    assert stored.active is False
    assert list(Customer.objects.visible()) == []
    work_order.refresh_from_db()
    assert work_order.customer == stored


def test_remove_customer_hides_a_customer_whose_work_address_is_in_use(org_a, alice):
    customer = make_customer(org_a)
    address = make_address(customer)
    workorder_services.create_work_order(org_a, by=alice, customer=customer, work_address=address)
    unreferenced = make_customer(org_a, "Zonder werkbon")

    assert services.remove_customer(customer) is False
    assert services.remove_customer(unreferenced) is True
    assert WorkAddress.objects.get(pk=address.pk).customer_id == customer.pk


def test_remove_work_address_hides_one_in_use_and_deletes_one_not(org_a, alice):
    customer = make_customer(org_a)
    used, unused = make_address(customer, "Gebruikt"), make_address(customer, "Ongebruikt")
    workorder_services.create_work_order(org_a, by=alice, customer=customer, work_address=used)

    assert services.remove_work_address(used) is False
    assert services.remove_work_address(unused) is True

    assert list(WorkAddress.objects.values_list("label", "active")) == [("Gebruikt", False)]


def test_one_active_snelstart_work_address_per_customer(org_a):
    customer = make_customer(org_a)
    services.add_work_address(customer, source=Source.SNELSTART, street="Dorpsstraat")

    with pytest.raises(CustomerError) as error:
        services.add_work_address(customer, source=Source.SNELSTART, street="Kerkstraat")
    services.add_work_address(customer, street="Kerkstraat")

    assert error.value.message == "Deze klant heeft al een werkadres uit SnelStart."
    assert customer.work_addresses.count() == 2


def test_a_hidden_customer_gets_no_new_work_addresses(org_a):
    customer = make_customer(org_a, active=False)

    with pytest.raises(CustomerError):
        services.add_work_address(customer, street="Kerkstraat")


def test_visible_work_addresses_exclude_those_of_hidden_customers(org_a):
    shown = make_address(make_customer(org_a, "Zichtbaar"))
    make_address(make_customer(org_a, "Verborgen", active=False))

    assert list(WorkAddress.objects.visible()) == [shown]


def test_the_snelstart_work_address_cannot_be_changed_or_removed_in_simon(org_a, karin):
    customer = make_customer(org_a)
    derived = services.add_work_address(customer, source=Source.SNELSTART, street="Dorpsstraat")
    calls = [
        lambda: services.update_work_address(derived, by=karin, street="Kerkstraat"),
        lambda: services.deactivate_work_address(derived, by=karin),
        lambda: services.remove_work_address(derived, by=karin),
    ]
    for call in calls:
        with pytest.raises(CustomerError) as error:
            call()
        assert error.value.message == (
            "Dit werkadres is het standaard debiteuradres uit SnelStart en wordt daar beheerd. "
            "Wijzig het adres in SnelStart of voeg een eigen werkadres toe."
        )

    stored = WorkAddress.objects.get(pk=derived.pk)
    assert (stored.street, stored.active) == ("Dorpsstraat", True)


def test_search_customers_finds_name_city_postcode_email_and_relatiecode(org_a, org_b):
    jansen = make_customer(org_a, "Bakkerij Jansen", relatiecode=1001, email="info@jansen.nl")
    pieters = make_customer(
        org_a, "Pieters Installatie", relatiecode=17, city="Zwolle", postcode="8011 AB"
    )
    make_customer(org_a, "Verborgen Jansen", active=False)
    make_customer(org_b, "Bakkerij Jansen van B")

    def names(text: str) -> list[str]:
        return [c.name for c in services.search_customers(org_a, text)]

    assert names("") == ["Bakkerij Jansen", "Pieters Installatie"]
    assert names("jansen") == ["Bakkerij Jansen"]
    assert names("zwolle") == ["Pieters Installatie"]
    assert names("8011ab") == ["Pieters Installatie"]
    assert names("@jansen.nl") == ["Bakkerij Jansen"]
    assert names("1001") == ["Bakkerij Jansen"]
    assert names("12345678901") == []
    assert [c.pk for c in services.search_customers(org_a, "17")] == [pieters.pk]
    assert jansen.pk not in [c.pk for c in services.search_customers(org_b, "jansen")]


def test_search_customers_puts_the_relatiecode_then_name_prefixes_first(org_a):
    make_customer(org_a, "Adres 42 BV", relatiecode=1)
    make_customer(org_a, "Zuid 42", relatiecode=42)
    make_customer(org_a, "42 Graden", relatiecode=2)

    assert [c.name for c in services.search_customers(org_a, "42")] == [
        "Zuid 42",
        "42 Graden",
        "Adres 42 BV",
    ]


def test_search_customers_includes_hidden_ones_only_when_asked(org_a):
    make_customer(org_a, "Zichtbaar")
    make_customer(org_a, "Verborgen", active=False)

    assert [c.name for c in services.search_customers(org_a, "", include_hidden=True)] == [
        "Verborgen",
        "Zichtbaar",
    ]
