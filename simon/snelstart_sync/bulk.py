"""Fast inserts for the first import: one ``executemany`` instead of Django's ``bulk_create``.

A first import stores 100,000 articles. ``bulk_create`` builds a model instance and compiles
every value through the ORM, which made storing cost more than reading from SnelStart. Here a
row is a dict of attribute names; missing fields get their defaults (time-ordered codes made a
page at a time, now for ``auto_now``), and only the field types a database adapter cannot take
as they are (UUID on SQLite, date/time, JSON) go through Django's own preparation. What depends
on the database is decided once per call, not once per value.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from operator import itemgetter
from typing import Any

from django.db import connection, models
from django.utils import timezone

from simon.lib import ids

# Decimal and the rest go to the database driver as they are (both sqlite3, through Django's
# registered adapters, and psycopg take them); these need Django's preparation.
_PREPARED_TYPES = {"DateTimeField", "DateField", "TimeField", "JSONField"}

Adapt = Callable[[Any], Any]


def _uuid_hex(value: Any) -> Any:
    # What UUIDField.get_db_prep_value does on a database without a uuid type.
    if value is None:
        return None
    return (value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))).hex


def _adapter(field: models.Field[Any, Any], native_uuid: bool) -> Adapt | None:
    """How to adapt a value of this field for the driver, or None when it goes as it is."""
    kind = field.get_internal_type()
    if kind == "UUIDField":
        return None if native_uuid else _uuid_hex
    if kind in _PREPARED_TYPES:
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _column(field: models.Field[Any, Any]) -> str:
    """A concrete field's column (Django types it optional: a field may have none)."""
    assert field.column is not None, field
    return field.column


def _default_column(
    field: models.Field[Any, Any], count: int, native_uuid: bool
) -> list[Any] | Any:
    """The values of a field the rows leave out: a list (one per row) or one constant."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return field.get_db_prep_save(timezone.now(), connection)
    adapt = _adapter(field, native_uuid) or (lambda value: value)
    if field.default is ids.uuid7:
        codes = ids.uuid7_ints(count)
        if native_uuid:
            return [uuid.UUID(int=code) for code in codes]
        return [f"{code:032x}" for code in codes]  # what _uuid_hex would make of them
    if field.has_default() and callable(field.default):
        return [adapt(field.default()) for _ in range(count)]
    return adapt(field.get_default())


def insert_rows(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """INSERT the rows (dicts keyed by attribute name, e.g. ``group_id``); returns the count."""
    rows = list(rows)
    if not rows:
        return 0
    native_uuid = connection.features.has_native_uuid_field
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (isinstance(f, models.AutoField) or f.primary_key)
    ]
    given = [f for f in fields if f.attname in rows[0]]
    missing = [f for f in fields if f.attname not in rows[0]]
    names = [f.attname for f in given]
    pick = itemgetter(*names) if len(names) > 1 else (lambda r: (r[names[0]],))
    adapters = [(i, a) for i, f in enumerate(given) if (a := _adapter(f, native_uuid))]
    defaults = [_default_column(f, len(rows), native_uuid) for f in missing]
    constants = [value for value in defaults if not isinstance(value, list)]
    per_row = [value for value in defaults if isinstance(value, list)]
    columns = [_column(f) for f in given]
    columns += [
        _column(f) for f, v in zip(missing, defaults, strict=True) if not isinstance(v, list)
    ]
    columns += [_column(f) for f, v in zip(missing, defaults, strict=True) if isinstance(v, list)]
    params = []
    for index, row in enumerate(rows):
        values = list(pick(row))
        for position, adapt in adapters:
            values[position] = adapt(values[position])
        values.extend(constants)
        values.extend(column[index] for column in per_row)
        params.append(values)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)


def pks_by_snelstart_id(
    model: type[models.Model], organization_id: int, snelstart_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """The primary keys of the organization's rows with these SnelStart ids (one query).

    The ORM prepares each of a page's 500 ids through the field on every lookup; here they are
    adapted once, and a first import, which finds none, loads no model at all.
    """
    if not snelstart_ids:
        return {}
    native_uuid = connection.features.has_native_uuid_field
    params: list[Any] = [organization_id]
    params += [sid if native_uuid else sid.hex for sid in snelstart_ids]
    quote = connection.ops.quote_name
    sql = "SELECT {}, {} FROM {} WHERE {} = %s AND {} IN ({})".format(
        quote("snelstart_id"),
        quote(_column(model._meta.pk)),
        quote(model._meta.db_table),
        quote("organization_id"),
        quote("snelstart_id"),
        ", ".join(["%s"] * len(snelstart_ids)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {sid if isinstance(sid, uuid.UUID) else uuid.UUID(sid): pk for sid, pk in rows}
