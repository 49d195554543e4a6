"""Every text the field app's script shows comes from the shell (gettext), and each is there."""

from __future__ import annotations

import re
from pathlib import Path

from simon.fieldapp.texts import TEXTS
from simon.workorders.models import WorkOrderStatus

SCRIPTS = Path(__file__).resolve().parents[1] / "static" / "fieldapp"
CALL = re.compile(r"\b(?:t|count)\(")
# A key: not compared with (=== "reistijd"), not an option's value ({ weekday: "short" }).
KEY = re.compile(r'(?<![=!]== )(?<!: )"([a-z]+(?:_[a-z]+)*)"')
LITERAL = re.compile(r'"([a-z]+(?:_[a-z]+)*)"')
# Keys the script builds: t(`status_${order.status}`) and t(`${item.family}_${item.action}`).
BUILT = (
    {f"status_{status}" for status in WorkOrderStatus.values}
    | {
        f"{family}_{action}"
        for family in ("hours", "material", "form")
        for action in ("add", "edit", "delete")
        if (family, action) != ("form", "delete")
    }
    | {"complete_complete"}
)


def arguments(source: str, start: int) -> str:
    """The text between the parentheses of the call opening at ``start``."""
    depth = 0
    for index in range(start, len(source)):
        depth += {"(": 1, ")": -1}.get(source[index], 0)
        if depth == 0:
            return source[start + 1 : index]
    raise AssertionError("unbalanced call")


def code(script: Path) -> str:
    """The script without its comments."""
    text = re.sub(r"/\*.*?\*/", "", script.read_text(), flags=re.S)
    return re.sub(r"^\s*//.*$", "", text, flags=re.M)


def used_keys() -> set[str]:
    keys = set()
    for script in SCRIPTS.glob("*.js"):
        source = code(script)
        for call in CALL.finditer(source):
            keys |= set(KEY.findall(arguments(source, call.end() - 1)))
    return keys


def test_every_key_the_script_uses_has_a_text():
    used = used_keys()

    assert len(used) > 80
    assert used - TEXTS.keys() == set()
    assert BUILT - TEXTS.keys() == set()


def test_every_text_is_used():
    """Used in a call, or named in one of the script's tables (PENDING, WHY)."""
    named = set()
    for script in SCRIPTS.glob("*.js"):
        named |= set(LITERAL.findall(code(script)))
    assert TEXTS.keys() - named - BUILT == set()


def test_the_script_holds_no_dutch_of_its_own():
    """User-facing words live in the shell and texts.py, not in the JavaScript."""
    dutch = re.compile(r'"[^"\n]*\b(?:geen|niet|verbinding|uren|materiaal|wacht)\b[^"\n]*"', re.I)
    for script in SCRIPTS.glob("*.js"):
        assert dutch.findall(code(script)) == [], script.name
