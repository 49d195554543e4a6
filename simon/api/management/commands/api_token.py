"""``manage.py api_token create|revoke|list``: API tokens for operators.

create prints the secret once; it is never stored in clear and cannot be shown again.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from simon.api import services
from simon.api.models import ApiToken
from simon.tenants.models import Organization


class Command(BaseCommand):
    help = "Create, revoke or list API tokens for the field app."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token; prints the secret once.")
        create.add_argument("--user", required=True, help="username")
        create.add_argument("--org", required=True, help="organization code (UUID)")
        create.add_argument("--name", default="", help="what the token is for, e.g. 'telefoon'")
        revoke = sub.add_parser("revoke", help="Revoke a token by its visible prefix or code.")
        revoke.add_argument("token", help="the token's prefix (simon_xxxxxx) or code (UUID)")
        listing = sub.add_parser("list", help="List tokens (never their secrets).")
        listing.add_argument("--user", default="", help="only this user's tokens")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Unknown user: {options['user']}")
        organization = _organization(options["org"])
        try:
            token, secret = services.create_token(user, organization, name=options["name"])
        except services.ApiTokenError as exc:
            raise CommandError(exc.message) from None
        self.stderr.write(
            f"Token {token.prefix}… for {user} in {organization}. "
            "Copy it now; it is not shown again:"
        )
        self.stdout.write(secret)

    def _revoke(self, options: dict[str, Any]) -> None:
        value = options["token"].rstrip("…")
        matches = ApiToken.objects.filter(prefix=value)
        if not matches.exists():
            try:
                matches = ApiToken.objects.filter(code=value)
                matches.exists()
            except ValidationError:
                matches = ApiToken.objects.none()
        tokens = list(matches)
        if len(tokens) != 1:
            found = "no token" if not tokens else f"{len(tokens)} tokens; use the code"
            raise CommandError(f"{options['token']}: {found}")
        services.revoke_token(tokens[0])
        self.stdout.write(f"Revoked {tokens[0].prefix}… ({tokens[0].user})")

    def _list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user", "organization").order_by("created", "id")
        if options["user"]:
            tokens = tokens.filter(user__username=options["user"])
        for t in tokens:
            state = f"revoked {t.revoked:%Y-%m-%d %H:%M}" if t.revoked else "active"
            used = f"{t.last_used:%Y-%m-%d %H:%M}" if t.last_used else "never"
            self.stdout.write(
                f"{t.code}  {t.prefix}…  {t.user}  {t.organization}  {t.name!r}  "
                f"used {used}  {state}"
            )


def _organization(code: str) -> Organization:
    try:
        organization = Organization.objects.filter(code=code).first()
    except ValidationError:
        organization = None
    if organization is None:
        raise CommandError(f"Unknown organization code: {code}")
    return organization
