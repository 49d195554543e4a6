"""Test support shared by the apps' tests: small factories, fixed values and a stand-in for an
integration's policy.

Only tests (and their conftest files) import this package; production code never does (checked
by ``simon/lib/tests/test_layers.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from simon.catalog.models import Article, ArticleGroup
from simon.customers.models import Customer, WorkAddress
from simon.lib import external
from simon.lib.external import ExternalManagement
from simon.tenants.models import Organization

SNELSTART_MESSAGE = "Beheer klanten en artikelen in SnelStart"


def make_customer(organization: Organization, name: str = "Bakkerij Jansen", **kw: Any) -> Customer:
    kw.setdefault("street", "Dorpsstraat")
    kw.setdefault("house_number", "12")
    kw.setdefault("postcode", "3511 AB")
    kw.setdefault("city", "Utrecht")
    return Customer.objects.create(organization=organization, name=name, **kw)


def make_address(customer: Customer, label: str = "Filiaal", **kw: Any) -> WorkAddress:
    kw.setdefault("street", "Marktplein")
    kw.setdefault("house_number", "3")
    kw.setdefault("city", customer.city)
    return WorkAddress.objects.create(
        organization_id=customer.organization_id, customer=customer, label=label, **kw
    )


def make_article(
    organization: Organization, code: str = "KRAAN-15", description: str = "Kraan 15 mm", **kw: Any
) -> Article:
    return Article.objects.create(
        organization=organization, article_code=code, description=description, **kw
    )


def make_group(organization: Organization, name: str = "Materialen") -> ArticleGroup:
    return ArticleGroup.objects.create(organization=organization, name=name)


@contextmanager
def managed_by_snelstart(*organizations: Organization) -> Iterator[ExternalManagement]:
    """Register a policy like the integration's for these organizations, only inside the block."""
    answer = ExternalManagement(system="SnelStart", message=SNELSTART_MESSAGE)
    ids = {org.pk for org in organizations}

    def policy(organization: Organization, kind: str) -> ExternalManagement | None:
        return answer if organization.pk in ids else None

    external.register_policy(policy)
    try:
        yield answer
    finally:
        external._policies.remove(policy)


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A Monday, for tests that need a fixed planning date.
DAY = date(2026, 3, 16)


def png_data_url(width: int = 40, height: int = 16) -> str:
    """A real PNG signature as the pad sends it: a black stroke on transparency, as Simon
    stores it (re-encoded by Pillow, which writes the same bytes again)."""
    import base64
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(image).line(
        [(2, height - 3), (width // 2, 2), (width - 3, height - 4)], fill="black", width=2
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
