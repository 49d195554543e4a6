"""The collector leaves the long-lived heap alone only inside the block."""

from __future__ import annotations

import gc

import pytest

from simon.lib.heap import collector_tuned_for_bulk_work


def test_objects_are_frozen_inside_the_block_and_handed_back_after():
    assert gc.get_freeze_count() == 0
    with collector_tuned_for_bulk_work():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_an_error_in_the_block_still_unfreezes():
    with pytest.raises(RuntimeError), collector_tuned_for_bulk_work():
        raise RuntimeError("stop")
    assert gc.get_freeze_count() == 0


def test_garbage_made_inside_the_block_is_still_collected():
    class Node:
        self: Node

    with collector_tuned_for_bulk_work():
        node = Node()
        node.self = node  # a cycle only the collector can free
        del node
        assert gc.collect() >= 1
