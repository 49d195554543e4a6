"""Fast inserts for the first import: one ``executemany`` instead of Django's ``bulk_create``.

A first import stores 100,000 articles. ``bulk_create`` builds a model instance and compiles
every value through the ORM, which made storing cost more than reading from SnelStart. Here a
row is a dict of attribute names; missing fields get their defaults (``uuid4`` for ``code``,
now for ``auto_now``), and only the field types a database adapter cannot take as they are
(UUID, Decimal, date/time, JSON) go through Django's own preparation.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from operator import itemgetter
from typing import Any

from django.db import connection, models
from django.utils import timezone

# Decimal and the rest go to the database driver as they are (both sqlite3, through Django's
# registered adapters, and psycopg take them); these need Django's preparation.
_PREPARED_TYPES = {"DateTimeField", "DateField", "TimeField", "JSONField"}


def _uuid(value: Any) -> Any:
    # What UUIDField.get_db_prep_value does, without its per-value overhead.
    if value is None or connection.features.has_native_uuid_field:
        return value
    return (value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))).hex


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    """How to adapt a value of this field for the driver, or None when it goes as it is."""
    kind = field.get_internal_type()
    if kind == "UUIDField":
        return None if connection.features.has_native_uuid_field else _uuid
    if kind in _PREPARED_TYPES:
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _default(field: models.Field) -> tuple[bool, Any]:
    """(per_row, value): a callable made per row (``uuid4`` codes) or one adapted constant."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return False, field.get_db_prep_save(timezone.now(), connection)
    adapt = _adapter(field) or (lambda value: value)
    if field.has_default() and callable(field.default):
        return True, lambda: adapt(field.default())
    return False, adapt(field.get_default())


def insert_rows(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """INSERT the rows (dicts keyed by attribute name, e.g. ``group_id``); returns the count."""
    rows = list(rows)
    if not rows:
        return 0
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (isinstance(f, models.AutoField) or f.primary_key)
    ]
    given_names = [f.attname for f in fields if f.attname in rows[0]]
    given = [f for f in fields if f.attname in rows[0]]
    missing = [f for f in fields if f.attname not in rows[0]]
    adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in given) if a is not None]
    defaults = [(f, *_default(f)) for f in missing]
    constant_fields = [(f, value) for f, per_row, value in defaults if not per_row]
    maker_fields = [(f, value) for f, per_row, value in defaults if per_row]
    constants = [value for _f, value in constant_fields]
    makers = [make for _f, make in maker_fields]
    columns = [f.column for f in given]
    columns += [f.column for f, _v in constant_fields] + [f.column for f, _m in maker_fields]
    pick = itemgetter(*given_names) if len(given_names) > 1 else (lambda r: (r[given_names[0]],))
    params = []
    for row in rows:
        values = list(pick(row))
        for index, adapt in adapters:
            values[index] = adapt(values[index])
        values.extend(constants)
        values.extend(make() for make in makers)
        params.append(values)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)
