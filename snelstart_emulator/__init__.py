"""A local emulator of the SnelStart B2B API v2, written from snelstart/CONTRACT.md and the WADL.

It imports nothing from the client package (`snelstart`) or the Django project (`simon`), so the
client and the emulator check each other. Entry points: `create_app` (ASGI app),
`python -m snelstart_emulator` (standalone server) and `snelstart_emulator.testing.EmulatorServer`.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "1.0.0"
