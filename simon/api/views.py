"""'API-tokens': users make and revoke their own tokens for the field app (login, CSRF).

The secret is shown in the response to the POST that made it, and nowhere else: not in a flash
message (those live in the session or a cookie) and not after a redirect.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from simon.api import services
from simon.api.models import ApiToken
from simon.tenants.scoping import get_for_request, member_required
from simon.tenants.types import MemberRequest


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=services.MAX_NAME,
        required=False,
        help_text=gettext_lazy("Waarvoor je de token gebruikt, bijvoorbeeld 'telefoon'."),
    )


def _own_tokens(request: MemberRequest) -> QuerySet[ApiToken]:
    """The signed-in user's tokens in the active organization: never anyone else's."""
    return ApiToken.objects.filter(user=request.user, organization=request.organization)


@member_required
@require_http_methods(["GET", "POST"])
def token_list(request: MemberRequest) -> HttpResponse:
    secret = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _, secret = services.create_token(
            request.user,
            request.organization,
            name=form.cleaned_data["name"],
        )
        form = TokenForm()
    context = {"tokens": _own_tokens(request), "form": form, "secret": secret}
    return render(request, "api/tokens.html", context)


@member_required
@require_POST
def token_revoke(request: MemberRequest, code: str) -> HttpResponse:
    token = get_for_request(_own_tokens(request), request, code)
    if token.user_id != request.user.pk:  # pragma: no cover - _own_tokens already filters
        raise Http404
    services.revoke_token(token)
    messages.success(request, _("Token %(prefix)s… is ingetrokken.") % {"prefix": token.prefix})
    return redirect("api_tokens:list")
