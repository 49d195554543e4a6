"""The collector is tuned for bulk work only inside the block."""

from __future__ import annotations

import gc

import pytest

from simon.lib.heap import YOUNG_THRESHOLD, collector_tuned_for_bulk_work


def test_objects_are_frozen_inside_the_block_and_handed_back_after():
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with collector_tuned_for_bulk_work():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == max(YOUNG_THRESHOLD, before[0])
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_an_error_in_the_block_still_restores_the_collector():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), collector_tuned_for_bulk_work():
        raise RuntimeError("stop")
    assert (gc.get_freeze_count(), gc.get_threshold()) == (0, before)


def test_garbage_made_inside_the_block_is_still_collected():
    class Node:
        pass

    with collector_tuned_for_bulk_work():
        node = Node()
        node.self = node  # a cycle only the collector can free
        del node
        assert gc.collect() >= 1
