"""Regenerate every screenshot of the Dutch user guide (docs/nl/img/): `make screenshots`.

The screenshots are taken by the tests that walk the screens, with SIMON_DOCS_SCREENSHOTS=1:
the journeys of the manual's chapters (tests/journeys, against the processes `make demo`
starts; h1-…h9-*.png) and the field app's browser tests (simon/fieldapp; veld-*.png). A normal
test run writes none, so the tree stays clean; this command rewrites them all, so the guide
never shows a screen that no longer exists. Extra arguments go to pytest (e.g. `-k h3`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "nl" / "img"
TESTS = [
    "tests/journeys",
    "simon/fieldapp/tests/test_browser_day.py",
    "simon/fieldapp/tests/test_browser_offline.py",
]


def main() -> int:
    started = time.time()
    env = {
        **os.environ,
        "SIMON_DOCS_SCREENSHOTS": "1",
        # Its own data directory: a `make test` running meanwhile keeps var/test.
        "SIMON_DATA_DIR": str(ROOT / "var" / "screenshots"),
    }
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS, *sys.argv[1:]]
    print("$ SIMON_DOCS_SCREENSHOTS=1 " + " ".join(cmd[1:]), flush=True)
    status = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    written = sorted(p for p in IMAGES.glob("*.png") if p.stat().st_mtime >= started)
    stale = sorted(p for p in IMAGES.glob("*.png") if p.stat().st_mtime < started)
    for path in written:
        print(f"  {path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    print(f"{len(written)} screenshots written to {IMAGES.relative_to(ROOT)}/")
    if stale:
        print("Not rewritten (no test takes them any more, or a test failed before them):")
        for path in stale:
            print(f"  {path.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
