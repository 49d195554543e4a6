"""Running a service for a valid form: one place that turns the service's refusals into answers.

* :class:`~simon.lib.errors.MasterDataManagedExternally` (S4): the caller's refusal page, when it
  has one; otherwise the message goes on the form like any other refusal;
* :class:`~simon.lib.errors.NotPermitted`: 403, or 404 when the user may not even see the record;
* any other :class:`~simon.lib.errors.DomainError`: on the field it names, or above the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from simon.lib.errors import DomainError, MasterDataManagedExternally, NotPermitted

T = TypeVar("T")


def apply_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def not_permitted(error: NotPermitted) -> Exception:
    """The exception a view raises for a refusal on the user's role."""
    return PermissionDenied(error.message) if error.may_view else Http404()


def submit(
    form: forms.Form,
    save: Callable[[], T],
    *,
    done: Callable[[T], HttpResponse],
    refuse: Callable[[str], HttpResponse] | None = None,
) -> HttpResponse | None:
    """``done(save())``; or the answer to a refusal; or None once the refusal is on the form
    (the caller shows the form again)."""
    try:
        saved = save()
    except MasterDataManagedExternally as error:
        # The integration may have been switched on between the view's check and the save.
        if refuse is None:
            apply_domain_error(form, error)
            return None
        return refuse(error.message)
    except NotPermitted as error:
        raise not_permitted(error) from None
    except DomainError as error:
        apply_domain_error(form, error)
        return None
    return done(saved)
