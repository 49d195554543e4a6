"""What a failed sync means for the user: a Dutch 'Bericht' and 'Te nemen actie' (S32, B3).

A pure mapping from the client's error hierarchy to log messages, so every failure the user
can act on reads the same wherever it happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext_noop

from simon.lib.later_text import later
from simon.snelstart_sync.models import Kind
from snelstart import (
    AuthenticationError,
    ForbiddenError,
    MalformedResponseError,
    RequestError,
    SnelStartError,
    TransientError,
)

# After this many failed syncs in a row a warning becomes an error ('SnelStart down for long').
ESCALATE_AFTER = 10
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class Explanation:
    kind: Kind
    message: str
    action: str
    permanent: bool


def explain(exc: Exception, failures_in_a_row: int = 1) -> Explanation:
    if isinstance(exc, AuthenticationError):
        if exc.credential == "subscription_key":
            return Explanation(
                Kind.ERROR,
                later(gettext_noop("SnelStart weigert de abonnementssleutel van Simon.")),
                later(
                    gettext_noop(
                        "Dit ligt niet aan jouw koppeling: neem contact op met de beheerder van "
                        "Simon."
                    )
                ),
                True,
            )
        return Explanation(
            Kind.ERROR,
            later(
                gettext_noop(
                    "SnelStart accepteert de koppelsleutel niet (meer). Misschien is de "
                    "koppeling in "
                    "SnelStart ingetrokken."
                )
            ),
            later(
                gettext_noop(
                    "Maak in SnelStart bij 'Koppelingen' een nieuwe koppelsleutel aan en kies in "
                    "Simon 'Integraties' → SnelStart → 'Koppel opnieuw'."
                )
            ),
            True,
        )
    if isinstance(exc, ForbiddenError):
        return Explanation(
            Kind.ERROR,
            later(gettext_noop("De koppeling heeft in SnelStart niet de benodigde rechten.")),
            later(
                gettext_noop(
                    "Controleer in SnelStart bij 'Koppelingen' welke rechten Simon heeft, maak zo "
                    "nodig een nieuwe koppelsleutel aan en kies in Simon 'Integraties' → "
                    "SnelStart → "
                    "'Koppel opnieuw'."
                )
            ),
            True,
        )
    if isinstance(exc, TransientError):
        limited = exc.status == 429
        kind = Kind.ERROR if failures_in_a_row >= ESCALATE_AFTER else Kind.WARNING
        if limited:
            message = later(
                gettext_noop(
                    "SnelStart beperkt het aantal verzoeken; de synchronisatie wacht even."
                )
            )
        else:
            message = later(gettext_noop("SnelStart is op dit moment niet bereikbaar."))
        if kind == Kind.ERROR:
            action = later(
                gettext_noop(
                    "Dit duurt al langer. Kijk op de storingspagina van SnelStart; Simon "
                    "blijft het automatisch proberen."
                )
            )
        else:
            action = later(
                gettext_noop("Je hoeft niets te doen: Simon probeert het automatisch opnieuw.")
            )
        return Explanation(kind, message, action, False)
    if isinstance(exc, MalformedResponseError | RequestError | SnelStartError):
        return Explanation(
            Kind.ERROR,
            later(
                gettext_noop("SnelStart gaf een onverwacht antwoord: %(detail)s"),
                detail=exc.message[:300],
            ),
            later(
                gettext_noop(
                    "Simon probeert het opnieuw. Blijft deze melding terugkomen, neem dan "
                    "contact op "
                    "met de beheerder van Simon."
                )
            ),
            False,
        )
    return Explanation(
        Kind.ERROR,
        later(gettext_noop("De synchronisatie is mislukt door een interne fout.")),
        later(
            gettext_noop(
                "Simon probeert het opnieuw. Blijft deze melding terugkomen, neem dan contact "
                "op met "
                "de beheerder van Simon."
            )
        ),
        False,
    )


def backoff(interval: timedelta, failures_in_a_row: int) -> timedelta:
    """Wait longer after each failure in a row, at most an hour."""
    return min(interval * (2 ** min(failures_in_a_row, 10)), MAX_BACKOFF)
