"""Assembly: the FastAPI app (API resources, admin API, web UI) behind the gateway."""

from __future__ import annotations

import asyncio
import contextlib
import copy
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from snelstart_emulator import admin, admin_control
from snelstart_emulator.clock import Clock
from snelstart_emulator.errors import ApiError
from snelstart_emulator.faults import FaultConfig
from snelstart_emulator.gateway import Gateway
from snelstart_emulator.persistence import Persistence
from snelstart_emulator.resources import api_router
from snelstart_emulator.resources.common import json_response
from snelstart_emulator.state import Store
from snelstart_emulator.ui import routes as ui_routes

Startup = Callable[[Store], None]


def create_app(
    store: Store | None = None,
    *,
    admin_token: str | None = None,
    data_file: Path | None = None,
    startup: Startup | None = None,
) -> Gateway:
    """The ASGI app. `startup` fills a fresh store (pre-registered keys, demo administrations);
    it runs at creation unless `data_file` already holds state, and again on `/admin/reset`.
    The FastAPI app is `.app` of the returned gateway; the store is `.store`."""
    store = store or Store()
    initial_settings = copy.deepcopy(store.settings)
    initial_faults = store.faults.as_dict()
    initial_subscription_keys = dict(store.subscription_keys)
    persistence = Persistence(store, data_file) if data_file else None
    loaded = persistence.load() if persistence else False
    if not loaded and startup is not None:
        startup(store)

    def reset() -> None:
        store.administrations.clear()
        store.client_keys.clear()
        store.keys_by_id.clear()
        store.subscription_keys = dict(initial_subscription_keys)
        store.settings = copy.deepcopy(initial_settings)
        store.faults = FaultConfig.from_dict(initial_faults)
        store.clock = Clock()
        if startup is not None:
            startup(store)
        store.changed()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(persistence.run()) if persistence else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if persistence is not None:
                persistence.save_blocking()

    app = FastAPI(
        title="SnelStart B2B API v2 emulator",
        lifespan=lifespan,
        docs_url="/admin/docs",
        redoc_url=None,
        openapi_url="/admin/openapi.json",
    )
    app.state.store = store
    app.state.admin_token = admin_token
    app.state.persistence = persistence
    app.state.reset = reset
    _install_handlers(app)
    app.include_router(api_router())
    app.include_router(admin.router)
    app.include_router(admin_control.router)
    app.include_router(ui_routes.router)
    app.mount(
        "/static", StaticFiles(directory=Path(__file__).parent / "ui" / "static"), name="static"
    )
    return Gateway(app, store)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        response = json_response(error.body, error.status)
        for name, value in error.headers.items():
            response.headers[name] = value
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        # ASP.NET Web API's own wording for unknown routes and methods on /v2.
        if request.url.path.startswith("/v2"):
            if error.status_code == 405:
                message = f"The requested resource does not support http method '{request.method}'."
            else:
                message = (
                    f"No HTTP resource was found that matches the request URI '{request.url}'."
                )
            return json_response({"Message": message}, error.status_code)
        body: dict[str, Any] = {"detail": error.detail}
        return JSONResponse(body, error.status_code, headers=getattr(error, "headers", None))
