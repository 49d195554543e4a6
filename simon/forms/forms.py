"""HTML forms of the 'Eigen formulieren' editor; the rules live in ``simon.forms.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simon.forms.models import QuestionKind


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=100)
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Vul de naam van het formulier in.")


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Vraag"), max_length=250)
    kind = forms.ChoiceField(label=_("Soort"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=_("Verplicht"), required=False)
    help_text = forms.CharField(label=_("Toelichting"), required=False, max_length=250)
    choices = forms.CharField(
        label=_("Keuzes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen bij 'Keuze': één mogelijkheid per regel."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["label"].error_messages["required"] = _("Vul de vraag in.")

    def clean_choices(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]
