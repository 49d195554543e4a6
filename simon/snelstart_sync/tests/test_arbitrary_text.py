"""Property: whatever text SnelStart holds, a sync completes, every record arrives, and the
records Simon had to shorten or set aside are named in the integration log (issue 9).

Records are written into the emulator over its HTTP API (SnelStart accepts NUL, control
characters, lone surrogates and texts far longer than Simon's columns), then read by a real
sync. This runs on SQLite and, in the PostgreSQL round, on PostgreSQL, which refuses NUL.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from simon.catalog.models import Article
from simon.customers.models import Customer, WorkAddress
from simon.lib.text import clean_line, fit
from simon.snelstart_sync import mapping
from simon.snelstart_sync.models import Kind, LogMessage
from simon.snelstart_sync.sync import sync_organization
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.conftest import link
from simon.tenants.models import Organization

pytestmark = pytest.mark.django_db(transaction=True)

NASTY = [
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\x07\x1b[31mrood\x1b[0m",
    "\u202eTCELES\u202c",
    "\u200fשלום\u200f",
    "<script>alert(1)</script>",
    "'; DROP TABLE customers_customer; --",
    "Ünïcødé 🚐 ‍",
    "\r\n\t",
    "\x85\u2028\u2029",
    "\ufeff\ufffe\uffff",
    "   ",
    "",
]

# Any code point (lone surrogates included), pieces known to hurt, and long repetitions.
texts = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.sampled_from(NASTY),
    st.builds(
        lambda piece, n: piece * n,
        st.sampled_from(["a", "é", "\x00", "🚐", "ab "]),
        st.integers(90, 10_000),
    ),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=4).map("".join),
)


@dataclass(frozen=True)
class CustomerText:
    naam: str
    straat: str
    plaats: str
    contactpersoon: str
    telefoon: str


@dataclass(frozen=True)
class ArticleText:
    artikelcode: str
    omschrijving: str
    eenheid: str
    price_fits: bool


customers = st.builds(CustomerText, texts, texts, texts, texts, texts)
articles = st.builds(ArticleText, texts, texts, texts, st.booleans())


def post(api: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any] | None:
    """Create a record through SnelStart's API; None when SnelStart refuses the input (then it
    does not exist, and there is nothing for Simon to read)."""
    # ensure_ascii: a lone surrogate can only travel as a JSON escape.
    response = api.post(
        path, content=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    if response.status_code == 400:
        return None
    assert response.status_code == 201, response.text
    return response.json()


def create_customer(api: httpx.Client, land: str, text: CustomerText, n: int) -> dict | None:
    return post(
        api,
        "/relaties",
        {
            "relatiesoort": ["Klant"],
            "relatiecode": 50_000 + n,
            "naam": text.naam,
            "telefoon": text.telefoon,
            "vestigingsAdres": {
                "contactpersoon": text.contactpersoon,
                "straat": text.straat,
                "postcode": "1234 AB",
                "plaats": text.plaats,
                "land": {"id": land},
            },
        },
    )


def create_article(api: httpx.Client, group: dict, text: ArticleText) -> dict | None:
    return post(
        api,
        "/artikelen",
        {
            "artikelcode": text.artikelcode,
            "omschrijving": text.omschrijving,
            "eenheid": text.eenheid,
            "artikelOmzetgroep": {"id": group["id"]},
            "verkoopprijs": 12.5 if text.price_fits else 123_456_789_012.5,
        },
    )


def warnings_about(organization: Organization, snelstart_id: str) -> list[str]:
    return [
        m
        for m in LogMessage.objects.filter(organization=organization, kind=Kind.WARNING)
        .values_list("message", flat=True)
        .order_by("id")
        if f"SnelStart-id {snelstart_id}" in m
    ]


def cut_any(*pairs: tuple[str, int]) -> bool:
    return any(fit(text, limit)[1] for text, limit in pairs)


def check_customer(organization: Organization, relatie: dict, text: CustomerText) -> None:
    customer = Customer.objects.get(organization=organization, snelstart_id=relatie["id"])
    expected_name = fit(relatie["naam"], mapping.NAME_MAX)[0] or f"Relatie {relatie['relatiecode']}"
    assert customer.name == expected_name
    assert customer.relatiecode == relatie["relatiecode"]
    address = WorkAddress.objects.get(customer=customer, source="snelstart")
    assert address.contact_name == fit(text.contactpersoon, mapping.CONTACT_MAX)[0]
    street = mapping.split_straat(relatie["vestigingsAdres"]["straat"])[0]
    shortened = cut_any(
        (relatie["naam"], mapping.NAME_MAX),
        (street, mapping.STREET_MAX),
        (relatie["vestigingsAdres"]["plaats"], mapping.CITY_MAX),
        (relatie["vestigingsAdres"]["contactpersoon"], mapping.CONTACT_MAX),
        (relatie["telefoon"], mapping.PHONE_MAX),
    )
    told = [m for m in warnings_about(organization, relatie["id"]) if "ingekort" in m]
    assert len(told) == (1 if shortened else 0), told


def check_article(organization: Organization, artikel: dict, text: ArticleText) -> None:
    stored = Article.objects.filter(organization=organization, snelstart_id=artikel["id"])
    told = warnings_about(organization, artikel["id"])
    if not clean_line(artikel["artikelcode"]) or not text.price_fits:
        # Set aside: not stored, and named with its SnelStart id.
        assert not stored.exists()
        assert [m for m in told if "niet overgenomen" in m], told
        return
    article = stored.get()
    assert article.article_code == fit(artikel["artikelcode"], mapping.CODE_MAX)[0]
    assert article.description == fit(artikel["omschrijving"], mapping.DESCRIPTION_MAX)[0]
    assert article.sales_price == Decimal("12.5")
    shortened = cut_any(
        (artikel["artikelcode"], mapping.CODE_MAX),
        (artikel["omschrijving"], mapping.DESCRIPTION_MAX),
        (artikel["eenheid"], mapping.UNIT_MAX),
    )
    assert len([m for m in told if "ingekort" in m]) == (1 if shortened else 0), told


@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@example(
    customer_texts=[CustomerText("a\x00b" * 50, "Dorp\x00straat 1", "\ud800", "\x07", "0\x0030")],
    article_texts=[ArticleText("K\x00RAAN", "x" * 10_000, "st\ud800uk", True)],
)
@given(
    customer_texts=st.lists(customers, max_size=3),
    article_texts=st.lists(articles, max_size=3),
)
def test_any_text_from_snelstart_syncs_and_bad_records_are_named(
    snelstart_at, customer_texts, article_texts
):
    organization = Organization.objects.create(name=f"Tekst {uuid.uuid4().hex[:8]}")
    linked = link(organization, snelstart_at, groups=2)
    linked.settings()
    try:
        land = ss.nederland(linked.api)
        group = ss.groups(linked.api)[0]
        good = ss.create_customer(linked.api, "Gewone klant", relatiecode=49_999)
        made_customers = [
            (r, t)
            for n, t in enumerate(customer_texts)
            if (r := create_customer(linked.api, land, t, n)) is not None
        ]
        made_articles = [
            (a, t) for t in article_texts if (a := create_article(linked.api, group, t)) is not None
        ]
        ss.create_article(linked.api, "GEWOON-1", group)

        report = sync_organization(organization.pk)

        assert report is not None and report.ok, report and report.error
        assert Customer.objects.filter(organization=organization, snelstart_id=good["id"]).exists()
        assert Article.objects.filter(organization=organization, article_code="GEWOON-1").exists()
        for relatie, text in made_customers:
            check_customer(organization, relatie, text)
        for artikel, text in made_articles:
            check_article(organization, artikel, text)
        # A second sync reads the overlap again: nothing new to warn about, nothing fails.
        before = LogMessage.objects.filter(organization=organization).count()
        assert sync_organization(organization.pk).ok
        assert LogMessage.objects.filter(organization=organization).count() == before
    finally:
        linked.api.close()
