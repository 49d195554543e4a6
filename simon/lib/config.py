"""Reading configuration from the environment.

Every setting of Simon comes from an environment variable with a default that gives the
embedded set-up. A bad value stops the process at start with a message that names the
variable, instead of failing later in some request.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urlsplit


class ConfigError(Exception):
    """A configuration value is missing or malformed; the message names the variable."""


def env_str(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    value = environ.get(name, "")
    return value if value.strip() else default


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    raw = env_str(name, "", environ).strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false (1/0, yes/no), not {raw!r}")


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] | None = None,
    minimum: int | None = None,
) -> int:
    return _env_number(name, default, environ, minimum, int, "a whole number", str)


def env_float(
    name: str,
    default: float,
    environ: Mapping[str, str] | None = None,
    minimum: float | None = None,
) -> float:
    def finite(raw: str) -> float:
        value = float(raw)
        if not math.isfinite(value):
            raise ConfigError(f"{name} must be a finite number, not {raw!r}")
        return value

    return _env_number(
        name, default, environ, minimum, finite, "a number of seconds", "{:g}".format
    )


N = TypeVar("N", int, float)


def _env_number(
    name: str,
    default: N,
    environ: Mapping[str, str] | None,
    minimum: N | None,
    read: Callable[[str], N],
    what: str,
    show: Callable[[N], str],
) -> N:
    """The variable read by ``read`` (a ValueError: not ``what``), at least ``minimum``."""
    raw = env_str(name, "", environ).strip()
    if not raw:
        return default
    try:
        value = read(raw)
    except ValueError:
        raise ConfigError(f"{name} must be {what}, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {show(minimum)}, not {show(value)}")
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    raw = env_str(name, "", environ)
    if not raw:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


@dataclass(frozen=True)
class DatabaseUrl:
    engine: str
    name: str
    user: str
    password: str
    host: str
    port: str

    def as_django(self) -> dict[str, object]:
        return {
            "ENGINE": self.engine,
            "NAME": self.name,
            "USER": self.user,
            "PASSWORD": self.password,
            "HOST": self.host,
            "PORT": self.port,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }


def parse_database_url(url: str, variable: str = "DATABASE_URL") -> DatabaseUrl:
    """Parse a ``postgres://user:pass@host:port/name`` URL; only PostgreSQL is supported."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ConfigError(
            f"{variable} must be a postgresql:// URL (SQLite is the default when it is unset), "
            f"not one with scheme {parts.scheme!r}"
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigError(
            f"{variable} must name a database, e.g. postgresql://user@host:5432/simon"
        )
    try:
        port = str(parts.port or "")
    except ValueError:
        raise ConfigError(f"{variable} has an invalid port") from None
    return DatabaseUrl(
        engine="django.db.backends.postgresql",
        name=name,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        host=parts.hostname or "",
        port=port,
    )


def check_redis_url(url: str, variable: str = "REDIS_URL") -> str:
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss", "unix"} or not (parts.hostname or parts.path):
        raise ConfigError(f"{variable} must look like redis://host:6379/0, not {url!r}")
    return url


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    path = Path(env_str("SIMON_DATA_DIR", "var", environ)).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"SIMON_DATA_DIR {str(path)!r} cannot be created: {exc}") from None
    return path


def secret_from_file(path: Path, make: Callable[[], str]) -> str:
    """Read a generated secret, creating it once; keeps the embedded set-up zero-config."""
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()
