"""The domain events are sent inside the transaction that makes the change."""

from __future__ import annotations

import pytest
from django.db import connection

from simon.workorders import services
from simon.workorders.errors import WorkOrderError
from simon.workorders.events import work_order_archived, work_order_status_changed
from simon.workorders.models import StatusChange, WorkOrder, WorkOrderStatus

pytestmark = pytest.mark.django_db


class IntentFailed(Exception):
    pass


def test_the_archived_signal_carries_the_order_and_who(completed, alice):
    received = []

    def receiver(sender, work_order, by, **kwargs):
        # Inside the transaction the database already says 'gearchiveerd'.
        stored = WorkOrder.objects.get(pk=work_order.pk).status
        received.append((work_order.pk, by, stored, connection.in_atomic_block))

    work_order_archived.connect(receiver, dispatch_uid="test-archived")
    try:
        services.archive(completed, by=alice)
    finally:
        work_order_archived.disconnect(dispatch_uid="test-archived")

    assert received == [(completed.pk, alice, WorkOrderStatus.ARCHIVED, True)]


def test_a_receiver_that_raises_rolls_the_archive_back(completed, alice):
    def failing_receiver(sender, work_order, by, **kwargs):
        raise IntentFailed

    work_order_archived.connect(failing_receiver, dispatch_uid="test-failing")
    try:
        with pytest.raises(IntentFailed):
            services.archive(completed, by=alice)
    finally:
        work_order_archived.disconnect(dispatch_uid="test-failing")

    stored = WorkOrder.objects.get(pk=completed.pk)
    assert stored.status == WorkOrderStatus.COMPLETED
    assert stored.archived_at is None
    assert not StatusChange.objects.filter(
        work_order=completed, to_status=WorkOrderStatus.ARCHIVED
    ).exists()


def test_the_archived_signal_is_not_sent_when_archiving_is_refused(planned, alice):
    received = []
    work_order_archived.connect(
        lambda **kw: received.append(kw), dispatch_uid="test-refused", weak=False
    )
    try:
        with pytest.raises(WorkOrderError):
            services.archive(planned, by=alice)
    finally:
        work_order_archived.disconnect(dispatch_uid="test-refused")

    assert received == []


def test_status_changes_are_announced(planned, bob):
    received = []

    def receiver(sender, work_order, from_status, to_status, by, change, **kwargs):
        received.append((from_status, to_status, by, change.pk))

    work_order_status_changed.connect(receiver, dispatch_uid="test-status")
    try:
        services.report_complete(planned, by=bob)
    finally:
        work_order_status_changed.disconnect(dispatch_uid="test-status")

    change = StatusChange.objects.get(work_order=planned, to_status=WorkOrderStatus.COMPLETED)
    assert received == [(WorkOrderStatus.PLANNED, WorkOrderStatus.COMPLETED, bob, change.pk)]
