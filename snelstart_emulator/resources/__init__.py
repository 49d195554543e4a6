"""HTTP resources of the API: thin handlers over `snelstart_emulator.domain`."""

from __future__ import annotations

from fastapi import APIRouter

from snelstart_emulator.resources import artikelen, general, relaties, token, verkooporders


def api_router() -> APIRouter:
    router = APIRouter()
    router.include_router(token.router)
    for module in (general, relaties, artikelen, verkooporders):
        router.include_router(module.router, prefix="/v2")
    return router
