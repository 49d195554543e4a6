"""Tenant isolation: articles and groups never cross organizations."""

from __future__ import annotations

import pytest

from simon.catalog import services
from simon.catalog.errors import ArticleError
from simon.catalog.models import Article
from simon.lib.errors import NotPermitted
from simon.testing import make_article, make_group

pytestmark = pytest.mark.django_db


def test_a_user_of_b_cannot_write_articles_of_a(org_a, charlie):
    article = make_article(org_a)
    calls = [
        lambda: services.create_article(org_a, by=charlie, article_code="X", description="X"),
        lambda: services.update_article(article, by=charlie, description="Gekaapt"),
        lambda: services.remove_article(article, by=charlie),
        lambda: services.create_article_group(org_a, by=charlie, name="Gekaapt"),
    ]
    for call in calls:
        with pytest.raises(NotPermitted) as error:
            call()
        assert error.value.may_view is False

    assert list(Article.objects.values_list("article_code", "description", "active")) == [
        ("KRAAN-15", "Kraan 15 mm", True)
    ]


def test_a_group_of_another_organization_is_refused(org_a, org_b):
    foreign_group = make_group(org_b, "Bravo-groep")

    with pytest.raises(ArticleError) as error:
        services.create_article(org_a, article_code="X", description="X", group=foreign_group)

    assert error.value.message == "Onbekende artikelgroep."
    assert Article.objects.count() == 0


def test_the_same_code_may_exist_in_two_organizations(org_a, org_b):
    services.create_article(org_a, article_code="KRAAN-15", description="Kraan")
    services.create_article(org_b, article_code="KRAAN-15", description="Kraan")

    assert Article.objects.filter(article_code="KRAAN-15").count() == 2
