"""The Materialen section: article search, quantities with a comma, inline edit (S6, S12)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from simon.testing import make_article
from simon.workorders import services
from simon.workorders.models import MaterialLine, WorkOrder
from simon.workorders.tests.conftest import HTMX
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db

ARTICLES = reverse("workorders:article_options")


def add_url(work_order: WorkOrder) -> str:
    return reverse("workorders:materials_add", kwargs={"code": work_order.code})


def line_url(line: MaterialLine, name: str = "materials_edit") -> str:
    return reverse(
        f"workorders:{name}", kwargs={"code": line.work_order.code, "line_code": line.code}
    )


def add(client: Client, work_order: WorkOrder, **data: object):
    return client.post(add_url(work_order), {f"materiaal-{k}": v for k, v in data.items()}, **HTMX)


def rows(html: str) -> list[str]:
    return [text(r) for r in re.findall(r"<tr data-line=.*?</tr>", html, flags=re.S)]


def options(response) -> list[str]:
    return [text(o) for o in re.findall(r"<option[^>]*>.*?</option>", response.content.decode())]


def test_the_article_search_finds_visible_articles_by_code_first(bob_client, org_a, article):
    make_article(org_a, "PIJP-15", "Koperen pijp 15 mm, kraanaansluiting", unit="m")
    make_article(org_a, "KRAAN-22", "Kraan 22 mm", active=False)

    response = bob_client.get(ARTICLES, {"q": "kraan"}, **HTMX)

    assert options(response) == [
        "— kies een artikel —",
        "KRAAN-15 · Kraan 15 mm (stuk)",
        "PIJP-15 · Koperen pijp 15 mm, kraanaansluiting (m)",
    ]


def test_a_quantity_with_a_comma_is_stored_exactly_and_shown_with_a_comma(
    bob_client, planned, article
):
    response = add(bob_client, planned, article=str(article.code), quantity="1,5", note="Keuken")

    html = response.content.decode()
    assert html.startswith('<section id="materialen" class="card">')
    assert rows(html) == ["KRAAN-15 Kraan 15 mm 1,5 stuk Keuken Wijzigen Verwijderen"]
    assert '<section id="totalen" class="card" hx-swap-oob="true">' in html
    assert "Materiaalregels 1" in text(html)
    assert list(MaterialLine.objects.values_list("quantity", flat=True)) == [Decimal("1.5")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quantity": "2"}, "Kies een artikel."),
        ({"article": "ARTICLE", "quantity": ""}, "Vul een aantal in."),
        ({"article": "ARTICLE", "quantity": "twee"}, "Vul een geldig aantal in."),
        ({"article": "ARTICLE", "quantity": "0"}, "Het aantal moet groter dan 0 zijn."),
        ({"article": "ARTICLE", "quantity": "1,2345"}, "Gebruik maximaal 3 decimalen."),
    ],
)
def test_invalid_materials_are_shown_on_the_form(bob_client, planned, article, data, message):
    data = {k: str(article.code) if v == "ARTICLE" else v for k, v in data.items()}

    response = add(bob_client, planned, **data)

    assert message in text(response)
    assert not MaterialLine.objects.exists()
    if "article" in data:  # the picked article stays picked
        assert f'value="{article.code}" selected' in response.content.decode()


def test_a_line_is_edited_inline_and_deleted(bob_client, bob, planned, article, org_a):
    other = make_article(org_a, "PIJP-15", "Koperen pijp 15 mm", unit="m")
    line = services.add_material(planned, by=bob, article=article, quantity="1.5")

    form = bob_client.get(line_url(line), **HTMX)
    assert 'name="materiaal-wijzig-quantity" value="1,5"' in form.content.decode()
    saved = bob_client.post(
        line_url(line),
        {"materiaal-wijzig-article": str(other.code), "materiaal-wijzig-quantity": "2,25"},
        **HTMX,
    )
    assert rows(saved.content.decode()) == [
        "PIJP-15 Koperen pijp 15 mm 2,25 m Wijzigen Verwijderen"
    ]

    deleted = bob_client.post(line_url(line, "materials_delete"), **HTMX)
    assert "Nog geen materialen geregistreerd." in text(deleted)
    assert "Materiaalregels 0" in text(deleted)
    assert not MaterialLine.objects.exists()


def test_the_office_corrects_materials_of_a_completed_order(
    alice_client, bob_client, bob, planned, article
):
    line = services.add_material(planned, by=bob, article=article, quantity=3)
    services.report_complete(planned, by=bob)

    refused = bob_client.post(line_url(line, "materials_delete"), **HTMX)
    alice_client.post(
        line_url(line),
        {"materiaal-wijzig-article": str(article.code), "materiaal-wijzig-quantity": "2"},
        **HTMX,
    )

    assert refused.status_code == 403
    assert list(MaterialLine.objects.values_list("quantity", flat=True)) == [Decimal("2")]


def test_an_archived_order_refuses_materials(alice_client, archived, article):
    response = add(alice_client, archived, article=str(article.code), quantity="1")

    assert response.status_code == 403
    assert not MaterialLine.objects.exists()


def test_a_colleague_gets_404(dave_client, planned, article):
    response = add(dave_client, planned, article=str(article.code), quantity="1")

    assert response.status_code == 404
    assert not MaterialLine.objects.exists()


def test_another_tenant_gets_404_and_changes_nothing(charlie_client, bob, planned, article):
    line = services.add_material(planned, by=bob, article=article, quantity=1)
    foreign = make_article(line.organization, "X", "X")  # noqa: F841 - A's, not B's

    assert add(charlie_client, planned, article=str(article.code), quantity="1").status_code == 404
    assert charlie_client.get(line_url(line), **HTMX).status_code == 404
    assert charlie_client.post(line_url(line), {"materiaal-wijzig-quantity": "9"}).status_code == (
        404
    )
    assert charlie_client.post(line_url(line, "materials_delete")).status_code == 404
    assert list(MaterialLine.objects.values_list("quantity", flat=True)) == [Decimal("1")]


def test_an_article_of_another_tenant_cannot_be_picked(bob_client, planned, org_b):
    foreign = make_article(org_b, "BRAVO-1", "Artikel van Bravo")

    response = add(bob_client, planned, article=str(foreign.code), quantity="1")

    assert "Selecteer een geldige keuze." in text(response)
    assert not MaterialLine.objects.exists()


def test_adding_materials_needs_the_csrf_token(bob, planned, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)

    response = add(client, planned, article=str(article.code), quantity="1")

    assert response.status_code == 403
    assert not MaterialLine.objects.exists()
