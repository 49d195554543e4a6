"""The processes of the embedded demo: the SnelStart emulator, the Huey worker and the web app.

Each runs as its own child process with the same environment, so the web app and the worker
both talk to the emulator the way they would talk to SnelStart.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

DEMO_SUBSCRIPTION_KEY = "simon-demo-subscription-key"


class PortInUse(Exception):
    pass


def check_port_free(host: str, port: int, variable: str) -> None:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            raise PortInUse(
                f"port {port} on {host} is already in use; set {variable} to another port"
            ) from None


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} did not start (exit code {process.returncode})")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


@dataclass
class Demo:
    root: Path
    data_dir: Path
    host: str
    port: int
    emulator_port: int
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def emulator_url(self) -> str:
        return f"http://{self.host}:{self.emulator_port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "SIMON_DATA_DIR": str(self.data_dir),
            "SNELSTART_TOKEN_URL": f"{self.emulator_url}/b2b/token",
            "SNELSTART_BASE_URL": f"{self.emulator_url}/v2",
            "SNELSTART_SUBSCRIPTION_KEY": DEMO_SUBSCRIPTION_KEY,
            # The emulator plays a production key: 500 calls a minute (CONTRACT §10).
            "SNELSTART_CALLS_PER_MINUTE": os.environ.get("SNELSTART_CALLS_PER_MINUTE", "500"),
        }

    def _spawn(self, *args: str) -> subprocess.Popen[bytes]:
        # A session of their own: Ctrl-C in the terminal reaches only this process, which
        # stops the children in order and quietly (uvicorn answers a terminal's SIGINT with a
        # traceback, and the console ended in 'make: *** Error 1').
        process = subprocess.Popen(
            [sys.executable, *args], cwd=self.root, env=self.environment(), start_new_session=True
        )
        self.processes.append(process)
        return process

    def start_emulator(self, customers: int, articles: int) -> None:
        emulator = self._spawn(
            "-m", "snelstart_emulator", "--host", self.host, "--port", str(self.emulator_port),
            "--seed", "42", "--customers", str(customers), "--articles", str(articles),
            "--subscription-key", DEMO_SUBSCRIPTION_KEY,
            "--data", str(self.data_dir / "snelstart-emulator.json"), "--log-level", "warning",
        )  # fmt: skip
        wait_until_up(f"{self.emulator_url}/admin/health", emulator)

    def start_worker(self) -> None:
        # Workers, thread type and the queue's poll interval come from settings.HUEY.
        # --quiet: the scheduler's tick every minute is not news on the demo's console.
        self._spawn("manage.py", "run_huey", "--quiet")

    def start_web(self) -> None:
        web = self._spawn(
            "-m", "uvicorn", "simon.asgi:application", "--host", self.host,
            "--port", str(self.port), "--log-level", "warning",
        )  # fmt: skip
        wait_until_up(f"{self.url}/accounts/login/", web)

    def wait(self) -> int:
        """Block until one process stops, or Ctrl-C / SIGTERM / SIGHUP; then stop them all."""

        def interrupt(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, interrupt)
        signal.signal(signal.SIGHUP, interrupt)
        try:
            while all(p.poll() is None for p in self.processes):
                time.sleep(0.5)
            stopped = next(p for p in self.processes if p.poll() is not None)
            args = stopped.args if isinstance(stopped.args, list) else [stopped.args]
            name = " ".join(str(arg) for arg in args[1:3])  # e.g. "-m uvicorn"
            print(f"{name} stopped (exit code {stopped.returncode}); stopping the demo.")
            return 1
        except KeyboardInterrupt:
            print("\nStopping the demo …")
            return 0
        finally:
            self.stop()

    def stop(self) -> None:
        # SIGTERM: uvicorn shuts down cleanly and Huey's consumer stops its workers. A second
        # Ctrl-C while they stop must not leave them running.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
