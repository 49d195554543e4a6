"""The answer the core asks for (S4 beyond): while the integration runs, customers and articles
are managed in SnelStart, and Simon's UI and API refuse to create or change them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from simon.lib.external import ExternalManagement, Kind
from simon.snelstart_sync.models import ON_STATES, Connection
from simon.tenants.models import Organization


def snelstart_manages(organization: Organization, kind: Kind) -> ExternalManagement | None:
    if not Connection.objects.filter(organization=organization, state__in=ON_STATES).exists():
        return None
    if kind == "customer":
        message = _(
            "Beheer klanten en artikelen in SnelStart: klanten worden uit SnelStart "
            "overgenomen en kunnen in Simon niet worden aangemaakt of gewijzigd."
        )
    else:
        message = _(
            "Beheer klanten en artikelen in SnelStart: artikelen worden uit SnelStart "
            "overgenomen en kunnen in Simon niet worden aangemaakt of gewijzigd."
        )
    return ExternalManagement(system="SnelStart", message=message)
