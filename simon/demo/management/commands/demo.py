"""``manage.py demo`` (``make demo``): Simon on the embedded default, with a SnelStart emulator.

Migrates the SQLite database under SIMON_DATA_DIR, loads the demo organization, starts the
SnelStart emulator with demo data, the Huey worker and the web app, and prints where to go
and how to log in. Ctrl-C stops everything; data stays in SIMON_DATA_DIR for the next run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from simon.demo.runner import Demo, PortInUse, check_port_free
from simon.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Run the demo: web app, job worker and a SnelStart emulator with demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("SIMON_DEMO_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("SIMON_DEMO_PORT", "8000"))
        )
        parser.add_argument(
            "--emulator-port",
            type=int,
            default=int(os.environ.get("SIMON_DEMO_EMULATOR_PORT", "8765")),
        )
        parser.add_argument("--customers", type=int, default=250)
        parser.add_argument("--articles", type=int, default=1500)

    def handle(self, *args: Any, **options: Any) -> None:
        host, port, emulator_port = options["host"], options["port"], options["emulator_port"]
        try:
            check_port_free(host, port, "SIMON_DEMO_PORT")
            check_port_free(host, emulator_port, "SIMON_DEMO_EMULATOR_PORT")
        except PortInUse as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write("Preparing the database …")
        call_command("migrate", interactive=False, verbosity=0)
        result = seed_demo()
        demo = Demo(
            root=Path(settings.BASE_DIR),
            data_dir=Path(settings.DATA_DIR),
            host=host,
            port=port,
            emulator_port=emulator_port,
        )
        self.stdout.write("Starting the SnelStart emulator, the job worker and the web app …")
        try:
            demo.start_emulator(options["customers"], options["articles"])
            demo.start_worker()
            demo.start_web()
        except Exception as exc:
            demo.stop()
            raise CommandError(f"the demo could not start: {exc}") from None
        self.print_welcome(demo, result.logins)
        raise SystemExit(demo.wait())

    def print_welcome(self, demo: Demo, logins: list[tuple[str, str, str]]) -> None:
        line = "=" * 72
        self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Simon is running at {demo.url}/"))
        self.stdout.write("Log in with (username / password / role):")
        for username, password, role in logins:
            self.stdout.write(f"    {username:<10} {password:<12} {role}")
        self.stdout.write("")
        self.stdout.write(f"SnelStart (emulator) with demo data: {demo.emulator_url}/")
        self.stdout.write(
            "  To connect: log in as 'beheerder', open 'Integraties' → 'Activeer integratie',"
        )
        self.stdout.write("  and get the koppelsleutel from the emulator's 'Koppelingen' page.")
        self.stdout.write(f"Data is kept in {demo.data_dir}. Press Ctrl-C to stop.")
        self.stdout.write(line)
