"""The journeys share one `manage.py demo` for the session and run in the order of a story:
activation (chapter 4) and settings (5) first, stopping (9) last; the other chapters in between.

A journey run on its own (``-k h3``) first does what it needs (activation, the master data of
chapter 1) through the same screens, without screenshots.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.journeys.demo import Demo
from tests.journeys.story import Story

HERE = Path(__file__).resolve().parent
ORDER = [
    "test_h4_activeren",
    "test_h5_instellingen",
    "test_h1_doel",
    "test_h3_uitwisseling",
    "test_h2_uitgangspunten",
    "test_h6_wijzigen",
    "test_h7_werking",
    "test_h8_logging",
    "test_h9_stopzetten",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Journeys in story order, in the places pytest gave them (other tests keep theirs)."""
    slots = [i for i, item in enumerate(items) if item.path.parent == HERE]
    journeys = sorted(
        (items[i] for i in slots),
        key=lambda item: ORDER.index(item.path.stem) if item.path.stem in ORDER else len(ORDER),
    )
    for slot, item in zip(slots, journeys, strict=True):
        items[slot] = item


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    running = Demo(data_dir=tmp_path_factory.mktemp("journeys-demo"))
    running.start()
    yield running
    code = running.stop()
    printed = running.printed()
    assert code == 0, printed
    assert not unexpected_tracebacks(printed), printed


def unexpected_tracebacks(printed: str) -> list[str]:
    """Tracebacks the demo printed, less one that only a developer meets: a static file edited
    while the demo runs is served with the length WhiteNoise noted at start (h11 refuses)."""
    blocks = printed.split("Traceback (most recent call last):")[1:]
    return [b for b in blocks if "Too much data for declared Content-Length" not in b]


@pytest.fixture(scope="session")
def story(demo: Demo, browser: Browser) -> Story:
    return Story(demo=demo, browser=browser)


@pytest.fixture
def journey(story: Story) -> Iterator[Story]:
    """The story for one journey; the people it opened are closed after it, and any console
    error, failed request or server error on their screens fails it."""
    yield story
    problems = story.close_people()
    assert not problems, "\n".join(problems)
