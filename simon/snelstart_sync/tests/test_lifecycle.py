"""The one state table of the integration (issue 12): every step from every state, allowed
and refused, and every screen in every state."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from simon.lib.errors import DomainError
from simon.snelstart_sync import activation, lifecycle
from simon.snelstart_sync.models import Connection, State
from simon.snelstart_sync.tests.screens import bare_connection, url

pytestmark = pytest.mark.django_db

EXPECTED = {
    # step: {from state: to state} — every pair not listed is refused.
    "wipe": {"inactive": "wiped", "deactivated": "wiped", "wiped": "wiped"},
    "connect": {"wiped": "connected", "connected": "connected"},
    "save_settings": {"connected": "configured", "configured": "configured", "active": "active"},
    "finish_import": {"configured": "active"},
    "pause": {"configured": "paused", "active": "paused"},
    "reconnect": {"paused": "configured"},
    "deactivate": {"configured": "deactivated", "active": "deactivated", "paused": "deactivated"},
}


def test_the_table_is_what_the_manual_and_the_issues_say():
    assert {
        # Only an active integration has its first import behind it.
        name: {
            str(st): str(step.target(import_done=st == State.ACTIVE)) for st in step.allowed_from
        }
        for name, step in lifecycle.STEPS.items()
    } == EXPECTED


@pytest.mark.parametrize(
    ("step", "state"), list(itertools.product(sorted(lifecycle.STEPS), State.values))
)
def test_every_step_from_every_state(org_a, step, state):
    done = timezone.now() if state == State.ACTIVE else None  # 'active': the import is done
    connection = Connection.objects.create(
        organization=org_a, state=state, initial_import_done_at=done
    )

    if state in EXPECTED[step]:
        activation.move(connection, step)
        assert connection.state == EXPECTED[step][state]
    else:
        with pytest.raises(activation.ActivationError) as refused:
            activation.move(connection, step)
        assert "Deze stap kan nu niet" in refused.value.message
        assert Connection.objects.get(pk=connection.pk).state == state


def test_a_step_that_depends_on_the_first_import_goes_to_active_once_it_is_done(org_a):
    connection = Connection.objects.create(
        organization=org_a, state=State.PAUSED, initial_import_done_at=timezone.now()
    )
    activation.move(connection, "reconnect")
    assert connection.state == State.ACTIVE
    activation.move(connection, "save_settings")
    assert connection.state == State.ACTIVE


def test_activation_errors_are_domain_errors():
    assert issubclass(activation.ActivationError, DomainError)


SCREEN_URLS = {
    "wipe": lambda c: url("wipe", c),
    "connect": lambda c: url("connect", c),
    "settings": lambda c: url("settings", c),
    "overview": lambda c: url("overview", c),
    "deactivate": lambda c: url("deactivate", c),
}


@pytest.mark.parametrize(
    ("screen", "state"), list(itertools.product(sorted(SCREEN_URLS), State.values))
)
def test_every_screen_opens_in_its_states_and_sends_others_to_their_step(
    alice_client, org_a, screen, state, monkeypatch
):
    from simon.snelstart_sync.views import configure

    monkeypatch.setattr(configure, "_templates", lambda connection: ([], ""))  # no SnelStart
    connection = bare_connection(org_a, State(state))

    response = alice_client.get(SCREEN_URLS[screen](connection))

    if lifecycle.screen_allowed(screen, state):
        assert response.status_code == 200
    else:
        next_screen = lifecycle.NEXT_SCREEN[State(state)]
        expected = (
            reverse("snelstart_sync:start")
            if next_screen == "start"
            else url(next_screen, connection)
        )
        assert (response.status_code, response["Location"]) == (302, expected)


def test_every_state_has_a_label_and_a_next_screen():
    assert set(lifecycle.LABELS) == set(State) == set(lifecycle.NEXT_SCREEN)
