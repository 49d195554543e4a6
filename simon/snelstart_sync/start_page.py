"""What the SnelStart integration puts on the office's start page (simon.lib.start_page):
work orders that did not reach SnelStart, a paused koppeling, open warnings in the log, and for
a beheerder without the integration the invitation to switch it on (manual 5.15)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from simon.lib.start_page import Attention
from simon.snelstart_sync.models import (
    Connection,
    ExportState,
    Kind,
    LogMessage,
    SalesOrderExport,
    State,
)
from simon.snelstart_sync.push.status import FILTER_PROBLEMS
from simon.tenants.models import Membership

# A work order still on its way after this long is worth a look (SnelStart down, throttled).
LATE = timedelta(minutes=10)


def attention(membership: Membership) -> list[Attention]:
    organization = membership.organization
    connection = Connection.objects.filter(organization=organization).first()
    if connection is None or connection.state in (State.INACTIVE, State.DEACTIVATED):
        return _invitation(membership)
    items = _paused(membership, connection)
    exports = SalesOrderExport.objects.filter(organization=organization)
    failed = exports.filter(state=ExportState.FAILED).count()
    if failed:
        items.append(
            Attention(
                title=_("Niet naar SnelStart verstuurd"),
                text=ngettext(
                    "%(count)d gearchiveerde werkbon kon niet naar SnelStart: corrigeer hem en "
                    "verstuur hem opnieuw.",
                    "%(count)d gearchiveerde werkbonnen konden niet naar SnelStart: corrigeer ze "
                    "en verstuur ze opnieuw.",
                    failed,
                )
                % {"count": failed},
                link=reverse("workorders:list") + f"?export={FILTER_PROBLEMS}",
                link_label=_("Bekijk de werkbonnen"),
                tone="error",
                count=failed,
            )
        )
    late = exports.filter(
        state__in=(ExportState.PENDING, ExportState.SENDING),
        created__lt=timezone.now() - LATE,
    ).count()
    if late and connection.state != State.PAUSED:
        items.append(
            Attention(
                title=_("Wacht op SnelStart"),
                text=ngettext(
                    "%(count)d werkbon wacht al langer dan 10 minuten om naar SnelStart te gaan; "
                    "Simon blijft het proberen.",
                    "%(count)d werkbonnen wachten al langer dan 10 minuten om naar SnelStart te "
                    "gaan; Simon blijft het proberen.",
                    late,
                )
                % {"count": late},
                link=reverse("workorders:list") + f"?export={FILTER_PROBLEMS}",
                link_label=_("Bekijk de werkbonnen"),
                count=late,
            )
        )
    if membership.is_admin:
        items.extend(_log_warnings(connection))
    return items


def _invitation(membership: Membership) -> list[Attention]:
    if not membership.is_admin:
        return []
    return [
        Attention(
            title=_("Koppel Simon met SnelStart"),
            text=_(
                "Pluk de voordelen: je klanten en artikelen komen uit SnelStart en elke "
                "gearchiveerde werkbon staat binnen een paar seconden als verkooporder in "
                "SnelStart. Instellen duurt minder dan 5 minuten."
            ),
            link=reverse("snelstart_sync:integrations"),
            link_label=_("Naar 'Integraties'"),
            tone="info",
        )
    ]


def _paused(membership: Membership, connection: Connection) -> list[Attention]:
    if connection.state != State.PAUSED:
        return []
    if membership.is_admin:
        text = _("%(reason)s Werkbonnen wachten tot je opnieuw koppelt.") % {
            "reason": connection.pause_reason
        }
        link = reverse("snelstart_sync:connect", args=[connection.code])
        label = _("Koppel opnieuw")
    else:
        text = _(
            "Simon haalt niets op uit SnelStart en verstuurt niets tot de beheerder opnieuw "
            "koppelt; gearchiveerde werkbonnen wachten zolang."
        )
        link, label = reverse("workorders:list"), _("Naar de werkbonnen")
    return [
        Attention(
            title=_("De koppeling met SnelStart is gepauzeerd"),
            text=text,
            link=link,
            link_label=label,
            tone="error",
        )
    ]


def _log_warnings(connection: Connection) -> list[Attention]:
    open_problems = LogMessage.objects.filter(
        organization=connection.organization,
        resolved=False,
        kind__in=(Kind.WARNING, Kind.ERROR),
        last_seen__gte=timezone.now() - timedelta(days=7),
    ).count()
    if not open_problems:
        return []
    return [
        Attention(
            title=_("Meldingen van de integratie"),
            text=ngettext(
                "%(count)d waarschuwing of foutmelding van de afgelopen week staat nog open.",
                "%(count)d waarschuwingen en foutmeldingen van de afgelopen week staan nog open.",
                open_problems,
            )
            % {"count": open_problems},
            link=reverse("snelstart_sync:logging", args=[connection.code]),
            link_label=_("Naar 'Logging'"),
            count=open_problems,
        )
    ]
