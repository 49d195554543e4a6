"""Where the Fernet keys that encrypt credentials at rest come from (issue 9).

``SIMON_FERNET_KEY`` (comma-separated) or ``SIMON_FERNET_KEY_FILE`` (one key a line) hold
one or more keys, newest first: the newest encrypts, every one decrypts, so a new key can be
put in front and ``manage.py reencrypt_credentials`` run before the old one is dropped.

Without either, the embedded set-up generates a key in the data folder. In production
(``SIMON_HTTPS``) that is refused: a copy of the data folder would hold the key next to what it
encrypts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from cryptography.fernet import Fernet

from simon.lib.config import ConfigError, env_str, secret_from_file


def _checked(keys: list[str], variable: str) -> list[str]:
    if not keys:
        raise ConfigError(f"{variable} holds no key")
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            # The key itself is never part of the message: it is a credential.
            raise ConfigError(
                f"{variable}: key {position} is not a Fernet key (32 url-safe base64 bytes, "
                "e.g. from `python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`)"
            ) from None
    return keys


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def read_keys(file: Path) -> list[str]:
    lines = file.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def fernet_keys(
    environ: Mapping[str, str],
    data_dir: Path,
    production: bool,
    generate: Callable[[], str] = lambda: Fernet.generate_key().decode(),
) -> list[str]:
    """The keys, newest first. Raises ConfigError naming the variable at fault."""
    listed = env_str("SIMON_FERNET_KEY", "", environ)
    if listed:
        keys = [key.strip() for key in listed.split(",") if key.strip()]
        return _checked(keys, "SIMON_FERNET_KEY")
    file_name = env_str("SIMON_FERNET_KEY_FILE", "", environ)
    if file_name:
        file = Path(file_name).expanduser()
        if production and _inside(file, data_dir):
            raise ConfigError(
                "SIMON_FERNET_KEY_FILE must not be inside SIMON_DATA_DIR when SIMON_HTTPS is on: "
                "a copy of the data folder would hold the key with what it encrypts"
            )
        try:
            keys = read_keys(file)
        except OSError as exc:
            raise ConfigError(f"SIMON_FERNET_KEY_FILE cannot be read: {exc}") from None
        return _checked(keys, "SIMON_FERNET_KEY_FILE")
    if production:
        raise ConfigError(
            "SIMON_HTTPS is on, so set SIMON_FERNET_KEY or SIMON_FERNET_KEY_FILE (outside "
            "SIMON_DATA_DIR); the generated key in the data folder is for the embedded set-up"
        )
    return _checked([secret_from_file(data_dir / "fernet.key", generate)], "fernet.key")
