from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simon.api import services
from simon.api.models import ApiToken
from simon.tenants.membership import membership_of


class ApiTokenAddForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "organization", "name"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        user, organization = data.get("user"), data.get("organization")
        if user and organization and membership_of(user, organization) is None:
            raise forms.ValidationError(
                _("%(user)s hoort niet bij %(organization)s.")
                % {"user": user, "organization": organization}
            )
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "organization", "created", "last_used", "revoked"]
    list_filter = [("revoked", admin.EmptyFieldListFilter), "organization"]
    search_fields = ["prefix", "name", "user__username", "organization__name"]
    list_select_related = ["user", "organization"]
    readonly_fields = ["prefix", "code", "user", "organization", "created", "last_used"]
    fields = ["prefix", "name", "user", "organization", "created", "last_used", "revoked", "code"]
    actions = ["revoke"]

    def get_form(
        self, request: HttpRequest, obj: ApiToken | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            # Adding: choose who and where; the secret is made on save and shown once.
            kwargs["form"] = ApiTokenAddForm
            kwargs["fields"] = ["user", "organization", "name"]
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(
        self, request: HttpRequest, obj: ApiToken | None = None
    ) -> list[str] | tuple[str, ...]:
        return self.readonly_fields if obj is not None else []

    def get_fields(
        self, request: HttpRequest, obj: ApiToken | None = None
    ) -> list[Any] | tuple[Any, ...]:
        return (self.fields or []) if obj is not None else ["user", "organization", "name"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        secret = services.issue(obj)
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            _("Kopieer de token nu, hij wordt niet opnieuw getoond: %(secret)s")
            % {"secret": secret},
        )

    @admin.action(description=gettext_lazy("Geselecteerde tokens intrekken"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            services.revoke_token(token)
        self.message_user(request, _("%(count)s token(s) ingetrokken.") % {"count": len(queryset)})
