"""Articles, read-only: the field app searches them to book materials (S2, S4)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from simon.api.auth import caller
from simon.api.errors import responses
from simon.api.lookup import get_or_404
from simon.api.paging import Paging, SearchText, page, searchable
from simon.api.schemas import ArticleOut, ArticlePage
from simon.catalog.models import Article
from simon.catalog.services import search_articles

router = Router(tags=["artikelen"])


@router.get("/articles", response=responses({200: ArticlePage}, 422), summary="Artikelen zoeken")
def list_articles(
    request: HttpRequest, paging: Query[Paging], q: SearchText = ""
) -> dict[str, Any]:
    return page(search_articles(caller(request).organization, searchable(q)), paging)


@router.get("/articles/{code}", response=responses({200: ArticleOut}, 404), summary="Artikel")
def get_article(request: HttpRequest, code: str) -> Article:
    visible = Article.objects.for_org(caller(request).organization).visible()
    return get_or_404(visible.select_related("group"), code, Article)
