"""--data: state written on change and at shutdown, loaded at start (in-process and via the CLI)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from snelstart_emulator.testing import EmulatorServer, http_client
from snelstart_emulator.tests.helpers import artikel, klant


def test_state_survives_a_restart(tmp_path: Path) -> None:
    data = tmp_path / "state.json"
    with EmulatorServer(data_file=data) as first:
        info = first.create_administration(seed=9, customers=4, articles=6)
        token = first.token(info.client_key)
        with first.api_client(info.client_key) as api:
            created = api.post("/relaties", json=klant("Blijft bestaan")).json()
            item = api.post("/artikelen", json=artikel(api, "P-1")).json()
            order_count = len(api.get("/verkooporders").json())
            company = api.get("/companyInfo").json()
    assert data.exists()
    with EmulatorServer(data_file=data) as second, http_client() as client:
        headers = second.headers(token)  # the token secret is kept too
        fetched = client.get(f"{second.base_url}/relaties/{created['id']}", headers=headers)
        assert fetched.json()["naam"] == "Blijft bestaan"
        assert fetched.json()["modifiedOn"] == created["modifiedOn"]
        with second.api_client(info.client_key) as api:
            assert api.get(f"/artikelen/{item['id']}").json()["artikelcode"] == "P-1"
            assert len(api.get("/verkooporders").json()) == order_count
            assert api.get("/companyInfo").json() == company
            duplicate = api.post(
                "/relaties", json=klant("Dubbel", relatiecode=created["relatiecode"])
            )
            assert duplicate.status_code == 400


def test_changes_are_saved_while_running(tmp_path: Path) -> None:
    data = tmp_path / "state.json"
    with EmulatorServer(data_file=data) as server:
        info = server.create_administration(demo=False)
        with server.api_client(info.client_key) as api:
            api.post("/relaties", json=klant("Tussentijds"))
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if data.exists() and "Tussentijds" in data.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("state was not written within 5 s of the change")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(port: int, data: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "snelstart_emulator", "--host", "127.0.0.1", "--port", str(port),
        "--seed", "42", "--customers", "10", "--articles", "20", "--client-key", "KEY-1",
        "--subscription-key", "SUB-1", "--data", str(data), "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/admin/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(process.communicate()[0].decode())


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    process.wait(timeout=15)


def test_the_cli_serves_the_pre_registered_keys_and_persists(tmp_path: Path) -> None:
    data = tmp_path / "cli.json"
    port = _free_port()
    process = _start(port, data)
    base = f"http://127.0.0.1:{port}"
    try:
        with http_client() as client:
            form = {"grant_type": "clientkey", "clientkey": "KEY-1"}
            token = client.post(f"{base}/b2b/token", data=form).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}", "Ocp-Apim-Subscription-Key": "SUB-1"}
            customers = client.get(f"{base}/v2/relaties", headers=headers).json()
            assert len(customers) == 10 + 2 + 3
            created = client.post(
                f"{base}/v2/relaties", headers=headers, json=klant("Via CLI")
            ).json()
    finally:
        _stop(process)
    assert "Via CLI" in data.read_text(encoding="utf-8")
    process = _start(port, data)
    try:
        with http_client() as client:
            form = {"grant_type": "clientkey", "clientkey": "KEY-1"}
            token = client.post(f"{base}/b2b/token", data=form).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}", "Ocp-Apim-Subscription-Key": "SUB-1"}
            again = client.get(f"{base}/v2/relaties/{created['id']}", headers=headers)
            assert again.status_code == 200
            # Loaded state is not seeded a second time.
            assert len(client.get(f"{base}/v2/relaties", headers=headers).json()) == 16
    finally:
        _stop(process)
    assert os.path.getsize(data) > 0
