"""The create and edit pages of master data an integration may lead: customers, articles (S4).

While an integration manages the kind, both pages answer with its message on the app's
'refused' page (403) instead of a form. Otherwise the form is saved through the app's service
(``submit``: a refusal goes on the form, or to the refused page when the integration was
switched on in the meantime) and the user lands on the row's page with a notice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise

from simon.lib.external import Kind, managed_externally
from simon.lib.form_submit import submit

if TYPE_CHECKING:
    from simon.tenants.models import Organization


class Row(Protocol):
    @property
    def code(self) -> uuid.UUID: ...


R = TypeVar("R", bound=Row)
StrOrPromise = str | Promise


@dataclass(frozen=True)
class MasterDataPages(Generic[R]):
    kind: Kind
    name: str  # what the templates call the row ("article")
    form_template: str
    refused_template: str
    detail: str  # URL name of the row's page, by its code
    created: StrOrPromise  # the notice after a create, formatted with ``notice_params``
    changed: StrOrPromise  # ... after an edit
    notice_params: Callable[[R], dict[str, str]]

    def refuse(self, request: HttpRequest, message: str, row: R | None = None) -> HttpResponse:
        """The page a refused create or edit shows: the reason, and the way back."""
        context = {"message": message, self.name: row}
        return render(request, self.refused_template, context, status=403)

    def answer(
        self,
        request: HttpRequest,
        organization: Organization,
        row: R | None,
        form: forms.Form,
        save: Callable[..., R],
    ) -> HttpResponse:
        """The create (``row`` None) or edit page's answer; ``save(**form.cleaned_data)``
        stores a valid form."""
        managed = managed_externally(organization, self.kind)
        if managed is not None:
            return self.refuse(request, managed.message, row)
        if form.is_bound and form.is_valid():
            answer = submit(
                form,
                lambda: save(**form.cleaned_data),
                done=lambda saved: self._saved(request, saved, row is None),
                refuse=lambda message: self.refuse(request, message, row),
            )
            if answer is not None:
                return answer
        return render(request, self.form_template, {"form": form, self.name: row})

    def _saved(self, request: HttpRequest, row: R, created: bool) -> HttpResponse:
        notice = self.created if created else self.changed
        messages.success(request, str(notice) % self.notice_params(row))
        return redirect(self.detail, row.code)
