"""What an integration adds to the office's start page (issue 14 item 13).

Core apps never import an integration (CONTRIBUTING). An integration registers one provider at
start-up (``AppConfig.ready``); the start page asks every provider what needs attention in an
organization, for the member looking, and shows the answers beside its own (work orders to plan
and to archive).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simon.tenants.models import Membership


@dataclass(frozen=True)
class Attention:
    """One card: a count, what it means and where to act. ``tone``: 'error' (something failed
    and needs a person), 'warning' (look at it), 'info' (an invitation, nothing is wrong)."""

    title: str
    text: str
    link: str
    link_label: str
    tone: str = "warning"
    count: int | None = None


Provider = Callable[["Membership"], list[Attention]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def attention(membership: Membership) -> list[Attention]:
    return [item for provider in _providers for item in provider(membership)]
