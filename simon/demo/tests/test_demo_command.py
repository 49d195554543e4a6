"""`manage.py demo` (what `make demo` runs) serves the app, the worker and the emulator, and
stops all of them on Ctrl-C (quietly, exit code 0) and on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_the_demo_serves_simon_and_the_emulator_and_stops_cleanly(tmp_path, stop):
    port, emulator_port = free_port(), free_port()
    env = {
        **os.environ,
        "SIMON_DATA_DIR": str(tmp_path),
        "SIMON_DEMO_PORT": str(port),
        "SIMON_DEMO_EMULATOR_PORT": str(emulator_port),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    demo = subprocess.Popen(
        [sys.executable, "manage.py", "demo", "--customers", "20", "--articles", "50"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal's foreground job
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = demo.stdout.readline()
            assert line or demo.poll() is None, "".join(lines)
            lines.append(line)
            if "Press Ctrl-C to stop" in line:
                break
        output = "".join(lines)
        assert f"Simon is running at http://127.0.0.1:{port}/" in output
        assert re.search(r"beheerder\s+simon-demo\s+beheerder", output)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as web:
            login = web.get("/accounts/login/")
            assert login.status_code == 200 and "Inloggen bij Simon" in login.text
            token = web.cookies["csrftoken"]
            answer = web.post(
                "/accounts/login/",
                data={
                    "username": "kantoor",
                    "password": "simon-demo",
                    "csrfmiddlewaretoken": token,
                },
            )
            assert answer.status_code == 302
            assert web.get("/static/simon/simon.css").status_code == 200
        emulator = httpx.get(f"http://127.0.0.1:{emulator_port}/admin/administrations").json()
        assert emulator[0]["counts"]["relaties"] >= 20
    finally:
        if stop == "ctrl-c":  # the terminal sends SIGINT to the whole foreground group
            os.killpg(demo.pid, signal.SIGINT)
        else:
            demo.send_signal(signal.SIGTERM)
        rest, _ = demo.communicate(timeout=60)
    assert demo.returncode == 0, rest
    assert "Traceback" not in rest and "Error" not in rest, rest
    assert "Stopping the demo" in rest
    time.sleep(1)
    assert processes_with_data_dir(tmp_path) == []


def processes_with_data_dir(data_dir: Path) -> list[int]:
    """Pids of live processes started with this SIMON_DATA_DIR (the demo's children)."""
    marker = f"SIMON_DATA_DIR={data_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().split()[2]
        except OSError:
            continue
        if marker in environ and state != "Z":
            found.append(int(entry.name))
    return found
