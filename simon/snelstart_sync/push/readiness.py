"""What stops a work order from becoming a sales order, in the user's words (S7; manual 2.3).

A pure function of the same plain values as the payload. While the integration runs,
'Archiveren' is refused for any of these; the preview lists them; and the sender checks them
again before it calls SnelStart (a customer may have been set inactive a minute later).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from simon.lib.later_text import later
from simon.snelstart_sync.push.payload import ExportSettings, SettingsArticle, WorkOrderFacts


@dataclass(frozen=True)
class Problem:
    #: What the office corrects: "customer", "material", "settings".
    part: str
    message: str
    action: str


def _customer_problems(facts: WorkOrderFacts) -> list[Problem]:
    if not facts.customer_present:
        return [
            Problem(
                "customer",
                later(
                    gettext_noop(
                        "Deze werkbon heeft geen klant; zonder debiteur kan SnelStart geen "
                        "verkooporder maken."
                    )
                ),
                later(gettext_noop("Kies op de werkbon een klant (een debiteur uit SnelStart).")),
            )
        ]
    name = facts.customer_name
    if facts.customer_id is None:
        return [
            Problem(
                "customer",
                later(
                    gettext_noop(
                        "De klant '%(name)s' komt niet uit SnelStart (hij is in Simon aangemaakt)."
                    ),
                    name=name,
                ),
                later(gettext_noop("Kies op de werkbon een klant uit SnelStart.")),
            )
        ]
    if not facts.customer_active:
        return [customer_gone(name)]
    return []


def _material_problems(facts: WorkOrderFacts) -> list[Problem]:
    problems = []
    for item in facts.materials:
        label = f"{item.article_code} {item.description}".strip()
        if item.article_id is None:
            problems.append(
                Problem(
                    "material",
                    later(
                        gettext_noop("Het artikel '%(article)s' komt niet uit SnelStart."),
                        article=label,
                    ),
                    later(
                        gettext_noop("Vervang het op de werkbon door een artikel uit SnelStart.")
                    ),
                )
            )
        elif not item.active:
            problems.append(material_gone(label))
    return problems


def material_gone(label: str) -> Problem:
    return Problem(
        "material",
        later(
            gettext_noop("Het artikel '%(article)s' is in SnelStart verwijderd of inactief gezet."),
            article=label,
        ),
        later(
            gettext_noop(
                "Zet het artikel in SnelStart weer actief, of vervang het op de werkbon door een "
                "ander artikel."
            )
        ),
    )


def customer_gone(name: str) -> Problem:
    return Problem(
        "customer",
        later(
            gettext_noop("De klant '%(name)s' is in SnelStart verwijderd of inactief gezet."),
            name=name,
        ),
        later(
            gettext_noop(
                "Zet de klant in SnelStart weer actief, of kies op de werkbon een andere klant."
            )
        ),
    )


def _settings_problem(role: str, article: SettingsArticle | None) -> list[Problem]:
    if article is None or not article.code or article.known:
        return []
    return [
        Problem(
            "settings",
            later(
                gettext_noop(
                    "Het %(role)s '%(code)s' uit de instellingen bestaat niet meer in SnelStart of "
                    "is inactief."
                ),
                role=role,
                code=article.code,
            ),
            later(
                gettext_noop(
                    "Kies bij 'Integraties' → 'Instellingen' → 'Wijzig' een ander artikel."
                )
            ),
        )
    ]


def problems(facts: WorkOrderFacts, settings: ExportSettings) -> list[Problem]:
    """Everything that would make SnelStart refuse this order; empty when it can be sent.

    A settings article counts only when its line would be on the order (time was booked).
    """
    found = _customer_problems(facts) + _material_problems(facts)
    found += _settings_problem(later(gettext_noop("vaste artikel")), settings.fixed_article)
    if facts.work_minutes > 0:
        found += _settings_problem(later(gettext_noop("werktijdartikel")), settings.work_article)
    if facts.travel_minutes > 0:
        found += _settings_problem(later(gettext_noop("reistijdartikel")), settings.travel_article)
    return found
