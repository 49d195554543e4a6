"""Domain events of work orders, for integrations that plug into the core.

Both signals are sent INSIDE the transaction that makes the change. A receiver's writes commit
or roll back together with the change, and a receiver that raises rolls the change back. That
is the point of ``work_order_archived``: the SnelStart integration records its export intent
atomically with the archive, so an archived work order without an intent cannot exist (S22).
Receivers that call out (HTTP, queues) must defer that work with ``transaction.on_commit``.

``work_order_archived``: kwargs ``work_order`` (status already 'gearchiveerd') and ``by`` (the
acting user, or None for the system).

``work_order_status_changed``: kwargs ``work_order``, ``from_status`` ('' on creation),
``to_status``, ``by`` and ``change`` (the StatusChange row).
"""

from __future__ import annotations

from django.dispatch import Signal

work_order_archived = Signal()
work_order_status_changed = Signal()
