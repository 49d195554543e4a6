"""`manage.py demo` (what `make demo` runs) as the journeys' world: Simon, its worker and the
SnelStart emulator, each its own process, in a data directory of their own.

Two settings differ from a plain `make demo`, both read by the processes from the environment:

- ``SIMON_SYNC_INTERVAL=3600``: the journeys sync with 'Nu synchroniseren', as a user who does
  not want to wait; a scheduled sync at a random moment would make a step that depends on what
  Simon has *not* seen yet (a customer just set inactive in SnelStart) a matter of luck.
- ``SIMON_EXPORT_SWEEP_INTERVAL=2``: work orders archived while the koppeling is paused go out
  by the sweep after 'Koppel opnieuw'; every 2 s instead of every minute.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "simon-demo"
START_SECONDS = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Demo:
    """A running `manage.py demo`; ``url`` is Simon, ``snelstart`` the emulator's web UI."""

    data_dir: Path
    port: int = field(default_factory=free_port)
    emulator_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def snelstart(self) -> str:
        return f"http://127.0.0.1:{self.emulator_port}"

    def environment(self) -> dict[str, str]:
        env = {
            **os.environ,
            "SIMON_DATA_DIR": str(self.data_dir),
            "SIMON_DEMO_PORT": str(self.port),
            "SIMON_DEMO_EMULATOR_PORT": str(self.emulator_port),
            "SIMON_SYNC_INTERVAL": "3600",
            "SIMON_EXPORT_SWEEP_INTERVAL": "2",
        }
        # The embedded default, as on a laptop: SQLite and the SQLite queue.
        for name in ("DATABASE_URL", "REDIS_URL", "SIMON_HUEY_IMMEDIATE"):
            env.pop(name, None)
        return env

    @property
    def console(self) -> Path:
        """What the demo and its three processes print (a file: a pipe nobody reads fills up)."""
        return self.data_dir / "console.log"

    def printed(self) -> str:
        return self.console.read_text(errors="replace") if self.console.exists() else ""

    def start(self) -> None:
        with self.console.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "demo", "--customers", "20", "--articles", "60"],
                cwd=ROOT,
                env=self.environment(),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C goes to the group, as in a terminal
            )
        deadline = time.monotonic() + START_SECONDS
        while "Press Ctrl-C to stop" not in self.printed():
            if self.process.poll() is not None:
                raise RuntimeError("the demo stopped:\n" + self.printed())
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the demo did not start in time:\n" + self.printed())
            time.sleep(0.2)  # polling a file the demo writes; nothing to wait on instead
        welcome = self.printed()
        assert f"Simon is running at {self.url}/" in welcome, welcome
        for username in ("beheerder", "kantoor", "monteur1", "monteur2"):
            assert re.search(rf"{username}\s+{PASSWORD}\s", welcome), welcome

    def stop(self) -> int | None:
        """Stop as Ctrl-C in the terminal does; the demo's exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode
