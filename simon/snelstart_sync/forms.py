"""Forms of the integration's screens: koppelsleutel, wipe, settings, log filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simon.snelstart_sync import wipe
from simon.snelstart_sync.models import (
    IntegrationSettings,
    Kind,
    Memo,
    OrderDescription,
    OrderType,
    PaymentReference,
    PulledDescription,
    Table,
)

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


class KeyForm(forms.Form):
    # A password input that is never filled in again: the key must not come back in a page.
    koppelsleutel = forms.CharField(
        label=_("Koppelsleutel"),
        strip=True,
        max_length=2000,
        widget=forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={"required": _("Plak de koppelsleutel uit SnelStart.")},
    )


class WipeForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("Te wissen onderdelen"),
        choices=[(part, label) for part, label in wipe.PARTS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class NamesField(forms.CharField):
    """One name per line; blank lines and repeats dropped, the order and case kept."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        names: list[str] = []
        for line in (text or "").splitlines():
            name = line.strip()
            if name and name not in names:
                names.append(name)
        return names


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        # empty_value may be any value (Django passes it through); the stubs say str | None.
        no: Any = False
        super().__init__(choices=YES_NO, coerce=lambda v: v == "ja", empty_value=no, **kwargs)


class SettingsForm(forms.Form):
    """Every setting of manual chapter 5, in the manual's order."""

    travel_article_code = forms.CharField(label=_("Artikel voor reistijd"), required=False)
    work_article_code = forms.CharField(label=_("Artikel voor werktijd"), required=False)
    article_groups = NamesField(
        label=_("Artikelgroepen die Simon overhaalt"),
        required=False,
        help_text=_("Eén naam per regel, hoofdlettergevoelig. Leeg: alle artikelgroepen."),
    )
    fixed_article_code = forms.CharField(
        label=_("Vast artikel op elke verkooporder"), required=False
    )
    order_description = forms.ChoiceField(
        label=_("Omschrijving van de verkooporder"), choices=OrderDescription.choices
    )
    payment_reference = forms.ChoiceField(
        label=_("Betalingskenmerk"), choices=PaymentReference.choices
    )
    memo = forms.ChoiceField(label=_("Memo (Opmerkingen)"), choices=Memo.choices)
    first_line_description = YesNoField(label=_("Eerste regel is de werkomschrijving"))
    send_filter_word = forms.CharField(
        label=_("Filterwoord: deze werkbonnen niet doorsturen"), required=False
    )
    # The setting shadows Form.template_name; this form is never rendered whole ({{ form }}).
    template_name = forms.CharField(  # type: ignore[assignment]
        label=_("Standaard sjabloon"), required=False, widget=forms.Select
    )
    order_type = forms.ChoiceField(label=_("Soort order"), choices=OrderType.choices)
    pull_orders = YesNoField(
        label=_("Verkooporders uit SnelStart ophalen als werkbon"),
        help_text=_(
            "Eenmalig per order: latere wijzigingen in SnelStart komen niet naar Simon. Alleen "
            "orders die ná het aanzetten van deze instelling in SnelStart worden aangemaakt of "
            "gewijzigd, worden opgehaald; oudere orders blijven buiten Simon. Orders die Simon "
            "zelf heeft gemaakt, komen nooit terug."
        ),
    )
    pull_filter_word = forms.CharField(
        label=_("Filterwoord voor op te halen verkooporders"),
        required=False,
        help_text=_("Moet in de omschrijving van de order staan; hoofdletters maken niet uit."),
    )
    pull_with_lines = YesNoField(
        label=_("Artikelregels van de verkooporder meenemen"),
        help_text=_(
            "Regels met een artikel dat in Simon staat, worden materialen. Tekstregels en "
            "regels met andere artikelen komen in de werkomschrijving."
        ),
    )
    pull_description = forms.ChoiceField(
        label=_("Werkomschrijving van de opgehaalde werkbon"), choices=PulledDescription.choices
    )
    description_suffix = forms.CharField(
        label=_("Toevoeging achter de omschrijving (max. 3 tekens)"), required=False
    )
    terms = forms.BooleanField(
        label=_("Ik ga akkoord met de algemene voorwaarden van de integratie"),
        help_text=_(
            "Door gebruik te maken van de integratie, ga je akkoord met de algemene voorwaarden "
            "van de integratie."
        ),
        required=False,
    )

    def offer_article_search(self, url: str) -> None:
        """Typing in an article code field suggests SnelStart's articles (htmx, a datalist)."""
        for name in ("travel_article_code", "work_article_code", "fixed_article_code"):
            self.fields[name].widget.attrs.update(
                {
                    "list": f"{name}-options",
                    "autocomplete": "off",
                    "hx-get": url,
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": f"#{name}-options",
                    "hx-swap": "innerHTML",
                    "hx-sync": "this:replace",
                }
            )

    def set_templates(self, templates: list[str]) -> None:
        """The choice of SnelStart's templates, read when the page is drawn."""
        current = self["template_name"].value() or ""
        names = list(templates)
        if current and current not in names:
            names.append(current)  # keep what was saved or posted visible
        choices = [("", _("Geen: SnelStart bepaalt het sjabloon"))] + [(n, n) for n in names]
        self.fields["template_name"].widget.choices = choices

    @classmethod
    def clean_one(cls, name: str, data: Any) -> Any:
        """Normalize one posted setting the way the full form does (for 'Controleer')."""
        field = cls.base_fields[name]
        return field.clean(field.widget.value_from_datadict(data, {}, name))

    def settings_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in SETTING_NAMES}


SETTING_NAMES = [name for name in SettingsForm.base_fields if name != "terms"]


def initial_from(saved: IntegrationSettings | None) -> dict[str, Any]:
    """The form's starting values: the current version ('Wijzig') or the defaults."""
    source = saved or IntegrationSettings()
    initial: dict[str, Any] = {}
    for name in SETTING_NAMES:
        value = getattr(source, name)
        if isinstance(value, bool):
            value = "ja" if value else "nee"
        elif isinstance(value, list):
            value = "\n".join(value)
        initial[name] = value
    return initial


class LogFilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort bericht"), required=False, choices=[("", _("Alle")), *Kind.choices]
    )
    tabel = forms.ChoiceField(
        label=_("Tabel"), required=False, choices=[("", _("Alle")), *Table.choices]
    )
    zoek = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
