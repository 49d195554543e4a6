"""Constants and behaviour switches.

Every point the contract marks UNCONFIRMED is a field of `Settings`, so tests (of the client as well
as of the emulator) can switch to the other plausible behaviour at run time via
`PATCH /admin/settings`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

# The scope set of one live token (CONTRACT §2.2), granted to new koppelsleutels by default.
DEFAULT_SCOPES: tuple[str, ...] = (
    "artikelen:read",
    "artikelen:write",
    "bankieren:read",
    "bankieren:write",
    "boekhouden:read",
    "boekhouden:write",
    "documenten:read",
    "documenten:write",
    "kas:read",
    "kas:write",
    "memoriaal:read",
    "memoriaal:write",
    "orders:read",
    "orders:write",
    "rapportage",
    "relaties:read",
    "relaties:write",
    "settings:read",
    "settings:write",
)

# Used when nobody configures a subscription key, so a bare `python -m snelstart_emulator` works.
DEFAULT_SUBSCRIPTION_KEY = "emulator-subscription-key"

# `expires_in` of the real token endpoint (CONTRACT §2.2): one hour minus one second.
DEFAULT_TOKEN_LIFETIME_SECONDS = 3599

# `$top` default and maximum (CONTRACT §3.2).
MAX_TOP = 500

# Deletion of relaties and artikelen. The contract cannot say whether DELETE is a soft delete
# (flag set, row still listed) or a hard delete (row gone). The default is HARD: the row simply
# disappears, so an incremental `ModifiedOn` sync never sees the deletion and only a full id sweep
# notices it - the harder case a client must handle. Switch per resource with
# `PATCH /admin/settings {"delete_mode_relaties": "soft"}`.
DEFAULT_DELETE_MODE = "hard"
DELETE_MODES = ("hard", "soft")

# Date-time fraction digits of `modifiedOn`. Both live samples show two digits ("…:48.51").
DEFAULT_FRACTION_DIGITS = 2

OrderDeleteUnknown = str  # "404" or "VOR-0001"


@dataclass
class Settings:
    """Server-wide behaviour switches (see the module docstring)."""

    delete_mode_relaties: str = DEFAULT_DELETE_MODE
    delete_mode_artikelen: str = DEFAULT_DELETE_MODE
    # $top > 500: clamp (False) or answer 400 ALG-0104 (True).
    strict_top: bool = False
    # A float default, so that update() keeps a fractional lifetime (it casts to the field's type).
    token_lifetime_seconds: float = float(DEFAULT_TOKEN_LIFETIME_SECONDS)
    # DELETE /verkooporders/{id}: the WADL declares 201, its text says 200.
    verkooporder_delete_status: int = 200
    # DELETE of an unknown verkooporder: 404 {"Message"} or 400 [VOR-0001].
    verkooporder_delete_unknown: OrderDeleteUnknown = "404"
    modified_on_fraction_digits: int = DEFAULT_FRACTION_DIGITS
    # Body of a $filter syntax/type error: "message" = {"Message": …}; "alg0104" = [ALG-0104].
    odata_error_shape: str = "message"
    # GET /relaties/{id} of a relatie with nonactief=true: 200 (True) or 404 (False).
    get_inactive_by_id: bool = True
    # PUT /verkooporders/{id} only while procesStatus is Offerte (VOR-0015).
    order_put_requires_offerte: bool = False
    # GET /echo/{input} without a bearer token: refused (True) or answered (False).
    echo_requires_token: bool = True
    # Accept lower-case / any-case property names in $filter (`modifiedOn`, `naam`).
    filter_properties_case_insensitive: bool = False
    # $filter on `Orderreferentie` of /verkooporders: answered (True), or refused with a 400 as
    # ASP.NET OData refuses a property that is not filterable (False). CONTRACT §13: unconfirmed.
    verkooporder_filter_orderreferentie: bool = True

    def update(self, values: dict[str, Any]) -> None:
        """Set the given fields; unknown names or bad values raise ValueError."""
        known = {f.name: f for f in fields(self)}
        for name, value in values.items():
            if name not in known:
                raise ValueError(f"unknown setting {name!r}")
            current = getattr(self, name)
            if isinstance(current, bool):
                if not isinstance(value, bool):
                    raise ValueError(f"{name} must be a boolean")
            elif isinstance(current, (int, float)) and not isinstance(current, bool):
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ValueError(f"{name} must be a number")
                value = type(current)(value)
            elif not isinstance(value, str):
                raise ValueError(f"{name} must be a string")
            setattr(self, name, value)
        self._check()

    def _check(self) -> None:
        for mode in (self.delete_mode_relaties, self.delete_mode_artikelen):
            if mode not in DELETE_MODES:
                raise ValueError(f"delete mode must be one of {DELETE_MODES}")
        if self.verkooporder_delete_status not in (200, 201):
            raise ValueError("verkooporder_delete_status must be 200 or 201")
        if self.verkooporder_delete_unknown not in ("404", "VOR-0001"):
            raise ValueError("verkooporder_delete_unknown must be '404' or 'VOR-0001'")
        if not 0 <= self.modified_on_fraction_digits <= 7:
            raise ValueError("modified_on_fraction_digits must be 0..7")
        if self.odata_error_shape not in ("message", "alg0104"):
            raise ValueError("odata_error_shape must be 'message' or 'alg0104'")
        if self.token_lifetime_seconds <= 0:
            raise ValueError("token_lifetime_seconds must be positive")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
