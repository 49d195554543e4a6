"""Configuration only from the environment; bad values stop the start with the variable's name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from simon.lib.config import ConfigError, env_bool, env_int, parse_database_url

ROOT = Path(__file__).resolve().parents[3]

PRINT_SETUP = (
    "import django; django.setup(); from django.conf import settings; "
    "from huey.contrib.djhuey import HUEY; "
    "print(settings.DATABASES['default']['ENGINE'], type(HUEY).__name__, "
    "settings.SNELSTART_SYNC_INTERVAL_SECONDS)"
)


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environ.update({"DJANGO_SETTINGS_MODULE": "simon.settings", "SIMON_DATA_DIR": str(tmp_path)})
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETUP], cwd=ROOT, env=environ, capture_output=True, text=True
    )


def test_the_embedded_default_is_sqlite_with_the_sqlite_queue(tmp_path):
    result = start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "SqliteHuey", "60"]
    assert (tmp_path / "secret_key").exists() and (tmp_path / "fernet.key").exists()


def test_database_url_and_redis_url_switch_to_postgresql_and_redis(tmp_path):
    result = start(
        tmp_path,
        DATABASE_URL="postgresql://simon:geheim@db.example:5433/simon",
        REDIS_URL="redis://127.0.0.1:6379/3",
        SIMON_SYNC_INTERVAL="300",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "RedisHuey", "300"]


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("DATABASE_URL", "mysql://x@y/z", "DATABASE_URL must be a postgresql:// URL"),
        ("DATABASE_URL", "postgresql://x@y", "DATABASE_URL must name a database"),
        ("REDIS_URL", "http://localhost", "REDIS_URL must look like redis://"),
        ("SIMON_SYNC_INTERVAL", "soon", "SIMON_SYNC_INTERVAL must be a whole number"),
        ("SIMON_SYNC_INTERVAL", "1", "SIMON_SYNC_INTERVAL must be at least 5"),
        ("SIMON_DEBUG", "perhaps", "SIMON_DEBUG must be true or false"),
    ],
)
def test_bad_configuration_fails_at_start_naming_the_variable(tmp_path, variable, value, says):
    result = start(tmp_path, **{variable: value})
    assert result.returncode != 0
    assert f"Configuration error: {says}" in result.stderr


def test_parse_database_url_unquotes_credentials():
    parsed = parse_database_url("postgres://us%40er:p%3Ass@host:5432/db%2F1")
    assert (parsed.user, parsed.password, parsed.host, parsed.port, parsed.name) == (
        "us@er",
        "p:ss",
        "host",
        "5432",
        "db/1",
    )


def test_env_helpers():
    assert env_bool("X", True, {}) is True
    assert env_bool("X", False, {"X": "yes"}) is True
    assert env_int("X", 3, {"X": " 7 "}) == 7
    with pytest.raises(ConfigError, match="X must be at least 2"):
        env_int("X", 3, {"X": "1"}, minimum=2)
