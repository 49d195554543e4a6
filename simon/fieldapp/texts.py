"""The texts the field app's JavaScript shows, through gettext like every other (Dutch msgids).

The shell hands them to the script as JSON; ``{n}``, ``{number}`` and the like are filled in
there. simon/fieldapp/tests/test_texts.py checks that every key the script uses is here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TEXTS = {
    # the screens and the header
    "today": _("Vandaag"),
    "outbox": _("Te versturen"),
    "online": _("Online"),
    "offline": _("Offline"),
    "offline_note": _(
        "Geen verbinding. Werk gewoon door: je registraties worden op je telefoon bewaard en "
        "verstuurd zodra er weer verbinding is."
    ),
    "login_needed": _("Log opnieuw in om je registraties te versturen; ze blijven bewaard."),
    "login": _("Inloggen"),
    "look": _("Bekijk"),
    "waiting_one": _("1 registratie wacht op verzending."),
    "waiting_many": _("{n} registraties wachten op verzending."),
    "refused_one": _("1 registratie is niet verwerkt."),
    "refused_many": _("{n} registraties zijn niet verwerkt."),
    "freshness": _("Bijgewerkt {time}; je werkbonnen tot en met {until} staan op je telefoon."),
    "never_fetched": _("Nog niets op deze telefoon: open de app één keer met verbinding."),
    # a work order
    "work_order": _("Werkbon {number}"),
    "status_open": _("Open"),
    "status_ingepland": _("Ingepland"),
    "status_gereed_gemeld": _("Gereed gemeld"),
    "status_gearchiveerd": _("Gearchiveerd"),
    "status_completing": _("Gereed gemeld (wordt verstuurd)"),
    "completing_note": _(
        "Gereed gemeld: wordt verstuurd zodra er verbinding is. Daarna controleert kantoor de "
        "werkbon."
    ),
    "completed_note": _("Gereed gemeld: kantoor controleert en archiveert de werkbon."),
    "archived_note": _("Deze werkbon is gearchiveerd en kan niet meer worden gewijzigd."),
    "all_day": _("hele dag"),
    "not_planned": _("Niet ingepland"),
    "no_customer": _("Geen klant"),
    "no_address": _("Geen werkadres"),
    "no_description": _("Geen werkomschrijving"),
    "reference": _("Klantreferentie: {reference}"),
    "contact": _("Contact: {name} {phone}"),
    "route": _("Route"),
    "call_contact": _("Bel contactpersoon"),
    "call_name": _("Bel {name}"),
    "call_customer": _("Bel klant"),
    "totals_line": _("Werktijd {work} uur, reistijd {travel} uur, materialen: {materials}"),
    "work": _("Werktijd"),
    "travel": _("Reistijd"),
    "minutes": _("{n} min"),
    "form_done": _("Ingevuld"),
    "form_open": _("Nog niet afgerond"),
    "pending_new": _("Wacht op verzending"),
    "pending_edit": _("Wijziging wacht op verzending"),
    "pending_delete": _("Wordt verwijderd"),
    "pending_refused": _("Niet verwerkt"),
    # timers
    "work_running": _("Werktijd loopt · werkbon {number} · {time}"),
    "travel_running": _("Reistijd loopt · werkbon {number} · {time}"),
    "work_since": _("Werktijd loopt sinds {time}"),
    "travel_since": _("Reistijd loopt sinds {time}"),
    "timer_elsewhere": _(
        "Er loopt een timer op werkbon {number}. Start je hier een timer, dan boek je die eerst."
    ),
    "start_work": _("Start werktijd"),
    "start_travel": _("Start reistijd"),
    "stop_work": _("Werktijd stoppen (werkbon {number})"),
    "stop_travel": _("Reistijd stoppen (werkbon {number})"),
    "timer_span": _("Van {start} tot {end}"),
    # hours, materials, forms
    "hours_add_title": _("Uren toevoegen"),
    "hours_edit_title": _("Uren wijzigen"),
    "minutes_whole": _("Vul een geheel aantal minuten in."),
    "minutes_positive": _("Het aantal minuten moet groter dan 0 zijn."),
    "minutes_max": _("Meer dan 24 uur in één regel kan niet."),
    "date_needed": _("Kies een datum."),
    "material_add_title": _("Materiaal toevoegen"),
    "material_edit_title": _("Materiaal wijzigen"),
    "add": _("Toevoegen"),
    "save": _("Opslaan"),
    "search_here_partial": _(
        "Zonder verbinding zoek je in de artikelen op je telefoon: die je onlangs gebruikte en "
        "die op je werkbonnen."
    ),
    "search_nothing": _("Geen artikel gevonden."),
    "quantity_invalid": _("Vul een geldig aantal in: meer dan 0, hoogstens 3 decimalen."),
    "yes": _("Ja"),
    "no": _("Nee"),
    "choose": _("— kies —"),
    "signature_clear": _("Handtekening wissen"),
    "signature_given": _("Handtekening"),
    "required": _("Deze vraag is verplicht."),
    "number_needed": _("Vul een getal in."),
    "check_answers": _("Controleer de antwoorden."),
    # gereed melden
    "complete_title": _("Werkbon {number} gereed melden"),
    "complete_summary": _("{hours} uur geboekt, {materials}"),
    "material_one": _("1 materiaal"),
    "material_many": _("{n} materialen"),
    "summary_work": _("Werktijd: {hours} uur"),
    "summary_travel": _("Reistijd: {hours} uur"),
    "summary_materials": _("Materiaalregels: {n}"),
    "summary_forms": _("Formulieren: {n}"),
    "warn_timer": _(
        "Er loopt nog een timer op deze werkbon: stop hem eerst, dan worden die minuten ook "
        "geboekt."
    ),
    "warn_no_hours": _("Er is nog geen tijd geboekt."),
    "warn_unfinished_one": _("1 formulier is nog niet afgerond."),
    "warn_unfinished_many": _("{n} formulieren zijn nog niet afgerond."),
    "warn_refused": _(
        "Een registratie van deze werkbon is niet verwerkt; kijk onder 'Te versturen'."
    ),
    # te versturen
    "hours_add": _("Uren"),
    "hours_edit": _("Uren gewijzigd"),
    "hours_delete": _("Uren verwijderd"),
    "material_add": _("Materiaal"),
    "material_edit": _("Materiaal gewijzigd"),
    "material_delete": _("Materiaal verwijderd"),
    "form_add": _("Formulier"),
    "form_edit": _("Formulier gewijzigd"),
    "complete_complete": _("Gereed melden"),
    "label_kind": _("Soort"),
    "label_date": _("Datum"),
    "label_minutes": _("Minuten"),
    "label_span": _("Van–tot"),
    "label_note": _("Opmerking"),
    "label_article": _("Artikel"),
    "label_quantity": _("Aantal"),
    "registered_at": _("geregistreerd {time}"),
    "sent_at": _("verstuurd {time}"),
    "waiting": _("wacht op verbinding"),
    "retry_later": _("Simon gaf geen antwoord; wordt opnieuw geprobeerd"),
    "held": _("wacht tot de niet verwerkte registraties van deze werkbon zijn opgelost"),
    "why_closed": _("Niet geboekt: de werkbon is inmiddels gereed gemeld of gearchiveerd."),
    "why_gone": _("Niet geboekt: je staat niet (meer) op deze werkbon, of hij bestaat niet meer."),
    "why_forbidden": _("Niet geboekt: dit mag niet met jouw rol."),
    "why_invalid": _("Niet geboekt: Simon accepteerde de invoer niet."),
    "why_depends": _("Niet geboekt: dit hoort bij een registratie die niet verwerkt is."),
    "why_other": _("Niet geboekt."),
    "others_one": _(
        "Op deze telefoon wacht ook 1 registratie van een ander account; die wordt verstuurd "
        "zodra dat account weer inlogt."
    ),
    "others_many": _(
        "Op deze telefoon wachten ook {n} registraties van een ander account; die worden "
        "verstuurd zodra dat account weer inlogt."
    ),
}


def texts() -> dict[str, str]:
    """The texts in the language of the request."""
    return {key: str(text) for key, text in TEXTS.items()}
