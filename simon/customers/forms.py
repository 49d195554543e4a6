"""Forms for customers and work addresses: Dutch input checks before the services' own rules.

The forms only check the shape of the input; the services decide (unique relatiecode, S4,
the SnelStart work address); :func:`simon.lib.form_submit.submit` puts their refusal on the form.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simon.customers.models import Customer, WorkAddress

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Four digits (the first not 0) and two letters, with or without a space: '3511 AB', '3511ab'.
DUTCH_POSTCODE = re.compile(r"[1-9]\d{3}\s?[A-Za-z]{2}")
COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")


def text_field(
    label: StrOrPromise, max_length: int, *, required: bool = False, **kw: Any
) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required, **kw)


def email_field(label: StrOrPromise) -> forms.EmailField:
    return forms.EmailField(
        label=label,
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.")
        },
    )


class AddressForm(forms.Form):
    """The Dutch address block shared by customers and work addresses."""

    street = text_field(_("Straat"), 100)
    house_number = text_field(_("Huisnummer"), 10)
    house_number_addition = text_field(_("Toevoeging"), 10)
    postcode = text_field(_("Postcode"), 10)
    city = text_field(_("Plaats"), 100)
    country_code = text_field(
        _("Land"),
        2,
        initial="NL",
        help_text=_("Landcode van twee letters, bijvoorbeeld NL, BE of DE."),
        error_messages={"max_length": _("Vul een landcode van twee letters in.")},
    )

    def clean_country_code(self) -> str:
        value = (self.cleaned_data.get("country_code") or "NL").strip().upper()
        if not COUNTRY_CODE.fullmatch(value):
            raise forms.ValidationError(_("Vul een landcode van twee letters in."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        postcode = (cleaned.get("postcode") or "").strip()
        # Only Dutch postcodes have a shape we know; foreign ones are taken as typed.
        dutch = cleaned.get("country_code") == "NL"
        if postcode and dutch and not DUTCH_POSTCODE.fullmatch(postcode):
            self.add_error("postcode", _("Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB."))
        return cleaned


class CustomerForm(AddressForm):
    name = text_field(
        _("Naam"),
        100,
        required=True,
        error_messages={"required": _("Vul de naam van de klant in.")},
    )
    relatiecode = forms.IntegerField(
        label=_("Relatiecode"),
        required=False,
        min_value=1,
        max_value=999_999_999,
        error_messages={
            "invalid": _("Vul als relatiecode een geheel getal in."),
            "min_value": _("De relatiecode is een getal van 1 of hoger."),
            "max_value": _("De relatiecode mag maximaal 9 cijfers hebben."),
        },
    )
    email = email_field(_("E-mailadres"))
    phone = text_field(_("Telefoonnummer"), 30)

    field_order = ["name", "relatiecode", "email", "phone"]

    @classmethod
    def for_customer(cls, customer: Customer, data: Any = None) -> CustomerForm:
        initial = {name: getattr(customer, name) for name in cls.base_fields}
        return cls(data, initial=initial)


class WorkAddressForm(AddressForm):
    label = text_field(
        _("Omschrijving"),
        100,
        help_text=_("Bijvoorbeeld 'Filiaal Centrum' of 'Bouwterrein kavel 12'."),
    )
    contact_name = text_field(_("Contactpersoon"), 100)
    contact_phone = text_field(_("Telefoon contactpersoon"), 30)
    contact_email = email_field(_("E-mail contactpersoon"))

    field_order = ["label"]

    @classmethod
    def for_work_address(cls, work_address: WorkAddress, data: Any = None) -> WorkAddressForm:
        initial = {name: getattr(work_address, name) for name in cls.base_fields}
        return cls(data, initial=initial)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # An address without a place is useless on the road: a label or a street at least.
        if not (cleaned.get("label") or cleaned.get("street")) and not self.has_error("label"):
            raise forms.ValidationError(_("Vul een omschrijving of een straat in."))
        return cleaned
