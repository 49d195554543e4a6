"""Every SPEC id of the integration's first part is named by the tests that prove it."""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent
PART_ONE = ["S1", "S2", "S3", "S4", "S5", "S27", "S28", "S29", "S30", "S31", "S32", "S33", "B3"]


def named_ids() -> set[str]:
    found: set[str] = set()
    for path in HERE.glob("test_*.py"):
        if path.name == Path(__file__).name:
            continue
        text = path.read_text()
        names = re.findall(r"def (test_\w+)", text)
        doc = text.split('"""')[1] if text.startswith('"""') else ""
        for spec_id in re.findall(r"\b([SB]\d+)\b", doc):
            if names:
                found.add(spec_id)
        for name in names:
            found.update(m.upper() for m in re.findall(r"_([sb]\d+)_", f"_{name[5:]}_"))
    return found


def test_each_spec_id_of_part_one_has_tests_that_name_it():
    missing = [spec_id for spec_id in PART_ONE if spec_id not in named_ids()]
    assert missing == []
