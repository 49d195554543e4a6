"""'Wachtwoord vergeten' without telling who has an account.

Django's form looks the address up and sends the mail while the visitor waits: a known address
answered in 38 ms, an unknown one in 5 ms. Here the request only enqueues a job with the
address, whatever it is; the look-up and the mail happen in the job, out of the answer's time.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation


def send(email: str, *, domain: str, use_https: bool) -> None:
    """Mail a reset link to every active user with this address (none: nothing happens)."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)


class QueuedPasswordResetForm(PasswordResetForm):
    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        from simon.tenants.tasks import send_password_reset

        send_password_reset(
            self.cleaned_data["email"],
            request.get_host() if request is not None else "localhost",
            request.is_secure() if request is not None else False,
            translation.get_language(),
        )
