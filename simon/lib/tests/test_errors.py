"""The S4 question and the domain errors built on it."""

from __future__ import annotations

import pytest

from simon.lib.errors import MasterDataManagedExternally, NotPermitted, ensure_managed_here
from simon.testing import SNELSTART_MESSAGE, managed_by_snelstart

pytestmark = pytest.mark.django_db


def test_nothing_is_managed_externally_without_a_policy(org_a):
    ensure_managed_here(org_a, "customer")
    ensure_managed_here(org_a, "article")


def test_a_policy_refuses_with_its_own_message_for_its_organization_only(org_a, org_b):
    with managed_by_snelstart(org_a) as answer:
        with pytest.raises(MasterDataManagedExternally) as error:
            ensure_managed_here(org_a, "article")
        ensure_managed_here(org_b, "article")

    assert error.value.message == SNELSTART_MESSAGE
    assert error.value.management is answer
    ensure_managed_here(org_a, "article")


def test_not_permitted_has_a_dutch_default_and_tells_whether_to_hide():
    error = NotPermitted(may_view=False)

    assert str(error) == "Je hebt geen toegang tot deze actie."
    assert error.may_view is False
