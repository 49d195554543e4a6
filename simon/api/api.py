from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="Simon field API", version="1.0.0", urls_namespace="api")
