"""Forms for articles and article groups: Dutch input checks before the services' own rules."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simon.catalog.models import Article, ArticleGroup
from simon.catalog.templatetags.catalog_tags import format_amount
from simon.tenants.models import Organization

PRICE_PLACES = 4


def parse_price(text: str) -> Decimal | None:
    """'12,50', '€ 1.234,50', '1,234.50' and '12.5' -> Decimal; '' -> None.

    Dutch users type a decimal comma, an English browser a point; where both occur the last
    one is the decimal separator. Raises ValueError for anything else.
    """
    cleaned = "".join(text.replace("€", "").split())
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


class ArticleForm(forms.Form):
    article_code = forms.CharField(
        label=_("Artikelcode"),
        max_length=50,
        error_messages={"required": _("Vul de artikelcode in.")},
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=250,
        error_messages={"required": _("Vul de omschrijving in.")},
    )
    unit = forms.CharField(
        label=_("Eenheid"),
        max_length=20,
        required=False,
        help_text=_("Bijvoorbeeld stuk, meter of uur."),
    )
    sales_price = forms.CharField(
        label=_("Verkoopprijs"),
        max_length=20,
        required=False,
        help_text=_(
            "Ter informatie, bijvoorbeeld 12,50. "
            "Op de verkooporder gelden de prijzen uit SnelStart."
        ),
    )
    group = forms.ModelChoiceField(
        label=_("Artikelgroep"),
        queryset=ArticleGroup.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Geen artikelgroep"),
        error_messages={"invalid_choice": _("Kies een artikelgroep uit de lijst.")},
    )

    def __init__(
        self, organization: Organization, *args: Any, current: Article | None = None, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        groups = Q(active=True)
        if current is not None and current.group_id is not None:
            # A hidden group stays choosable on the article that already has it.
            groups |= Q(pk=current.group_id)
        self.fields["group"].queryset = ArticleGroup.objects.filter(
            groups, organization=organization
        )

    @classmethod
    def for_article(cls, article: Article, data: Any = None) -> ArticleForm:
        initial = {
            "article_code": article.article_code,
            "description": article.description,
            "unit": article.unit,
            "sales_price": format_amount(article.sales_price),
            "group": article.group.code if article.group else None,
        }
        return cls(article.organization, data, initial=initial, current=article)

    def clean_sales_price(self) -> Decimal | None:
        try:
            price = parse_price(self.cleaned_data.get("sales_price") or "")
        except ValueError:
            raise forms.ValidationError(
                _("Vul een geldige prijs in, bijvoorbeeld 12,50.")
            ) from None
        exponent = price.as_tuple().exponent if price is not None else 0
        if isinstance(exponent, int) and -exponent > PRICE_PLACES:
            raise forms.ValidationError(_("Een prijs heeft hoogstens 4 cijfers achter de komma."))
        return price


class ArticleGroupForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de artikelgroep"),
        max_length=100,
        error_messages={"required": _("Vul de naam van de artikelgroep in.")},
    )
