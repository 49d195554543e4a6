"""The koppelsleutel at rest: Fernet-encrypted with the key from SIMON_FERNET_KEY.

Only the last characters are kept in clear (``hint``) so the screen can say which key is in
use without ever showing it again.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

HINT_LENGTH = 4


class CredentialUnreadable(Exception):
    """The stored key cannot be decrypted, e.g. after SIMON_FERNET_KEY changed."""


def _fernet() -> Fernet:
    return Fernet(settings.FERNET_KEY.encode())


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        raise CredentialUnreadable(
            "the stored koppelsleutel cannot be decrypted with SIMON_FERNET_KEY"
        ) from None


def hint(secret: str) -> str:
    return secret[-HINT_LENGTH:] if len(secret) > HINT_LENGTH * 2 else ""
