"""Writing and finding articles. Views and the API call these, never the ORM directly.

``by`` is the acting user (office only); None means the system. While an integration manages
articles (S4) creating, changing and removing them is refused unless the caller is that
integration (``from_integration=True``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import (
    Case,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext as _

from simon.catalog.errors import ArticleError
from simon.catalog.models import Article, ArticleGroup
from simon.lib.choices import Source
from simon.lib.removal import delete_or_hide
from simon.tenants.membership import require_master_data_change
from simon.tenants.models import Organization
from simon.tenants.types import User

ARTICLE_FIELDS = ("article_code", "description", "unit", "sales_price", "group")


def search_articles(organization: Organization, text: str) -> QuerySet[Article]:
    """Visible articles whose code or description contains ``text``, case-insensitively.

    Codes starting with the text come first (a monteur types 'KR' for 'KRAAN-15'), then other
    code matches, then description matches; each part ordered by code.
    """
    qs = Article.objects.filter(organization=organization).visible().select_related("group")
    text = (text or "").strip()
    if not text:
        return qs.order_by("article_code", "id")
    matches = Q(article_code__icontains=text) | Q(description__icontains=text)
    rank = Case(
        When(article_code__istartswith=text, then=Value(0)),
        When(article_code__icontains=text, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.filter(matches).annotate(match_rank=rank).order_by("match_rank", "article_code", "id")


def _clean(organization: Organization, fields: dict[str, Any], pk: int | None) -> dict[str, Any]:
    unknown = set(fields) - set(ARTICLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "article_code" in values:
        code = values["article_code"]
        if not code:
            raise ArticleError(_("Vul de artikelcode in."), field="article_code")
        taken = Article.objects.filter(organization=organization, article_code=code).visible()
        if taken.exclude(pk=pk).exists():
            raise ArticleError(
                _("Artikelcode %(code)s bestaat al.") % {"code": code}, field="article_code"
            )
    if "description" in values and not values["description"]:
        raise ArticleError(_("Vul de omschrijving in."), field="description")
    if values.get("sales_price") is not None:
        try:
            price = Decimal(str(values["sales_price"]))
        except InvalidOperation:
            raise ArticleError(_("Vul een geldige prijs in."), field="sales_price") from None
        if not price.is_finite() or abs(price) >= Decimal("1e8"):
            raise ArticleError(_("Vul een geldige prijs in."), field="sales_price")
        values["sales_price"] = price.quantize(Decimal("0.0001"))
    group = values.get("group")
    if group is not None and group.organization_id != organization.pk:
        raise ArticleError(_("Onbekende artikelgroep."), field="group")
    return values


def create_article(
    organization: Organization,
    *,
    by: User | None = None,
    source: str = Source.LOCAL,
    snelstart_id: Any = None,
    from_integration: bool = False,
    **fields: Any,
) -> Article:
    """Create an article. Raises ArticleError, MasterDataManagedExternally, NotPermitted."""
    require_master_data_change(by, organization, "article", from_integration=from_integration)
    fields.setdefault("article_code", "")
    fields.setdefault("description", "")
    values = _clean(organization, fields, None)
    return Article.objects.create(
        organization=organization, source=source, snelstart_id=snelstart_id, **values
    )


def update_article(
    article: Article, *, by: User | None = None, from_integration: bool = False, **fields: Any
) -> Article:
    """Change an article. Raises as ``create_article``."""
    require_master_data_change(
        by, article.organization, "article", from_integration=from_integration
    )
    for key, value in _clean(article.organization, fields, article.pk).items():
        setattr(article, key, value)
    article.save()
    return article


def remove_article(
    article: Article, *, by: User | None = None, from_integration: bool = False
) -> bool:
    """Delete the article, or hide it when a material line refers to it (S5). True if deleted."""
    require_master_data_change(
        by, article.organization, "article", from_integration=from_integration
    )
    return delete_or_hide(article)


def create_article_group(
    organization: Organization,
    *,
    name: str,
    number: int | None = None,
    by: User | None = None,
    source: str = Source.LOCAL,
    snelstart_id: Any = None,
    from_integration: bool = False,
) -> ArticleGroup:
    """Create an article group. Raises ArticleError, MasterDataManagedExternally, NotPermitted."""
    require_master_data_change(by, organization, "article", from_integration=from_integration)
    name = (name or "").strip()
    if not name:
        raise ArticleError(_("Vul de naam van de artikelgroep in."), field="name")
    return ArticleGroup.objects.create(
        organization=organization,
        name=name,
        number=number,
        source=source,
        snelstart_id=snelstart_id,
    )
