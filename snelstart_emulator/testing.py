"""`EmulatorServer`: the emulator on a free 127.0.0.1 port in a background thread, for tests.

    with EmulatorServer() as server:
        admin = server.create_administration(customers=10, articles=20)
        token = server.token(admin.client_key)
        httpx.get(f"{server.base_url}/relaties", headers=server.headers(token))

Helpers talk to the admin API over HTTP. Many servers may be started (one after the other or side
by side) in one pytest session; each has its own store.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
import uvicorn

from snelstart_emulator.app import Startup, create_app
from snelstart_emulator.config import DEFAULT_SUBSCRIPTION_KEY, Settings
from snelstart_emulator.faults import FaultConfig
from snelstart_emulator.state import Store

_TLS: ssl.SSLContext | None = None


def _tls() -> ssl.SSLContext:
    """One shared TLS context: without it every httpx.Client loads the CA bundle (~0.2 s), even
    though the emulator speaks plain HTTP."""
    global _TLS
    if _TLS is None:
        _TLS = ssl.create_default_context()
    return _TLS


def http_client(**kwargs: Any) -> httpx.Client:
    kwargs.setdefault("timeout", 30)
    return httpx.Client(verify=_tls(), **kwargs)


@dataclass(frozen=True)
class AdministrationInfo:
    administration_id: str
    client_key: str
    name: str = ""


class EmulatorServer:
    def __init__(
        self,
        *,
        settings: Settings | None = None,
        faults: FaultConfig | None = None,
        admin_token: str | None = None,
        subscription_key: str = DEFAULT_SUBSCRIPTION_KEY,
        data_file: Path | None = None,
        startup: Startup | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        self.store = Store(settings)
        if faults is not None:
            self.store.faults = faults
        self.store.subscription_keys = {subscription_key: True}
        self.subscription_key = subscription_key
        self.admin_token = admin_token
        self.host = host
        self._asgi = create_app(
            self.store, admin_token=admin_token, data_file=data_file, startup=startup
        )
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self._admin_client: httpx.Client | None = None
        # A plain client for tests (creating an httpx.Client costs ~50 ms: it loads CA certs).
        self.http = http_client()

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> EmulatorServer:
        # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets of that
        # protocol, and without it every keep-alive response waits 40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((self.host, 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._asgi,
            log_level="warning",
            http="h11",
            lifespan="on",
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("emulator did not start")
            time.sleep(0.01)
        if self.http.is_closed:
            self.http = http_client()
        headers = {"Authorization": f"Bearer {self.admin_token}"} if self.admin_token else {}
        self._admin_client = http_client(base_url=self.admin_url, headers=headers)
        return self

    def stop(self) -> None:
        self.http.close()
        if self._admin_client is not None:
            self._admin_client.close()
            self._admin_client = None
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=15)
        self._server = None
        self._thread = None

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    # -- URLs -----------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def token_url(self) -> str:
        return f"{self.url}/b2b/token"

    @property
    def base_url(self) -> str:
        return f"{self.url}/v2"

    @property
    def admin_url(self) -> str:
        return f"{self.url}/admin"

    @property
    def ui_url(self) -> str:
        return f"{self.url}/"

    # -- admin API helpers ----------------------------------------------------------------------
    def _admin(self, method: str, path: str, json: Any = None) -> Any:
        assert self._admin_client is not None, "server not started"
        response = self._admin_client.request(method, path, json=json)
        response.raise_for_status()
        return response.json()

    def create_administration(self, **spec: Any) -> AdministrationInfo:
        """Keyword arguments: name, demo, seed, customers, suppliers, articles, groups, templates,
        orders, artikelcode_soort, artikelcode_max_lengte, client_key, scopes."""
        body = self._admin("POST", "/administrations", spec)
        return AdministrationInfo(body["administration_id"], body["client_key"], body["name"])

    def add_key(self, administration_id: str, scopes: list[str] | None = None) -> str:
        body = self._admin("POST", f"/administrations/{administration_id}/keys", {"scopes": scopes})
        return body["client_key"]

    def revoke_key(self, client_key: str) -> None:
        self._admin("POST", "/keys/revoke", {"client_key": client_key})

    def set_faults(self, administration_id: str | None = None, **faults: Any) -> dict[str, Any]:
        """Replace the fault config (global, or of one administration); unnamed knobs reset."""
        path = f"/administrations/{administration_id}/faults" if administration_id else "/faults"
        return self._admin("PUT", path, faults)

    def set_settings(self, **settings: Any) -> dict[str, Any]:
        return self._admin("PATCH", "/settings", settings)

    def set_clock(
        self,
        *,
        local: str | None = None,
        fold: int = 0,
        utc: str | None = None,
        offset_seconds: float | None = None,
    ) -> dict[str, Any]:
        """Freeze at a local wall time (with fold) or a UTC instant, run with an offset, or (no
        arguments) go back to real time."""
        if local is not None:
            body: dict[str, Any] = {"mode": "fixed", "local": local, "fold": fold}
        elif utc is not None:
            body = {"mode": "fixed", "utc": utc}
        elif offset_seconds is not None:
            body = {"mode": "offset", "offset_seconds": offset_seconds}
        else:
            body = {"mode": "real"}
        return self._admin("PUT", "/clock", body)

    def advance_clock(self, seconds: float) -> dict[str, Any]:
        return self._admin("POST", "/clock/advance", {"seconds": seconds})

    def request_counts(self, administration_id: str) -> dict[str, Any]:
        return self._admin("GET", f"/administrations/{administration_id}/requests")

    def request_count(self, administration_id: str, endpoint: str | None = None) -> int:
        """API calls of the administration (all, or one endpoint such as 'GET /relaties')."""
        counts = self.request_counts(administration_id)
        return counts["total"] if endpoint is None else counts["by_endpoint"].get(endpoint, 0)

    def orders(
        self, administration_id: str, orderreferentie: str | None = None
    ) -> list[dict[str, Any]]:
        """The administration's sales orders in brief (id, nummer, orderreferentie,
        modifiedOn), through the admin API: no rate limit spent, no call counted."""
        path = f"/administrations/{administration_id}/verkooporders"
        if orderreferentie is None:
            return self._admin("GET", path)
        assert self._admin_client is not None, "server not started"
        response = self._admin_client.get(path, params={"orderreferentie": orderreferentie})
        response.raise_for_status()
        return response.json()

    def reset_request_count(self, administration_id: str) -> None:
        self._admin("DELETE", f"/administrations/{administration_id}/requests")

    def reset(self) -> None:
        self._admin("POST", "/reset")

    # -- API helpers ----------------------------------------------------------------------------
    def token(self, client_key: str) -> str:
        data = {"grant_type": "clientkey", "clientkey": client_key}
        response = self.http.post(self.token_url, data=data)
        response.raise_for_status()
        return response.json()["access_token"]

    def headers(self, token: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {token}",
            "Ocp-Apim-Subscription-Key": self.subscription_key,
        }

    def api_client(self, client_key: str, **kwargs: Any) -> httpx.Client:
        """An httpx client on `base_url` with a fresh token and the subscription key."""
        headers = self.headers(self.token(client_key))
        return http_client(base_url=self.base_url, headers=headers, **kwargs)
