"""Run the whole suite: lint and type check, everything on SQLite, then the database tests
again on PostgreSQL.

First `ruff check`, `ruff format --check` and mypy (strict, with django-stubs; configured in
pyproject.toml) over the three packages: a lint or type error fails the command before a test
runs. mypy keeps its cache in var/mypy_cache.

PostgreSQL is expected at SIMON_TEST_POSTGRES_URL (default: the CI machines' server,
127.0.0.1:5432 with trust auth). When it is unreachable the PostgreSQL round is skipped on a
laptop but fails when CI is set, so CI never passes without having run it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_URL = os.environ.get("SIMON_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/simon")
CHECKED = ["simon", "snelstart", "snelstart_emulator"]
CHECKS = [
    ["-m", "ruff", "check", *CHECKED],
    ["-m", "ruff", "format", "--check", *CHECKED],
    ["-m", "mypy", *CHECKED],
]


def reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 2
        ):
            return True
    except OSError:
        return False


def pytest(args: list[str], extra_env: dict[str, str]) -> int:
    env = {**os.environ, "SIMON_DATA_DIR": str(ROOT / "var" / "test"), **extra_env}
    cmd = [PY, "-m", "pytest", *args]
    print("\n$ " + " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


def checks() -> int:
    """Lint and type check; the first failing check's status, or 0."""
    for check in CHECKS:
        cmd = [PY, *check]
        print("\n$ " + " ".join(cmd), flush=True)
        started = time.monotonic()
        status = subprocess.run(cmd, cwd=ROOT).returncode
        print(f"({time.monotonic() - started:.1f} s)", flush=True)
        if status != 0:
            return status
    return 0


def main() -> int:
    args = sys.argv[1:]
    status = checks()
    if status != 0:
        return status
    status = pytest(args, {})
    if status != 0:
        return status
    if not reachable(PG_URL, 5432):
        message = f"PostgreSQL is not reachable at {PG_URL}"
        if os.environ.get("CI"):
            print(f"FAIL: {message} (CI is set)", file=sys.stderr)
            return 1
        print(f"NOTE: {message}; the PostgreSQL round is skipped on this machine.")
        return 0
    return pytest(
        ["simon", "-m", "not browser", "-p", "no:cacheprovider", *args], {"DATABASE_URL": PG_URL}
    )


if __name__ == "__main__":
    sys.exit(main())
