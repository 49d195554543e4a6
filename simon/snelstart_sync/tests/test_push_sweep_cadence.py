"""The sweep for lost hand-offs runs once a minute by default, more often when configured."""

from __future__ import annotations

import pytest

from simon.lib.tests.test_config import start
from simon.snelstart_sync import tasks


@pytest.fixture
def scheduled(monkeypatch) -> list[int]:
    from huey.contrib.djhuey import HUEY

    HUEY.flush()  # no minute claimed yet (simon.lib.periodic): each test's sweep is the first
    delays: list[int] = []
    monkeypatch.setattr(tasks, "sweep_exports", lambda: 0)
    monkeypatch.setattr(
        tasks.export_sweep_task, "schedule", lambda *a, delay, **kw: delays.append(delay)
    )
    return delays


def test_by_default_the_sweep_runs_once_a_minute(settings, scheduled):
    assert settings.SNELSTART_EXPORT_SWEEP_SECONDS == 60
    tasks.export_sweep.call_local()
    assert scheduled == []


def test_a_shorter_interval_schedules_the_rest_of_the_minute_from_the_tick(settings, scheduled):
    settings.SNELSTART_EXPORT_SWEEP_SECONDS = 15
    tasks.export_sweep.call_local()
    assert scheduled == [15, 30, 45]


@pytest.mark.parametrize(("value", "says"), [("0", "at least 1"), ("61", "at most 60")])
def test_an_interval_outside_a_minute_fails_at_start(tmp_path, value, says):
    result = start(tmp_path, SIMON_EXPORT_SWEEP_INTERVAL=value)
    assert result.returncode != 0
    assert f"Configuration error: SIMON_EXPORT_SWEEP_INTERVAL must be {says}" in result.stderr
