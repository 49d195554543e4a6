"""HTML forms of the work order screens.

Forms only parse input (dates, times, picks among the organization's rows); the rules live in
the services, whose ``WorkOrderError.field`` names the same fields as these forms, so a refused
action becomes an error on the right input (``simon.lib.form_submit.apply_domain_error``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from simon.catalog.models import Article
from simon.customers.models import Customer, WorkAddress
from simon.lib import dates, work_order_hooks
from simon.tenants.models import Membership, Organization
from simon.workorders.models import TimeKind, WorkOrder, WorkOrderStatus

# Pickers list this many rows; typing in the search box narrows them down.
PICKER_LIMIT = 50
# The same bound as the API's: a work description, not a place to paste documents.
DESCRIPTION_MAX = 5000


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DayField(forms.DateField):
    """A date within ``simon.lib.dates``' range: the planning board cannot show year 1."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not dates.in_range(value):
            raise ValidationError(
                _("Kies een datum tussen %(first)s en %(last)s."),
                code="date_out_of_range",
                params={
                    "first": date_format(dates.FIRST_DAY, "SHORT_DATE_FORMAT"),
                    "last": date_format(dates.LAST_DAY, "SHORT_DATE_FORMAT"),
                },
            )


def members(organization: Organization) -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(memberships__organization=organization, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class MembersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class CustomerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Customer) -> str:
        return str(obj)


class FilterForm(forms.Form):
    """The overview's filters; every value lives in the query string."""

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Nummer, omschrijving, klant, referentie")}
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *WorkOrderStatus.choices],
    )
    employee = MemberChoiceField(
        label=_("Medewerker"),
        queryset=get_user_model().objects.none(),
        required=False,
        to_field_name="username",
        empty_label=_("Alle medewerkers"),
    )
    customer = CustomerField(
        label=_("Klant"),
        queryset=Customer.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("Alle klanten"),
    )
    date_from = DayField(label=_("Van"), required=False, widget=date_input())
    date_to = DayField(label=_("Tot en met"), required=False, widget=date_input())
    # Filled by the integrations (e.g. 'SnelStart: niet verstuurd / mislukt'); gone without one.
    export = forms.ChoiceField(label=_("Boekhouding"), required=False, choices=[])

    def __init__(self, *args: Any, organization: Organization, office: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        export_choices = work_order_hooks.list_filters(organization)
        if export_choices and office:
            self.fields["export"].choices = [("", _("Alle")), *export_choices]
        else:
            del self.fields["export"]
        self.fields["employee"].queryset = members(organization)
        # Only customers that have work orders: the filter narrows the list, it is no picker.
        self.fields["customer"].queryset = Customer.objects.filter(
            organization=organization, work_orders__isnull=False
        ).distinct()
        if not office:
            del self.fields["employee"]  # a monteur only sees their own orders anyway


class WorkOrderForm(forms.Form):
    """Create (with optional planning) or edit the header of a work order."""

    customer = CustomerField(
        label=_("Klant"),
        queryset=Customer.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("— geen klant —"),
    )
    work_address = forms.ModelChoiceField(
        label=_("Werkadres"),
        queryset=WorkAddress.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("— geen werkadres —"),
    )
    description = forms.CharField(
        label=_("Werkomschrijving"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    customer_reference = forms.CharField(label=_("Klantreferentie"), required=False, max_length=100)
    planned_date = DayField(label=_("Datum"), required=False, widget=date_input())
    planned_start = forms.TimeField(label=_("Begintijd"), required=False, widget=time_input())
    planned_end = forms.TimeField(label=_("Eindtijd"), required=False, widget=time_input())
    employees = MembersChoiceField(
        label=_("Medewerkers"),
        queryset=get_user_model().objects.none(),
        required=False,
        to_field_name="username",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        organization: Organization,
        membership: Membership,
        instance: WorkOrder | None = None,
        correcting: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.instance = instance
        current_customer = instance.customer_id if instance else None
        current_address = instance.work_address_id if instance else None
        # Visible rows, plus the order's own ones even when hidden since (S5): keeping them
        # must not make the form invalid.
        self.fields["customer"].queryset = Customer.objects.filter(
            organization=organization
        ).filter(Q(active=True) | Q(pk=current_customer))
        self.fields["work_address"].queryset = WorkAddress.objects.filter(
            organization=organization
        ).filter(Q(active=True, customer__active=True) | Q(pk=current_address))
        self.fields["employees"].queryset = members(organization)
        if instance is not None:
            # Planning an existing order is the Planning section's job.
            for name in ("planned_date", "planned_start", "planned_end", "employees"):
                del self.fields[name]
        elif not membership.is_office:
            del self.fields["employees"]  # created on site: planned on the monteur themselves
        if correcting:
            # An archived order being corrected keeps its texts as they were archived.
            for name in ("description", "customer_reference"):
                del self.fields[name]

    def chosen_customer(self) -> Customer | None:
        """The customer in the submitted or initial data, for filling the address picker."""
        key = self.add_prefix("customer")
        code = self.data.get(key) if self.is_bound else self.initial.get("customer")
        if isinstance(code, Customer):
            return code
        if not code:
            return None
        try:
            return self.fields["customer"].queryset.filter(code=code).first()
        except (ValueError, ValidationError):  # a garbage code is just 'no customer'
            return None


class PlanForm(forms.Form):
    prefix = "plan"  # the work order page holds several forms; keep their ids apart
    planned_date = DayField(label=_("Datum"), widget=date_input())
    planned_start = forms.TimeField(label=_("Begintijd"), required=False, widget=time_input())
    planned_end = forms.TimeField(label=_("Eindtijd"), required=False, widget=time_input())
    employees = MembersChoiceField(
        label=_("Medewerkers"),
        queryset=get_user_model().objects.none(),
        required=False,
        to_field_name="username",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["employees"].queryset = members(organization)
        self.fields["planned_date"].error_messages["required"] = _("Kies een datum.")


class TimeEntryForm(forms.Form):
    """Minutes, or a start and end time; the service computes and checks the minutes."""

    prefix = "uren"

    employee = MemberChoiceField(
        label=_("Medewerker"),
        queryset=get_user_model().objects.none(),
        to_field_name="username",
        empty_label=None,
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=TimeKind.choices)
    date = DayField(label=_("Datum"), widget=date_input())
    minutes = forms.CharField(
        label=_("Minuten"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}),
    )
    start = forms.TimeField(label=_("Van"), required=False, widget=time_input())
    end = forms.TimeField(label=_("Tot"), required=False, widget=time_input())
    note = forms.CharField(label=_("Opmerking"), required=False, max_length=250)

    def __init__(self, *args: Any, organization: Organization, office: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = members(organization)
        self.fields["date"].error_messages["required"] = _("Kies een datum.")
        if not office:
            del self.fields["employee"]  # a monteur books their own hours


class MaterialForm(forms.Form):
    prefix = "materiaal"
    article = forms.ModelChoiceField(
        label=_("Artikel"),
        queryset=Article.objects.none(),
        to_field_name="code",
        empty_label=_("— kies een artikel —"),
    )
    # Text, not a number input: Dutch users type '1,5' (parse_quantity accepts the comma).
    quantity = forms.CharField(
        label=_("Aantal"), widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6})
    )
    note = forms.CharField(label=_("Opmerking"), required=False, max_length=250)

    def __init__(
        self,
        *args: Any,
        organization: Organization,
        current: Article | None = None,
        article_only: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = Article.objects.filter(organization=organization).filter(
            Q(active=True) | Q(pk=current.pk if current else None)
        )
        self.fields["article"].error_messages["required"] = _("Kies een artikel.")
        self.fields["quantity"].error_messages["required"] = _("Vul een aantal in.")
        if article_only:
            # Correcting an archived order: only the article may be replaced.
            del self.fields["quantity"], self.fields["note"]

    def chosen_article(self) -> Article | None:
        """The article picked (submitted or initial), so the picker keeps it after an error."""
        code = self["article"].value()
        if not code:
            return None
        try:
            return self.fields["article"].queryset.filter(code=code).first()
        except (ValueError, ValidationError):
            return None
