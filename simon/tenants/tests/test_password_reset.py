"""'Wachtwoord vergeten': the request only enqueues a job, for known and unknown addresses alike,
so the answer's timing says nothing about who has an account (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core import mail
from huey.contrib.djhuey import HUEY

# A queued job runs as the worker would: Huey closes the database connection after it, which
# only a test outside a wrapping transaction survives.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue() -> Iterator[None]:
    """A real queue (the tests' default runs jobs inline), empty before and after."""
    HUEY.immediate = False
    HUEY.flush()
    yield
    HUEY.flush()
    HUEY.immediate = True


def run_queued_jobs() -> int:
    ran = 0
    while (task := HUEY.dequeue()) is not None:
        HUEY.execute(task)
        ran += 1
    return ran


@pytest.mark.parametrize("email", ["alice@example.nl", "niemand@example.nl"])
def test_the_request_enqueues_one_job_and_sends_nothing_itself(client, alice, queue, email):
    response = client.post("/accounts/password_reset/", {"email": email})

    assert response.status_code == 302
    assert [task.name for task in HUEY.pending()] == ["send_password_reset"]
    assert mail.outbox == []


def test_the_job_mails_a_known_address_a_link(client, alice, queue):
    client.post("/accounts/password_reset/", {"email": "alice@example.nl"})

    assert run_queued_jobs() == 1
    assert [m.to for m in mail.outbox] == [["alice@example.nl"]]
    assert "http://testserver/accounts/reset/" in mail.outbox[0].body


def test_the_job_mails_nobody_for_an_unknown_address(client, alice, queue):
    client.post("/accounts/password_reset/", {"email": "niemand@example.nl"})

    assert run_queued_jobs() == 1
    assert mail.outbox == []


def test_an_address_of_another_tenants_user_gets_only_that_users_link(
    client, alice, charlie, queue
):
    client.post("/accounts/password_reset/", {"email": "charlie@example.nl"})

    run_queued_jobs()

    assert [m.to for m in mail.outbox] == [["charlie@example.nl"]]
    assert "alice" not in mail.outbox[0].body
