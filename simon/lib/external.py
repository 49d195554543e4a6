"""The one read-only question the core asks an integration: is this data managed elsewhere?

Core apps never import an integration. An integration registers a policy at start-up
(``AppConfig.ready``); the core asks ``managed_externally(organization, kind)`` before it lets a
user create or change a customer or an article (SPEC S4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from simon.tenants.models import Organization

Kind = Literal["customer", "article"]


@dataclass(frozen=True)
class ExternalManagement:
    """Why a kind of record is read-only in Simon; ``message`` is shown to the user."""

    system: str
    message: str


Policy = Callable[["Organization", Kind], ExternalManagement | None]

_policies: list[Policy] = []


def register_policy(policy: Policy) -> None:
    if policy not in _policies:
        _policies.append(policy)


def managed_externally(organization: Organization, kind: Kind) -> ExternalManagement | None:
    for policy in _policies:
        answer = policy(organization, kind)
        if answer is not None:
            return answer
    return None
