"""In-memory storage of one resource of one administration.

Records live in a dict whose insertion order is creation order (the default list order), plus an
index sorted on (modifiedOn, seq) so a `ModifiedOn gt …` filter reads only the rows in range instead
of evaluating every row.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class Record:
    """One stored object. `data` holds the JSON fields except id, uri and modifiedOn.

    `data` is replaced, never mutated in place: nested values may be shared between records and
    a persistence snapshot may hold a reference to it while it is written out.
    """

    id: str
    seq: int
    modified: datetime
    modified_text: str
    data: dict[str, Any]
    deleted: bool = False
    #: (renderer, data, modified_text, JSON bytes) of the last rendering, see `domain.common`.
    json_cache: tuple[Any, Any, str, bytes] | None = field(default=None, compare=False, repr=False)


@dataclass
class Collection:
    name: str
    by_id: dict[str, Record] = field(default_factory=dict)
    _index: list[tuple[datetime, int, str]] = field(default_factory=list)
    # The records in list order, kept between changes so a page at a large `$skip` is a slice
    # instead of a walk over every record before it.
    _rows: list[Record] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.by_id)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.by_id.values())

    def slice(self, start: int, stop: int) -> list[Record]:
        """Records `start` up to `stop` in list (creation) order."""
        if self._rows is None:
            self._rows = list(self.by_id.values())
        return self._rows[start:stop]

    def get(self, record_id: str) -> Record | None:
        return self.by_id.get(record_id)

    def add(self, record: Record) -> None:
        self.by_id[record.id] = record
        self._rows = None
        bisect.insort(self._index, (record.modified, record.seq, record.id))

    def bulk_load(self, records: Iterable[Record]) -> None:
        """Add many records at once (demo data, persisted state): one sort instead of n inserts."""
        for record in records:
            self.by_id[record.id] = record
            self._index.append((record.modified, record.seq, record.id))
        self._index.sort()
        self._rows = None

    def _unindex(self, record: Record) -> None:
        key = (record.modified, record.seq, record.id)
        position = bisect.bisect_left(self._index, key)
        if position < len(self._index) and self._index[position] == key:
            del self._index[position]

    def touch(self, record: Record, modified: datetime, text: str) -> None:
        """Move `record` to a new modifiedOn."""
        self._unindex(record)
        record.modified = modified
        record.modified_text = text
        bisect.insort(self._index, (modified, record.seq, record.id))

    def remove(self, record_id: str) -> Record | None:
        record = self.by_id.pop(record_id, None)
        if record is not None:
            self._unindex(record)
            self._rows = None
        return record

    def in_range(
        self,
        low: datetime | None,
        low_inclusive: bool,
        high: datetime | None,
        high_inclusive: bool,
    ) -> list[Record]:
        """Records whose modifiedOn lies in the range, in modifiedOn order."""
        index = self._index
        start = 0
        if low is not None:
            probe = (low,) if low_inclusive else (low, float("inf"))
            start = bisect.bisect_left(index, probe)
        end = len(index)
        if high is not None:
            probe = (high, float("inf")) if high_inclusive else (high,)
            end = bisect.bisect_left(index, probe)
        by_id = self.by_id
        return [by_id[entry[2]] for entry in index[start:end]]

    def count_in_range(
        self,
        low: datetime | None,
        low_inclusive: bool,
        high: datetime | None,
        high_inclusive: bool,
    ) -> int:
        index = self._index
        start = 0
        if low is not None:
            start = bisect.bisect_left(index, (low,) if low_inclusive else (low, float("inf")))
        end = len(index)
        if high is not None:
            end = bisect.bisect_left(index, (high, float("inf")) if high_inclusive else (high,))
        return max(0, end - start)
