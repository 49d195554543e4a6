"""Jobs of the accounts: the password-reset mail is sent here, not in the request."""

from __future__ import annotations

from django.utils import translation
from huey.contrib.djhuey import db_task

from simon.tenants import password_reset


@db_task()
def send_password_reset(email: str, domain: str, use_https: bool, language: str) -> None:
    with translation.override(language):
        password_reset.send(email, domain=domain, use_https=use_https)
