"""``manage.py seed_demo [--reset]``: the demo organization with logins, idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from simon.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Create the demo organization 'Demo Installatietechniek' (once) and print the logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo organization with all its data and build it anew.",
        )

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        result = seed_demo(reset=reset)
        if result.created:
            self.stdout.write(f"Demo organization '{result.organization}' created.")
        else:
            self.stdout.write(f"Demo organization '{result.organization}' already present.")
        # Operators' commands take this code: manage.py snelstart sync --org CODE.
        self.stdout.write(f"Organization code: {result.organization.code}")
        self.stdout.write("Logins (username / password / role):")
        for username, password, role in result.logins:
            self.stdout.write(f"  {username:<10} {password:<12} {role}")
