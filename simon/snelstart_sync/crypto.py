"""The koppelsleutel at rest: Fernet-encrypted with the keys of SIMON_FERNET_KEY(_FILE).

Several keys may be configured, newest first (``settings.FERNET_KEYS``): the newest encrypts,
each of them decrypts, and ``reencrypt`` moves a stored value to the newest key, so a key is
rotated by putting a new one in front, running ``manage.py reencrypt_credentials`` and then
dropping the old one. Only the last characters are kept in clear (``hint``) so the screen can
say which key is in use without ever showing it again.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

HINT_LENGTH = 4


class CredentialUnreadable(Exception):
    """The stored key cannot be decrypted with any configured key (one was dropped too soon)."""


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.FERNET_KEYS])


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        raise CredentialUnreadable(
            "the stored koppelsleutel cannot be decrypted with any key of SIMON_FERNET_KEY"
        ) from None


def reencrypt(token: str) -> str:
    """The same secret, encrypted with the newest key. Raises CredentialUnreadable."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except (InvalidToken, ValueError):
        raise CredentialUnreadable(
            "the stored koppelsleutel cannot be decrypted with any key of SIMON_FERNET_KEY"
        ) from None


def hint(secret: str) -> str:
    return secret[-HINT_LENGTH:] if len(secret) > HINT_LENGTH * 2 else ""
