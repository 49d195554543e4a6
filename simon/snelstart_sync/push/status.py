"""The one status line an archived work order shows about SnelStart (issue 8, B2).

Read only from the export row, so it is always what Simon knows right now: 'Wordt verstuurd',
'In SnelStart als verkooporder 1042', 'Niet verstuurd: filterwoord Garantie', 'Niet verstuurd:
integratie niet actief', 'Mislukt: …'.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from simon.snelstart_sync.models import ExportState, SalesOrderExport, SkipReason

# The overview's filter values (query string ``snelstart=``).
FILTER_PROBLEMS = "niet-verstuurd"
FILTER_SENDING = "onderweg"
FILTER_SENT = "verstuurd"


@dataclass(frozen=True)
class StatusLine:
    #: "sending", "waiting", "sent", "skipped", "failed": the CSS class and the test's handle.
    kind: str
    text: str
    short: str  # for the overview's badge
    detail: str = ""
    action: str = ""


def status_line(export: SalesOrderExport) -> StatusLine:
    state = export.state
    if state == ExportState.SENT:
        return StatusLine(
            "sent",
            _("In SnelStart als verkooporder %(number)s")
            % {"number": export.snelstart_order_number},
            _("Verkooporder %(number)s") % {"number": export.snelstart_order_number},
        )
    if state == ExportState.FAILED:
        return StatusLine(
            "failed",
            _("Mislukt: %(problem)s") % {"problem": export.shown_problem},
            _("Mislukt"),
            action=export.shown_action,
        )
    if state == ExportState.SKIPPED:
        if export.skip_reason == SkipReason.FILTER_WORD:
            word = export.settings_version.send_filter_word if export.settings_version else ""
            return StatusLine(
                "skipped",
                _("Niet verstuurd: filterwoord %(word)s") % {"word": word},
                _("Niet verstuurd"),
            )
        return StatusLine(
            "skipped", _("Niet verstuurd: integratie niet actief"), _("Niet verstuurd")
        )
    if export.problem:
        return StatusLine(
            "waiting",
            _("Wordt verstuurd, wacht: %(problem)s") % {"problem": export.shown_problem},
            _("Wacht"),
            action=export.shown_action,
        )
    return StatusLine("sending", _("Wordt verstuurd"), _("Wordt verstuurd"))
