"""Rotating the Fernet key that encrypts the koppelsleutel (issue 9): several keys, newest
first, and a command that moves every stored credential to the newest."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from simon.snelstart_sync import crypto
from simon.snelstart_sync.models import Connection

pytestmark = pytest.mark.django_db

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def stored_for(organization, secret: str) -> Connection:
    return Connection.objects.create(
        organization=organization, client_key_encrypted=crypto.encrypt(secret)
    )


def test_a_new_key_in_front_still_reads_what_the_old_one_wrote(settings, org_a):
    settings.FERNET_KEYS = [OLD]
    connection = stored_for(org_a, "koppelsleutel-a")

    settings.FERNET_KEYS = [NEW, OLD]

    assert crypto.decrypt(connection.client_key_encrypted) == "koppelsleutel-a"
    assert Fernet(NEW.encode()).decrypt(crypto.encrypt("x").encode()) == b"x"  # newest writes


def test_reencrypting_moves_every_credential_to_the_newest_key(settings, org_a, org_b, capsys):
    settings.FERNET_KEYS = [OLD]
    a, b = stored_for(org_a, "sleutel-a"), stored_for(org_b, "sleutel-b")
    settings.FERNET_KEYS = [NEW, OLD]

    call_command("reencrypt_credentials")

    settings.FERNET_KEYS = [NEW]  # the old key dropped
    for connection, secret in ((a, "sleutel-a"), (b, "sleutel-b")):
        connection.refresh_from_db()
        assert crypto.decrypt(connection.client_key_encrypted) == secret
    assert "re-encrypted: 2" in capsys.readouterr().out


def test_without_the_old_key_nothing_is_readable_and_the_command_says_which(settings, org_a):
    settings.FERNET_KEYS = [OLD]
    connection = stored_for(org_a, "sleutel-a")
    before = connection.client_key_encrypted
    settings.FERNET_KEYS = [NEW]

    with pytest.raises(crypto.CredentialUnreadable):
        crypto.decrypt(before)
    with pytest.raises(CommandError, match=str(org_a.code)) as raised:
        call_command("reencrypt_credentials")

    connection.refresh_from_db()
    assert connection.client_key_encrypted == before  # left as it was, for the old key
    assert "sleutel-a" not in str(raised.value)
