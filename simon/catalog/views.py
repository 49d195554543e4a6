"""Artikelen: list with groups, detail, create/edit (office) and the pickers' options (S2, S4).

While an integration manages articles (S4) the office sees its message instead of the create
and edit buttons, and the create and edit views refuse with that message.
"""

from __future__ import annotations

import uuid
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simon.catalog import services
from simon.catalog.forms import ArticleForm, ArticleGroupForm
from simon.catalog.models import Article, ArticleGroup
from simon.lib.choices import Source
from simon.lib.errors import DomainError, NotPermitted
from simon.lib.external import managed_externally
from simon.lib.form_submit import not_permitted
from simon.lib.master_data import MasterDataPages
from simon.lib.paging import paginate
from simon.tenants.models import Organization
from simon.tenants.scoping import get_for_request, member_required, office_required
from simon.tenants.types import MemberRequest

PICKER_LIMIT = 20


def article_for_user(request: HttpRequest, code: uuid.UUID) -> Article:
    """The article with this code in the user's organization, hidden ones included; else 404."""
    return get_for_request(Article.objects.select_related("group"), request, code)


PAGES = MasterDataPages[Article](
    kind="article",
    name="article",
    form_template="catalog/form.html",
    refused_template="catalog/refused.html",
    detail="catalog:detail",
    created=gettext_lazy("Artikel %(code)s is aangemaakt."),
    changed=gettext_lazy("Artikel %(code)s is gewijzigd."),
    notice_params=lambda article: {"code": article.article_code},
)


def visible_groups(organization: Organization) -> QuerySet[ArticleGroup]:
    """The groups for the side bar, with how many visible articles each holds. A SnelStart
    group without articles in Simon is one the settings do not import: not shown (a group made
    in Simon shows while still empty)."""
    return (
        ArticleGroup.objects.filter(organization=organization)
        .visible()
        .annotate(article_count=Count("articles", filter=Q(articles__active=True)))
        .filter(Q(article_count__gt=0) | ~Q(source=Source.SNELSTART))
        .order_by("name", "id")
    )


def chosen_group(organization: Organization, code: str) -> ArticleGroup | None:
    """The group of the filter; a garbage or foreign code filters nothing rather than failing."""
    if not code:
        return None
    try:
        return ArticleGroup.objects.filter(organization=organization, code=code).first()
    except ValidationError:
        return None


@member_required
@require_GET
def article_list(request: MemberRequest) -> HttpResponse:
    organization = request.organization
    query = request.GET.get("q", "").strip()
    group = chosen_group(organization, request.GET.get("groep", ""))
    articles = services.search_articles(organization, query)
    if group is not None:
        articles = articles.filter(group=group)
    page, querystring = paginate(request, articles)
    managed = managed_externally(organization, "article")
    is_office = request.membership.is_office
    context = {
        "page_obj": page,
        "querystring": querystring,
        "query": query,
        "group": group,
        "groups": visible_groups(organization),
        "managed": managed,
        "can_create": is_office and managed is None,
        "group_form": ArticleGroupForm() if is_office and managed is None else None,
    }
    return render(request, "catalog/list.html", context)


@member_required
@require_GET
def article_detail(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    article = article_for_user(request, code)
    managed = managed_externally(article.organization, "article")
    context = {
        "article": article,
        "managed": managed,
        "can_edit": request.membership.is_office and managed is None,
    }
    return render(request, "catalog/detail.html", context)


@office_required
@require_http_methods(["GET", "POST"])
def article_create(request: MemberRequest) -> HttpResponse:
    organization = request.organization
    form = ArticleForm(organization, request.POST if request.method == "POST" else None)
    save = partial(services.create_article, organization, by=request.user)
    return PAGES.answer(request, organization, None, form, save)


@office_required
@require_http_methods(["GET", "POST"])
def article_edit(request: MemberRequest, code: uuid.UUID) -> HttpResponse:
    article = article_for_user(request, code)
    form = ArticleForm.for_article(article, request.POST if request.method == "POST" else None)
    save = partial(services.update_article, article, by=request.user)
    return PAGES.answer(request, article.organization, article, form, save)


@office_required
@require_POST
def group_create(request: MemberRequest) -> HttpResponse:
    """'Artikelgroep toevoegen' in the side bar; answers with the list, filtered on the group."""
    organization = request.organization
    form = ArticleGroupForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["name"][0]))
        return redirect("catalog:list")
    try:
        group = services.create_article_group(
            organization, by=request.user, name=form.cleaned_data["name"]
        )
    except NotPermitted as error:
        raise not_permitted(error) from None
    except DomainError as error:
        # The S4 refusal included: the message says where groups are managed.
        messages.error(request, error.message)
        return redirect("catalog:list")
    messages.success(request, _("Artikelgroep %(name)s is aangemaakt.") % {"name": group.name})
    return redirect(f"{reverse('catalog:list')}?groep={group.code}")


@member_required
@require_GET
def article_options(request: MemberRequest) -> HttpResponse:
    """``<option>``s of the visible articles matching ``q``, code prefixes first, for pickers."""
    query = request.GET.get("q", "").strip()
    articles = services.search_articles(request.organization, query)[:PICKER_LIMIT]
    context = {"articles": articles, "selected": request.GET.get("selected", "")}
    return render(request, "catalog/_options.html", context)
