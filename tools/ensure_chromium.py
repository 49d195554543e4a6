"""Install Debian's chromium when it is missing; Playwright launches that binary.

Playwright's own browser download is not available on our machines, so the browser tests use
/usr/bin/chromium. Installing needs root (CI runs as root); without it we say what to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    if os.path.exists(CHROMIUM):
        return 0
    if shutil.which("apt-get") is None:
        print(f"chromium not found at {CHROMIUM} and apt-get is unavailable", file=sys.stderr)
        return 1
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print("Installing Debian's chromium for the browser tests (one time)...", flush=True)
    for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
        result = subprocess.run(prefix + cmd, env=env, stdout=subprocess.DEVNULL)
        if result.returncode != 0:
            print(f"'{' '.join(prefix + cmd)}' failed; install chromium as root", file=sys.stderr)
            return result.returncode
    return 0 if os.path.exists(CHROMIUM) else 1


if __name__ == "__main__":
    sys.exit(main())
