"""Why SnelStart refused a sales order, in the user's words (S22; manual 8.1).

SnelStart answers a refused order with error codes (CONTRACT §9.3) that rarely say which
record is at fault: ALG-0105 'item is inactive' may be the customer or any article. So a refusal
is diagnosed by reading the records the order refers to (a few GETs, only after a refusal) and
naming the one that is gone or inactive; the codes alone are the fallback.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.utils.translation import gettext_noop

from simon.lib.later_text import later
from simon.snelstart_sync.push.payload import SalesOrderDraft
from simon.snelstart_sync.push.readiness import Problem, customer_gone, material_gone
from snelstart import NotFoundError, RequestError, SnelStartClient, SnelStartError, ValidationError

CUSTOMER_CODES = frozenset({"REL-0005", "VOR-0002", "VOR-0003", "ALG-0105"})
ARTICLE_CODES = frozenset({"ART-0001", "ALG-0105"})
# At most this many articles are read to find the one at fault.
DIAGNOSE_ARTICLES = 10

_LINE_ROLES = {
    "fixed": "settings",
    "work": "settings",
    "travel": "settings",
    "material": "material",
}


def _codes(exc: RequestError) -> set[str]:
    codes = set(exc.codes)
    if isinstance(exc, ValidationError):
        codes |= {e.code for e in exc.errors if e.code}
    return codes


def _snelstart_text(exc: RequestError) -> str:
    if isinstance(exc, ValidationError) and exc.errors:
        return " ".join(e.message for e in exc.errors if e.message)[:500]
    return exc.message[:500]


def _customer(client: SnelStartClient, draft: SalesOrderDraft, name: str) -> list[Problem]:
    if draft.relatie_id is None:
        return []
    try:
        relatie = client.relaties.get(draft.relatie_id)
    except NotFoundError:
        relatie = None
    if relatie is not None and not relatie.nonactief:
        soorten = {str(s) for s in (relatie.relatiesoort or [])}
        if "Klant" in soorten:
            return []
        return [
            Problem(
                "customer",
                later(gettext_noop("'%(name)s' is in SnelStart geen klant (debiteur)."), name=name),
                later(
                    gettext_noop(
                        "Kies op de werkbon een andere klant, of maak de relatie in SnelStart "
                        "klant."
                    )
                ),
            )
        ]
    return [customer_gone(name)]


def _articles(client: SnelStartClient, draft: SalesOrderDraft) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[UUID] = set()
    for line in draft.lines:
        if line.article_id is None or line.article_id in seen or len(seen) >= DIAGNOSE_ARTICLES:
            continue
        seen.add(line.article_id)
        try:
            article = client.artikelen.get(line.article_id)
        except NotFoundError:
            article = None
        if article is not None and not article.is_non_actief:
            continue
        label = f"{line.article_code} {line.description}".strip()
        if _LINE_ROLES.get(line.kind) == "settings":
            problems.append(
                Problem(
                    "settings",
                    later(
                        gettext_noop(
                            "Het artikel '%(article)s' uit de instellingen is in SnelStart "
                            "verwijderd of inactief gezet."
                        ),
                        article=label,
                    ),
                    later(
                        gettext_noop(
                            "Kies bij 'Integraties' → 'Instellingen' → 'Wijzig' een ander artikel."
                        )
                    ),
                )
            )
        else:
            problems.append(material_gone(label))
    return problems


def _template(codes: Iterable[str], draft: SalesOrderDraft, name: str) -> list[Problem]:
    if draft.template_id is None or "ALG-0103" not in codes:
        return []
    return [
        Problem(
            "settings",
            later(
                gettext_noop(
                    "Het verkoopordersjabloon '%(name)s' uit de instellingen bestaat niet meer."
                ),
                name=name,
            ),
            later(
                gettext_noop(
                    "Kies bij 'Integraties' → 'Instellingen' → 'Wijzig' een ander sjabloon."
                )
            ),
        )
    ]


def diagnose(
    client: SnelStartClient,
    draft: SalesOrderDraft,
    exc: RequestError,
    *,
    customer_name: str,
    template_name: str,
) -> list[Problem]:
    """The records that made SnelStart refuse this order; SnelStart's own text when none is
    found (or the diagnosis itself fails)."""
    codes = _codes(exc)
    found: list[Problem] = []
    try:
        if codes & CUSTOMER_CODES:
            found += _customer(client, draft, customer_name)
        if codes & ARTICLE_CODES:
            found += _articles(client, draft)
    except SnelStartError:
        found = []
    found += _template(codes, draft, template_name)
    if found:
        return found
    return [
        Problem(
            "other",
            later(
                gettext_noop("SnelStart weigerde de verkooporder: %(text)s"),
                text=_snelstart_text(exc),
            ),
            later(
                gettext_noop(
                    "Controleer de werkbon en de instellingen. Blijft dit terugkomen, neem dan "
                    "contact op met de beheerder van Simon."
                )
            ),
        )
    ]
