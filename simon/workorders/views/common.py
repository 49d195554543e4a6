"""What every work order view shares: finding the order for this user, and turning refusals
of the services into the right answer (404, 403 or a Dutch message, never a 500)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from simon.lib.errors import DomainError, NotPermitted
from simon.lib.external import managed_externally
from simon.lib.form_submit import apply_domain_error
from simon.tenants.models import Membership, Organization
from simon.tenants.scoping import get_for_request
from simon.tenants.types import MemberRequest
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.models import WorkOrder
from simon.workorders.permissions import require_edit, visible_work_orders

View = Callable[..., HttpResponse]


def membership(request: MemberRequest) -> Membership:
    return request.membership


def customer_required_by(organization: Organization) -> str:
    """The system an archived work order goes to and that needs its customer ('SnelStart'),
    or '' when none runs: then no screen warns about a missing customer (S7)."""
    management = managed_externally(organization, "customer")
    return management.system if management else ""


def get_work_order(request: MemberRequest, code: Any) -> WorkOrder:
    """The order with this code among those the user may see; else 404.

    Another tenant's order and a colleague's order (for a monteur) are both 'not found':
    their codes cannot even be probed.
    """
    qs = visible_work_orders(membership(request)).select_related("customer", "work_address")
    return get_for_request(qs, request, code)


def get_editable_work_order(request: MemberRequest, code: Any) -> WorkOrder:
    """As ``get_work_order``, and refused up front (403 with the reason) when this user may not
    change it: an archived order must not even validate a form."""
    work_order = get_work_order(request, code)
    require_edit(request.user, work_order)
    return work_order


def refused(request: HttpRequest, message: str, status: int = 403) -> HttpResponse:
    """A refusal the user can read. htmx does not swap error responses, so an htmx request
    reloads the page, which shows the message and the controls that are still allowed."""
    if getattr(request, "htmx", False):
        messages.error(request, message)
        response = HttpResponse(message, status=status)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "workorders/refused.html", {"message": message}, status=status)


def saved(form: forms.Form, save: Callable[[], object]) -> bool:
    """Whether the form was valid and ``save()`` ran. A work order rule's refusal goes on the
    form; a refusal on the user's role propagates (``handles_domain_errors`` answers it)."""
    if not form.is_valid():
        return False
    try:
        save()
    except WorkOrderPermissionDenied:
        raise
    except WorkOrderError as error:
        apply_domain_error(form, error)
        return False
    return True


def handles_domain_errors(view: View) -> View:
    """Map what the services raise and the view did not handle itself.

    ``NotPermitted(may_view=False)`` -> 404, other ``NotPermitted`` -> 403 with the reason,
    any other ``DomainError`` -> 400 with its Dutch message.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotPermitted as error:
            if not error.may_view:
                raise Http404 from None
            return refused(request, error.message)
        except DomainError as error:
            return refused(request, error.message, status=400)

    return wrapper
