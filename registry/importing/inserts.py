"""Inserting thousands of new rows of one model with one statement per chunk.

``bulk_create`` builds a model instance per row and prepares every value through the ORM; for a
file of 5 000 people that is most of the import's time. Here rows are plain dicts, each field's
value goes through one adapter chosen once per field, and the new keys come back from
``RETURNING``. Fields the dicts leave out take their model defaults. No signals are sent (as with
``bulk_create``). Databases without ``RETURNING`` for many rows use ``bulk_create``.
"""

import datetime
import sqlite3

from django.db import connection, models
from django.utils import timezone

MAX_CHUNK = 500


def _adapter(field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.ForeignKey | models.CharField | models.TextField):
        return None  # the value as it is
    if isinstance(field, models.IntegerField | models.BooleanField):
        return None
    return lambda value, field=field: field.get_db_prep_save(value, connection)


def _defaults(model, now: datetime.datetime) -> dict:
    defaults = {}
    for field in model._meta.concrete_fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        else:  # what a new model instance would hold: the default, "" or None
            defaults[field.attname] = field.get_default()
    return defaults


def _parameter_limit() -> int:
    """Parameters one statement may carry. Django assumes 999 for SQLite, the limit of old
    builds; the library in use says its own (32 766 since SQLite 3.32)."""
    limit = connection.features.max_query_params or 999_999
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return limit


def _values(rows: list[dict], adapters: list[tuple]) -> list:
    """The parameters of rows, flat, in the order of ``adapters`` (attname, adapt, default)."""
    keys = rows[0].keys()
    if any(row.keys() != keys for row in rows):
        missing, values = object(), []
        for row in rows:
            for attname, adapt, default in adapters:
                value = row.get(attname, missing)
                if value is missing:
                    values.append(default)
                else:
                    values.append(value if adapt is None or value is None else adapt(value))
        return values
    # Rows of one shape, as the import makes them: a column at a time, without a test per cell.
    columns = []
    for attname, adapt, default in adapters:
        if attname not in keys:
            columns.append([default] * len(rows))
            continue
        column = [row[attname] for row in rows]
        if adapt is not None:
            column = [value if value is None else adapt(value) for value in column]
        columns.append(column)
    return [value for row in zip(*columns, strict=True) for value in row]


def insert_rows(model, rows: list[dict]) -> list[int]:
    """Inserts ``rows`` (attname → value) and returns their primary keys, in order."""
    if not rows:
        return []
    if not connection.features.can_return_rows_from_bulk_insert:
        objects = model.objects.bulk_create([model(**row) for row in rows], batch_size=MAX_CHUNK)
        return [obj.pk for obj in objects]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = _defaults(model, timezone.now())
    adapters = []
    for field in fields:
        adapt, default = _adapter(field), defaults.get(field.attname)
        if adapt is not None and default is not None:
            default = adapt(default)  # the same for every row: adapted once
        adapters.append((field.attname, adapt, default))
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    limit = _parameter_limit()
    chunk = max(1, min(MAX_CHUNK, limit // len(fields)))
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            values = _values(part, adapters)
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "
                + ", ".join([one] * len(part))
                + f" RETURNING {quote(model._meta.pk.column)}",
                values,
            )
            keys.extend(row[0] for row in cursor.fetchall())
    return keys
