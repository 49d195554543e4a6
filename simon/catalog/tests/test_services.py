"""Articles: searching, SnelStart's lead (S4) and hiding articles in use (S5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from simon.catalog import services
from simon.catalog.errors import ArticleError
from simon.catalog.models import Article
from simon.lib.errors import MasterDataManagedExternally, NotPermitted
from simon.testing import SNELSTART_MESSAGE, make_article, make_group, managed_by_snelstart
from simon.workorders import services as workorder_services

pytestmark = pytest.mark.django_db


def codes(qs):
    return [a.article_code for a in qs]


def test_search_finds_code_prefix_first_then_code_then_description(org_a):
    make_article(org_a, "KRAAN-15", "Kraan 15 mm")
    make_article(org_a, "AFV-KR", "Afvoerbocht")
    make_article(org_a, "BOCHT-22", "Bocht voor kraanaansluiting")
    make_article(org_a, "TAPE", "Teflontape")

    assert codes(services.search_articles(org_a, "kr")) == ["KRAAN-15", "AFV-KR", "BOCHT-22"]


def test_search_leaves_out_hidden_and_foreign_articles(org_a, org_b):
    make_article(org_a, "KRAAN-15", "Kraan 15 mm")
    make_article(org_a, "KRAAN-OUD", "Oude kraan", active=False)
    make_article(org_b, "KRAAN-B", "Kraan van Bravo")

    assert codes(services.search_articles(org_a, "KRAAN")) == ["KRAAN-15"]


def test_an_empty_search_lists_all_visible_articles_by_code(org_a):
    make_article(org_a, "B", "Bee")
    make_article(org_a, "A", "Aa")

    assert codes(services.search_articles(org_a, " ")) == ["A", "B"]


def test_the_office_creates_an_article_with_an_exact_price(org_a, karin):
    group = make_group(org_a)

    article = services.create_article(
        org_a,
        by=karin,
        article_code="ARB-UUR",
        description="Arbeid per uur",
        unit="uur",
        sales_price="62.5",
        group=group,
    )

    assert (article.sales_price, article.group, article.source) == (Decimal("62.5"), group, "local")


def test_a_monteur_cannot_create_articles(org_a, bob):
    with pytest.raises(NotPermitted):
        services.create_article(org_a, by=bob, article_code="X", description="X")


def test_a_visible_article_code_is_unique(org_a):
    make_article(org_a, "KRAAN-15")

    with pytest.raises(ArticleError) as error:
        services.create_article(org_a, article_code="KRAAN-15", description="Nog een kraan")

    assert error.value.message == "Artikelcode KRAAN-15 bestaat al."


def test_an_article_needs_a_code_and_a_description(org_a):
    with pytest.raises(ArticleError) as no_code:
        services.create_article(org_a, article_code="", description="Iets")
    with pytest.raises(ArticleError) as no_description:
        services.create_article(org_a, article_code="X", description="")

    assert (no_code.value.field, no_description.value.field) == ("article_code", "description")


def test_externally_managed_articles_are_refused_with_the_policys_message(org_a, karin):
    article = make_article(org_a)
    with managed_by_snelstart(org_a):
        with pytest.raises(MasterDataManagedExternally) as created:
            services.create_article(org_a, by=karin, article_code="NIEUW", description="Nieuw")
        with pytest.raises(MasterDataManagedExternally) as updated:
            services.update_article(article, by=karin, description="Anders")
        with pytest.raises(MasterDataManagedExternally):
            services.remove_article(article, by=karin)
        with pytest.raises(MasterDataManagedExternally):
            services.create_article_group(org_a, by=karin, name="Nieuw")

    assert created.value.message == updated.value.message == SNELSTART_MESSAGE
    assert list(Article.objects.values_list("description", flat=True)) == ["Kraan 15 mm"]


def test_remove_article_deletes_an_unused_article(org_a):
    article = make_article(org_a)

    assert services.remove_article(article) is True
    assert Article.objects.count() == 0


def test_remove_article_hides_an_article_on_a_work_order(org_a, alice):
    article = make_article(org_a)
    work_order = workorder_services.create_work_order(org_a, by=alice)
    line = workorder_services.add_material(work_order, by=alice, article=article, quantity=1)

    assert services.remove_article(article) is False

    assert Article.objects.get(pk=article.pk).active is False
    assert list(Article.objects.visible()) == []
    line.refresh_from_db()
    assert line.article_id == article.pk


def test_removing_a_group_leaves_its_articles(org_a):
    group = make_group(org_a)
    article = make_article(org_a, group=group)

    group.delete()

    article.refresh_from_db()
    assert article.group is None
