"""``manage.py reencrypt_credentials``: every stored koppelsleutel to the newest Fernet key.

Run after putting a new key in front of SIMON_FERNET_KEY(_FILE); once it reports no unreadable
credential, the old key may be dropped. Safe to run again (and while Simon runs: each row is
rewritten with one conditional UPDATE, so a koppelsleutel changed meanwhile is left alone).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from simon.snelstart_sync import crypto
from simon.snelstart_sync.models import Connection


class Command(BaseCommand):
    help = "Re-encrypt every stored koppelsleutel with the newest key of SIMON_FERNET_KEY."

    def handle(self, *args: Any, **options: Any) -> None:
        done, unreadable = 0, []
        rows = Connection.objects.exclude(client_key_encrypted="").select_related("organization")
        for connection in rows.iterator():
            old = connection.client_key_encrypted
            try:
                new = crypto.reencrypt(old)
            except crypto.CredentialUnreadable:
                unreadable.append(str(connection.organization.code))
                continue
            done += Connection.objects.filter(pk=connection.pk, client_key_encrypted=old).update(
                client_key_encrypted=new
            )
        self.stdout.write(f"re-encrypted: {done}")
        if unreadable:
            # Organization codes only; never a key or a credential.
            raise CommandError(
                f"{len(unreadable)} koppelsleutel(s) cannot be decrypted with any configured "
                f"key (organizations {', '.join(unreadable)}): keep the old key until these "
                "are reconnected"
            )
