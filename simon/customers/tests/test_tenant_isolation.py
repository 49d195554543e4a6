"""Tenant isolation: customers and work addresses never cross organizations."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from simon.customers import services
from simon.customers.models import Customer, WorkAddress
from simon.lib.errors import NotPermitted
from simon.testing import make_address, make_customer

pytestmark = pytest.mark.django_db


def test_a_user_of_b_cannot_write_customers_of_a(org_a, charlie):
    customer = make_customer(org_a)
    address = make_address(customer)
    calls = [
        lambda: services.create_customer(org_a, by=charlie, name="Indringer"),
        lambda: services.update_customer(customer, by=charlie, name="Gekaapt"),
        lambda: services.remove_customer(customer, by=charlie),
        lambda: services.add_work_address(customer, by=charlie, street="Nergens"),
        lambda: services.update_work_address(address, by=charlie, label="Gekaapt"),
        lambda: services.deactivate_work_address(address, by=charlie),
        lambda: services.remove_work_address(address, by=charlie),
    ]
    for call in calls:
        with pytest.raises(NotPermitted) as error:
            call()
        assert error.value.may_view is False

    assert list(Customer.objects.values_list("name", "active")) == [("Bakkerij Jansen", True)]
    assert list(WorkAddress.objects.values_list("label", "active")) == [("Filiaal", True)]


def test_a_work_address_takes_its_customers_organization(org_a, alice):
    customer = make_customer(org_a)

    address = services.add_work_address(customer, by=alice, street="Kerkstraat")

    assert address.organization_id == org_a.pk


def test_a_work_address_with_another_organization_than_its_customer_is_invalid(org_a, org_b):
    customer = make_customer(org_a)
    address = WorkAddress(organization=org_b, customer=customer, street="Kerkstraat")

    with pytest.raises(ValidationError) as error:
        address.full_clean()

    assert "customer" in error.value.message_dict


def test_for_org_scopes_customers(org_a, org_b):
    mine = make_customer(org_a, "Van A")
    make_customer(org_b, "Van B")

    assert list(Customer.objects.for_org(org_a)) == [mine]
