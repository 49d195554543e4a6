"""'Controleer' (S28, S29): one check per setting of manual chapter 5.

Each check takes the normalized value the user entered and answers whether it can be used,
with a Dutch message that says precisely what is wrong (or what was found). Checks that need
SnelStart ask it through the organization's stored koppelsleutel; a SnelStart id they find
(article, template) comes back in ``resolved`` so that 'Opslaan' can store it.

A check never raises for a SnelStart failure: 'SnelStart is not reachable' is a failed check
with the message of the integration log, so the user knows it is not their value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from simon.snelstart_sync import failures
from simon.snelstart_sync.connection import NotConnected, client_for
from simon.snelstart_sync.crypto import CredentialUnreadable
from simon.snelstart_sync.models import (
    Connection,
    Memo,
    OrderDescription,
    OrderType,
    PaymentReference,
    PulledDescription,
)
from snelstart import Artikel, SnelStartClient, SnelStartError, odata

FILTER_WORD_MAX = 50
SUFFIX_MAX = 3


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str
    # SnelStart ids found by the check, JSON-ready: kept in the session until 'Opslaan'.
    resolved: dict[str, str] = field(default_factory=dict)


def passed(message: str, **resolved: str) -> CheckResult:
    return CheckResult(True, message, resolved)


def failed(message: str) -> CheckResult:
    return CheckResult(False, message)


class SnelStartLookup:
    """Opens a client only when a check needs SnelStart, and closes it afterwards."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._client: SnelStartClient | None = None

    @property
    def client(self) -> SnelStartClient:
        if self._client is None:
            self._client = client_for(self.connection)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


Check = Callable[[SnelStartLookup, Any], CheckResult]


# --- articles --------------------------------------------------------------------------------


def _same_code_other_case(client: SnelStartClient, code: str, found: list[Artikel]) -> str | None:
    """SnelStart's spelling of the code when only the case differs, for 'bedoelde je …?'."""
    candidates = list(found)
    if not candidates:
        try:
            lowered = f"tolower(Artikelcode) eq {odata.string_literal(code.lower())}"
            candidates = client.artikelen.page(0, 5, filter=lowered)
        except SnelStartError:
            return None  # only a suggestion: not worth failing the check over
    for article in candidates:
        if article.artikelcode and article.artikelcode.lower() == code.lower():
            return article.artikelcode
    return None


def _article(lookup: SnelStartLookup, code: str, id_field: str, empty: str) -> CheckResult:
    if not code:
        return passed(empty)
    client = lookup.client
    found = client.artikelen.page(0, 5, filter=odata.eq("Artikelcode", code))
    exact = [a for a in found if a.artikelcode == code]
    if not exact:
        other = _same_code_other_case(client, code, found)
        if other:
            return failed(
                _(
                    "Artikelcode '%(code)s' bestaat niet precies zo in SnelStart; bedoelde je "
                    "'%(other)s'? Let op hoofdletters."
                )
                % {"code": code, "other": other}
            )
        return failed(
            _("Artikelcode '%(code)s' bestaat niet in SnelStart. Controleer de code in SnelStart.")
            % {"code": code}
        )
    article = exact[0]
    description = article.omschrijving or ""
    if article.is_non_actief:
        return failed(
            _(
                "Artikel '%(code)s' (%(description)s) staat in SnelStart op non-actief. Kies een "
                "actief artikel of zet dit artikel in SnelStart weer op actief."
            )
            % {"code": code, "description": description}
        )
    return passed(
        _("Artikel '%(code)s' gevonden en actief: %(description)s.")
        % {"code": code, "description": description},
        **{id_field: str(article.id)},
    )


def check_travel_article(lookup: SnelStartLookup, code: str) -> CheckResult:
    empty = _("Geen artikel: reistijd gaat niet mee naar de verkooporder.")
    return _article(lookup, code, "travel_article_id", empty)


def check_work_article(lookup: SnelStartLookup, code: str) -> CheckResult:
    empty = _("Geen artikel: werktijd gaat niet mee naar de verkooporder.")
    return _article(lookup, code, "work_article_id", empty)


def check_fixed_article(lookup: SnelStartLookup, code: str) -> CheckResult:
    empty = _("Geen vast artikel: de verkooporder krijgt geen vaste regel.")
    return _article(lookup, code, "fixed_article_id", empty)


# --- article groups and template ---------------------------------------------------------------


def check_article_groups(lookup: SnelStartLookup, names: list[str]) -> CheckResult:
    groups = lookup.client.artikelomzetgroepen.list()
    known = [g.omschrijving for g in groups if g.omschrijving]
    if not names:
        return passed(
            _("Leeg: alle %(count)d artikelgroepen uit SnelStart worden overgenomen.")
            % {"count": len(known)}
        )
    problems = []
    for name in names:
        if name in known:
            continue
        near = [k for k in known if k.lower() == name.lower()]
        if near:
            problems.append(
                _(
                    'Artikelgroep "%(name)s" bestaat niet in SnelStart; bedoelde je "%(near)s"? '
                    "De namen zijn hoofdlettergevoelig."
                )
                % {"name": name, "near": near[0]}
            )
        else:
            problems.append(
                _('Artikelgroep "%(name)s" bestaat niet in SnelStart.') % {"name": name}
            )
    if problems:
        return failed(" ".join(problems))
    return passed(
        _("Gevonden in SnelStart: %(names)s.") % {"names": ", ".join(f'"{n}"' for n in names)}
    )


def check_template(lookup: SnelStartLookup, name: str) -> CheckResult:
    if not name:
        return passed(_("Geen standaardsjabloon: SnelStart bepaalt het sjabloon."))
    templates = lookup.client.verkoopordersjablonen.list()
    exact = [t for t in templates if t.omschrijving == name]
    if not exact:
        near = [t.omschrijving for t in templates if (t.omschrijving or "").lower() == name.lower()]
        if near:
            return failed(
                _('Sjabloon "%(name)s" bestaat niet in SnelStart; bedoelde je "%(near)s"?')
                % {"name": name, "near": near[0]}
            )
        return failed(_('Sjabloon "%(name)s" bestaat niet in SnelStart.') % {"name": name})
    template = exact[0]
    if template.nonactief:
        return failed(
            _('Sjabloon "%(name)s" staat in SnelStart op non-actief. Kies een actief sjabloon.')
            % {"name": name}
        )
    if template.nieuwe_orders_blokkeren:
        return failed(
            _('Sjabloon "%(name)s" blokkeert in SnelStart nieuwe orders. Kies een ander sjabloon.')
            % {"name": name}
        )
    return passed(
        _('Sjabloon "%(name)s" gevonden en actief.') % {"name": name},
        template_id=str(template.id),
    )


def check_administration(lookup: SnelStartLookup, administration_id: str) -> CheckResult:
    """The koppelsleutel still opens the administration Simon was linked to (manual 6.2)."""
    info = lookup.client.company_info()
    name = info.administratie_naam or info.bedrijfsnaam or ""
    if str(info.administratie_identifier or "") != administration_id:
        return failed(
            _(
                "De koppelsleutel opent nu administratie '%(name)s', niet de administratie "
                "waarmee Simon gekoppeld is. Koppel opnieuw via 'Koppel'."
            )
            % {"name": name}
        )
    return passed(_("Administratie '%(name)s' is bekend in SnelStart.") % {"name": name})


# --- checks without SnelStart -----------------------------------------------------------------


def _filter_word(word: str, empty: str, used: str) -> CheckResult:
    if not word:
        return passed(empty)
    if any(c in word for c in "\r\n\t"):
        return failed(_("Het filterwoord mag geen regeleinde of tab bevatten."))
    if len(word) < 2:
        return failed(
            _(
                "Een filterwoord van één teken komt in bijna elke omschrijving voor; gebruik "
                "minstens 2 tekens."
            )
        )
    if len(word) > FILTER_WORD_MAX:
        return failed(
            _("Het filterwoord is %(length)d tekens lang; het mag maximaal %(max)d tekens zijn.")
            % {"length": len(word), "max": FILTER_WORD_MAX}
        )
    return passed(used % {"word": word})


def check_send_filter_word(lookup: SnelStartLookup, word: str) -> CheckResult:
    return _filter_word(
        word,
        _("Leeg: alle gearchiveerde werkbonnen gaan naar SnelStart."),
        _(
            "Werkbonnen met '%(word)s' in de omschrijving worden niet naar SnelStart gestuurd "
            "(hoofdletters maken niet uit)."
        ),
    )


def check_pull_filter_word(lookup: SnelStartLookup, word: str) -> CheckResult:
    return _filter_word(
        word,
        _("Leeg: alle verkooporders worden opgehaald (als ophalen aan staat)."),
        _(
            "Alleen verkooporders met '%(word)s' in de omschrijving worden opgehaald "
            "(hoofdletters maken niet uit)."
        ),
    )


def check_suffix(lookup: SnelStartLookup, suffix: str) -> CheckResult:
    if not suffix:
        return passed(_("Geen toevoeging aan de omschrijving."))
    if len(suffix) > SUFFIX_MAX:
        return failed(
            _(
                "De toevoeging '%(suffix)s' is %(length)d tekens lang; maximaal %(max)d "
                "(bijvoorbeeld 'XXX')."
            )
            % {"suffix": suffix, "length": len(suffix), "max": SUFFIX_MAX}
        )
    return passed(
        _("De omschrijving van de verkooporder eindigt op '%(suffix)s'.") % {"suffix": suffix}
    )


def _choice(choices: list[tuple[Any, Any]]) -> Check:
    labels = dict(choices)

    def check(lookup: SnelStartLookup, value: Any) -> CheckResult:
        if value not in labels:
            return failed(_("Kies een van de mogelijkheden."))
        return passed(_("Gekozen: %(label)s.") % {"label": labels[value]})

    return check


YES_NO = [(True, _("Ja")), (False, _("Nee"))]

CHECKS: dict[str, Check] = {
    "administration": check_administration,
    "travel_article_code": check_travel_article,
    "work_article_code": check_work_article,
    "article_groups": check_article_groups,
    "fixed_article_code": check_fixed_article,
    "order_description": _choice(OrderDescription.choices),
    "payment_reference": _choice(PaymentReference.choices),
    "memo": _choice(Memo.choices),
    "first_line_description": _choice(YES_NO),
    "send_filter_word": check_send_filter_word,
    "template_name": check_template,
    "order_type": _choice(OrderType.choices),
    "pull_orders": _choice(YES_NO),
    "pull_filter_word": check_pull_filter_word,
    "pull_with_lines": _choice(YES_NO),
    "pull_description": _choice(PulledDescription.choices),
    "description_suffix": check_suffix,
}


def _run(lookup: SnelStartLookup, name: str, value: Any) -> CheckResult:
    try:
        return CHECKS[name](lookup, value)
    except SnelStartError as exc:
        explanation = failures.explain(exc)
        return failed(f"{explanation.message} {explanation.action}")
    except (NotConnected, CredentialUnreadable):
        return failed(_("Simon heeft geen bruikbare koppelsleutel; koppel opnieuw via 'Koppel'."))


def run_check(connection: Connection, name: str, value: Any) -> CheckResult:
    """Check one setting's value. Raises KeyError for an unknown setting."""
    return run_checks(connection, {name: value})[name]


def run_checks(connection: Connection, values: dict[str, Any]) -> dict[str, CheckResult]:
    """Check several settings with one SnelStart client ('Alles controleren')."""
    unknown = set(values) - set(CHECKS)
    if unknown:
        raise KeyError(sorted(unknown))
    lookup = SnelStartLookup(connection)
    try:
        return {name: _run(lookup, name, value) for name, value in values.items()}
    finally:
        lookup.close()
