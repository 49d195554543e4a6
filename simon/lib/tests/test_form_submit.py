"""``submit``: each kind of refusal becomes its own answer."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from simon.lib.errors import DomainError, MasterDataManagedExternally, NotPermitted
from simon.lib.external import ExternalManagement
from simon.lib.form_submit import submit


class NameForm(forms.Form):
    name = forms.CharField()


def bound() -> NameForm:
    form = NameForm({"name": "Jansen"})
    assert form.is_valid()
    return form


def fail(error: Exception):
    def save() -> None:
        raise error

    return save


def test_a_saved_result_goes_to_done():
    answer = submit(bound(), lambda: "klant-1", done=lambda saved: HttpResponse(saved))
    assert answer is not None and answer.content == b"klant-1"


def test_a_rule_refusal_lands_on_its_field_and_the_form_is_shown_again():
    form = bound()
    answer = submit(form, fail(DomainError("Bestaat al.", field="name")), done=HttpResponse)
    assert answer is None
    assert form.errors == {"name": ["Bestaat al."]}


def test_an_external_system_gets_the_refusal_page_or_else_the_form():
    managed = MasterDataManagedExternally(
        ExternalManagement(system="SnelStart", message="In SnelStart.")
    )
    answer = submit(
        bound(), fail(managed), done=HttpResponse, refuse=lambda m: HttpResponse(m, status=403)
    )
    assert answer is not None and (answer.status_code, answer.content) == (403, b"In SnelStart.")
    form = bound()
    assert submit(form, fail(managed), done=HttpResponse) is None
    assert form.non_field_errors() == ["In SnelStart."]


def test_a_role_refusal_is_403_or_404_when_the_record_may_not_be_seen():
    with pytest.raises(PermissionDenied):
        submit(bound(), fail(NotPermitted("Alleen kantoor.")), done=HttpResponse)
    with pytest.raises(Http404):
        submit(bound(), fail(NotPermitted(may_view=False)), done=HttpResponse)
