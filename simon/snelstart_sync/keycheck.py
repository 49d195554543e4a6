"""'Check in SnelStart' (S27, manual 4.3): does this koppelsleutel open an administration?

Obtains a token with the key and reads ``/companyInfo``. A refusal is told apart by what was
refused (the koppelsleutel, Simon's own subscription key, or SnelStart not answering), because
only the first is something the user can fix with another key. The key itself never appears
in a message or a log line.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from simon.snelstart_sync.connection import client_for_key
from snelstart import AuthenticationError, ForbiddenError, SnelStartError, TransientError


@dataclass(frozen=True)
class KeyCheck:
    ok: bool
    message: str = ""
    administration_id: str | None = None
    administration_name: str = ""


def _refusal(exc: SnelStartError) -> str:
    if isinstance(exc, AuthenticationError):
        if exc.credential == "subscription_key":
            return _(
                "SnelStart weigert de abonnementssleutel van Simon zelf; aan jouw koppelsleutel "
                "ligt het niet. Neem contact op met de beheerder van Simon."
            )
        if exc.credential == "token":
            return _(
                "SnelStart gaf voor deze koppelsleutel een toegangstoken, maar weigert het daarna. "
                "Probeer het opnieuw; gebeurt dit weer, maak dan in SnelStart bij 'Koppelingen' "
                "een nieuwe koppelsleutel aan."
            )
        return _(
            "SnelStart kent deze koppelsleutel niet, of de koppeling is in SnelStart ingetrokken. "
            "Controleer of je de hele sleutel hebt geplakt, of maak in SnelStart bij "
            "'Koppelingen' een nieuwe koppelsleutel aan."
        )
    if isinstance(exc, ForbiddenError):
        return _(
            "De koppeling heeft in SnelStart niet de rechten die Simon nodig heeft. Stel de "
            "koppeling in SnelStart bij 'Koppelingen' opnieuw in."
        )
    if isinstance(exc, TransientError):
        return _(
            "SnelStart is op dit moment niet bereikbaar. Probeer het over een paar minuten "
            "opnieuw; aan je koppelsleutel ligt het niet."
        )
    return _(
        "SnelStart gaf een onverwacht antwoord. Probeer het opnieuw; gebeurt dit weer, neem dan "
        "contact op met de beheerder van Simon."
    )


def check_key(client_key: str) -> KeyCheck:
    """Ask SnelStart which administration the key opens; never raises for SnelStart's answers."""
    try:
        client = client_for_key(client_key)
    except ValueError:
        return KeyCheck(False, _("Plak de koppelsleutel uit SnelStart."))
    try:
        info = client.company_info()
    except SnelStartError as exc:
        return KeyCheck(False, _refusal(exc))
    finally:
        client.close()
    name = info.administratie_naam or info.bedrijfsnaam or _("(naamloze administratie)")
    identifier = str(info.administratie_identifier) if info.administratie_identifier else None
    return KeyCheck(True, administration_id=identifier, administration_name=name)
