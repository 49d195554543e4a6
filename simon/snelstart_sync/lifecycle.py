"""The integration's states and steps in one table (S27–S30; issue 12): the service
(``activation``), the views (which screen may open in which state), the labels and the step
indicator all read it, so they cannot disagree.

    inactive ──wipe──▶ wiped ──connect──▶ connected ──save_settings──▶ configured (first import)
    configured ──finish_import──▶ active
    configured/active ──pause (key refused for good)──▶ paused ──reconnect──▶ configured/active
    configured/active/paused ──deactivate──▶ deactivated ──wipe──▶ wiped … (re-activation)

``save_settings`` from 'configured' or 'active' is 'Wijzig': a new settings version, the state
stays what it was (or goes to 'active' when the first import had finished before).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from simon.snelstart_sync.models import ON_STATES, RUNNING_STATES, State

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

S = State


@dataclass(frozen=True)
class Step:
    name: str
    allowed_from: frozenset[State]
    #: Where the step leads; ``None``: it depends on whether the first import finished
    #: (``after_import``/``before_import``).
    to: State | None
    before_import: State | None = None
    after_import: State | None = None

    def target(self, import_done: bool) -> State:
        if self.to is not None:
            return self.to
        target = self.after_import if import_done else self.before_import
        assert target is not None
        return target


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step("wipe", frozenset({S.INACTIVE, S.DEACTIVATED, S.WIPED}), S.WIPED),
        Step("connect", frozenset({S.WIPED, S.CONNECTED}), S.CONNECTED),
        Step(
            "save_settings",
            frozenset({S.CONNECTED, S.CONFIGURED, S.ACTIVE}),
            None,
            before_import=S.CONFIGURED,
            after_import=S.ACTIVE,
        ),
        Step("finish_import", frozenset({S.CONFIGURED}), S.ACTIVE),
        Step("pause", frozenset({S.CONFIGURED, S.ACTIVE}), S.PAUSED),
        Step(
            "reconnect",
            frozenset({S.PAUSED}),
            None,
            before_import=S.CONFIGURED,
            after_import=S.ACTIVE,
        ),
        Step("deactivate", frozenset({S.CONFIGURED, S.ACTIVE, S.PAUSED}), S.DEACTIVATED),
    )
}

# Pulling and pushing, and switched on (the model holds them: querysets filter on them).
RUNNING = frozenset(RUNNING_STATES)
ON = frozenset(ON_STATES)

# Which screen may open in which state; another state is sent to its next step instead.
SCREENS: dict[str, frozenset[State]] = {
    "start": frozenset({S.INACTIVE, S.DEACTIVATED}),
    "wipe": STEPS["wipe"].allowed_from,
    "connect": STEPS["connect"].allowed_from | STEPS["reconnect"].allowed_from,
    "settings": STEPS["save_settings"].allowed_from,
    "overview": ON | {S.DEACTIVATED},
    "sync_now": RUNNING,
    "deactivate": STEPS["deactivate"].allowed_from,
}

# Where each state continues: the screen of its next step, or the running integration.
NEXT_SCREEN: dict[State, str] = {
    S.INACTIVE: "start",
    S.DEACTIVATED: "start",
    S.WIPED: "connect",
    S.CONNECTED: "settings",
    S.CONFIGURED: "overview",
    S.ACTIVE: "overview",
    S.PAUSED: "overview",
}

# The word on the 'Integraties' tile: the manual's 'Inzetbaar' until it runs, then 'Actief'.
LABELS: dict[State, StrOrPromise] = {
    S.INACTIVE: _("Inzetbaar"),
    S.DEACTIVATED: _("Inzetbaar"),
    S.WIPED: _("Activatie bezig"),
    S.CONNECTED: _("Activatie bezig"),
    S.CONFIGURED: _("Actief, eerste import loopt"),
    S.ACTIVE: _("Actief"),
    S.PAUSED: _("Gepauzeerd: koppel opnieuw"),
}


def screen_allowed(screen: str, state: str) -> bool:
    return state in SCREENS[screen]
