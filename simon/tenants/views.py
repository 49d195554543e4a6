from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simon.tenants.middleware import SESSION_KEY
from simon.tenants.models import Membership
from simon.tenants.types import SignedInRequest


def home(request: SignedInRequest) -> HttpResponse:
    """The office starts on 'Overzicht' (what needs attention today); a monteur on 'Vandaag'
    of the field app."""
    if request.membership is None:
        return render(request, "tenants/no_organization.html", status=403)
    if not request.membership.is_office:
        return redirect("fieldapp:today")
    return redirect("workorders:start")


def _uuid(value: str) -> uuid.UUID | None:
    """A posted organization code; anything that is no UUID is 'not a member' like any other
    unknown code (the lookup would raise on it)."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@require_POST
def switch_organization(request: SignedInRequest) -> HttpResponse:
    code = _uuid(request.POST.get("organization", ""))
    membership = (
        Membership.objects.filter(user=request.user, organization__code=code)
        .select_related("organization")
        .first()
        if code
        else None
    )
    if membership is None:
        messages.error(request, _("Je bent geen lid van die organisatie."))
    else:
        request.session[SESSION_KEY] = str(membership.organization.code)
        messages.success(
            request, _("Je werkt nu in %(name)s.") % {"name": membership.organization.name}
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return HttpResponseRedirect(target)
