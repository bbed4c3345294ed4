"""Batched inserts of many new rows (the demo's millions), straight to SQLite's driver when the store is SQLite.

SQLAlchemy's per-value bind processing (a UUID's hex, an instant's text) costs more than SQLite's own
insert of the row. For SQLite the values are encoded here, column by column, into exactly the text
SQLAlchemy would store (a test holds the two equal); any other database goes through ``insert()``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from itertools import repeat
from operator import attrgetter, itemgetter, methodcaller
from typing import Any

from sqlalchemy import Table, Uuid, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from desk.store.models import UtcDateTime

_V4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_V4_SET = (4 << 76) | (0x8000 << 48)
_UNKNOWN_SAFETY = uuid.SafeUUID.unknown  # looked up once: an enum member's lookup is slow on Python 3.11


def uuid4_from_bits(bits: int) -> uuid.UUID:
    """``uuid.UUID(int=bits, version=4)``, built without ``UUID.__init__``'s argument checks.

    The demo draws a million ids per hundred thousand cases; this is how Python 3.12's own
    ``UUID._from_int`` builds one (the value is the same: version and variant bits set as ``__init__`` does).
    """
    value = object.__new__(uuid.UUID)
    object.__setattr__(value, "int", (bits & _V4_CLEAR) | _V4_SET)
    object.__setattr__(value, "is_safe", _UNKNOWN_SAFETY)
    return value


def sqlite_instant(value: datetime | None) -> str | None:
    """An aware instant as SQLite stores it here: UTC, naive, ``YYYY-MM-DD HH:MM:SS.ffffff``."""
    if value is None:
        return None
    if value.tzinfo is UTC:  # the usual case, without asking for the offset
        return value.isoformat(" ", "microseconds")[:26]
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"naive datetime {value!r}: the store keeps instants, give a time zone")
    if offset:
        value = value - offset
    return value.isoformat(" ", "microseconds")[:26]


def _sqlite_uuid(value: uuid.UUID | None) -> str | None:
    return None if value is None else value.hex


def _encoder(table: Table, name: str, dialect: Dialect) -> Callable[[Any], Any] | None:
    column_type = table.c[name].type
    if isinstance(column_type, UtcDateTime):
        return sqlite_instant
    if isinstance(column_type, Uuid):
        return _sqlite_uuid
    processor = column_type.dialect_impl(dialect).bind_processor(dialect)
    return processor  # strings and integers: none; booleans, dates: SQLAlchemy's own


def insert_rows(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    instants: dict[datetime | None, str | None] | None = None,
) -> None:
    """Insert ``rows`` (tuples of values in the order of ``columns``, every column of ``table``) into ``table``.

    Every column is given: the driver applies none of the columns' Python-side defaults. ``instants``: as
    ``sqlite_rows`` takes it.
    """
    if not rows:
        return
    dialect = session.get_bind().dialect
    if dialect.name != "sqlite":
        _check_columns(table, columns)
        session.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    insert_encoded(session, table, columns, sqlite_rows(table, columns, rows, dialect, instants))


def sqlite_rows(
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    dialect: Dialect | None = None,
    instants: dict[datetime | None, str | None] | None = None,
) -> list[tuple[Any, ...]]:
    """``rows`` as SQLite's driver takes them (what SQLAlchemy would send): made wherever the rows are made,
    even in another process, and inserted by ``insert_encoded``.

    ``instants``: the text of instants already encoded, kept between calls (a case's instants are its
    events' own): each distinct instant is encoded once."""
    _check_columns(table, columns)
    if not rows:
        return []
    dialect = dialect or sqlite.dialect()
    by_column: list[Any] = list(zip(*rows, strict=True))
    for i, name in enumerate(columns):
        encode = _encoder(table, name, dialect)
        if encode is not None:
            by_column[i] = _encoded(by_column[i], encode, {} if instants is None else instants)
    return list(zip(*by_column, strict=True))


_HEX = attrgetter("int")
_ISO = methodcaller("isoformat", " ", "microseconds")
_NAIVE = itemgetter(slice(0, 26))  # the ISO text without its offset


def _encoded(values: tuple[Any, ...], encode: Callable[[Any], Any], instants: dict[Any, Any]) -> Any:
    """One column's values encoded, in C where the column allows: a Python call per value costs more than
    the value's own encoding, and a big demo has tens of millions of values."""
    if encode is _sqlite_uuid:  # ids (compared with nothing: a UUID's equality is a Python call)
        try:  # the hex of each; a None among them has no ``int``
            return list(map(format, map(_HEX, values), repeat("032x")))
        except AttributeError:
            return list(map(encode, values))
    if values[-1] == values[0] and values.count(values[0]) == len(values):
        return (encode(values[0]),) * len(values)  # one value throughout (the rows' stamps): encoded once
    if encode is sqlite_instant:
        # Each distinct instant once (one instant is the same text in any zone: the key is the instant).
        instants.setdefault(None, None)
        new = list(dict.fromkeys(values).keys() - instants.keys())
        if set(map(attrgetter("tzinfo"), new)) <= {UTC}:  # their ISO text cut before the offset, in C
            instants.update(zip(new, map(_NAIVE, map(_ISO, new)), strict=True))
        else:
            instants.update(zip(new, map(sqlite_instant, new), strict=True))
        return list(map(instants.__getitem__, values))
    return list(map(encode, values))


def insert_encoded(session: Session, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert rows made by ``sqlite_rows`` (an SQLite store only)."""
    if not rows:
        return
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" * len(columns))
    # The table and column names are the schema's own, never input; the values go as parameters.
    statement = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'  # noqa: S608
    session.connection().exec_driver_sql(statement, rows)


def _check_columns(table: Table, columns: Sequence[str]) -> None:
    missing = set(table.c.keys()) - set(columns)
    if missing:
        raise ValueError(f"bulk rows for {table.name} lack {', '.join(sorted(missing))}")


def insert_dicts(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    instants: dict[datetime | None, str | None] | None = None,
) -> None:
    """Insert ``rows`` (each a mapping of the same columns) into ``table``."""
    if rows:
        columns = list(rows[0])
        insert_rows(session, table, columns, list(map(itemgetter(*columns), rows)), instants)
