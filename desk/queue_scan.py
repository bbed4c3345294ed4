"""The whole open-case queue read on SQLite from its own index, each column of a group of the order as one text.

The queue's index (migration 0012) holds every column the queue shows, for open cases only, in deadline
order. Each group of the default order is read by one statement that walks that index and has SQLite join
each column's values into one text (numbers as fixed-width hexadecimal); Python then splits those texts
and decodes the numbers in a few C-level calls per column. The statement runs in one step of the driver,
which releases the interpreter lock throughout: the read no longer competes with the window's thread for
it row by row, and no tuple is built per row.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sqlite3
import sys
import threading
from array import array
from collections.abc import Callable, Iterator
from itertools import compress, repeat
from operator import eq, getitem, le
from typing import Any

from desk.queue_columns import NONE
from desk.sla import DueCache
from desk.store.models import OPEN_CONDITION, QUEUE_INDEX, QUEUE_INDEX_COLUMNS

_SEP = "\x1f"  # between the texts of a column (a text holding it makes the counts disagree: read row by row)
_TEXTS = ("ref", "title", "customer_id", "coalesce(contract_id, '')", "severity", "status", "assignee", "channel",
          "due_clock")  # fmt: skip


def _us(column: str) -> str:
    """The SQLite text instant (as SQLAlchemy writes it: ``YYYY-MM-DD HH:MM:SS.ffffff``, UTC) in microseconds."""
    if sqlite3.sqlite_version_info >= (3, 38, 0):  # unixepoch: the same seconds, without writing them as text
        return f"(unixepoch({column}) * 1000000 + CAST(substr({column}, 21, 6) AS INTEGER))"
    return f"(CAST(strftime('%s', {column}) AS INTEGER) * 1000000 + CAST(substr({column}, 21, 6) AS INTEGER))"


# Every number as fixed-width hexadecimal, decoded in C: SQLite writes it on the reading thread, which is
# done long before the decoding one (that one waits for the window's first paint); a row's five by one printf.
_NUMBERS = (_us("opened_at"), f"coalesce({_us('due_at')}, {NONE})", "version", f"coalesce(due_target_s, {NONE})",
            f"coalesce(due_left_s, {NONE})")  # fmt: skip
_AGGREGATES = ", ".join(
    [
        f"count(*), sum(coalesce(due_rev, -1) != {DueCache.REVISION}), group_concat(id, '')",
        *(f"group_concat({text}, char(31))" for text in _TEXTS),
        "group_concat(printf('" + "%016x" * len(_NUMBERS) + "', " + ", ".join(_NUMBERS) + "), '')",
    ]
)
# Built from constants only (no value from outside): the one value, the grace's cutoff, is a bound parameter.
_FROM = f"SELECT {', '.join(QUEUE_INDEX_COLUMNS)} FROM cases INDEXED BY {QUEUE_INDEX} WHERE {OPEN_CONDITION} AND "  # noqa: S608
_SELECT = f"SELECT {_AGGREGATES} FROM ({_FROM}"  # noqa: S608
# The default order's groups (as ``desk.queue_plain`` reads them row by row), each from the index.
_PARTS = (
    "due_at > ? ORDER BY due_at, ref LIMIT ? OFFSET ?)",
    "due_at <= ? ORDER BY due_at, ref LIMIT ? OFFSET ?)",
    "due_at IS NULL ORDER BY (due_clock IS NULL OR due_clock = ''), coalesce(due_left_s, 0), ref LIMIT ? OFFSET ?)",
)
# Rows per statement: while Python splits one stretch's texts, SQLite builds the next one's on another thread.
STRETCH = 10_000
Block = tuple[Any, ...]  # ids (bytes), refs, titles, customer ids, contract ids ('' none), severities, statuses,
# assignees, channels, opened, versions, clocks, due, targets, lefts: one group's rows as columns, in order


def has_queue_index(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (QUEUE_INDEX,))
    return found.fetchone() is not None


def _numbers(hexadecimal: str) -> list[array[int]]:
    """Each row's numbers in fixed-width big-endian hexadecimal (SQLite's ``printf('%016x...')``, two's
    complement), as one array per number."""
    values = array("q", bytes.fromhex(hexadecimal))
    if sys.byteorder == "little":
        values.byteswap()
    return [values[number :: len(_NUMBERS)] for number in range(len(_NUMBERS))]


def _pieces(whole: bytes, width: int, rows: int) -> list[bytes]:
    """``whole`` cut every ``width`` bytes (C-level: no Python runs per piece)."""
    ends = range(width, width * (rows + 1), width)
    return list(map(getitem, repeat(whole, rows), map(slice, range(0, width * rows, width), ends)))  # type: ignore[arg-type]


def _in_order(number: int, due: array[int], refs: list[str], clocks: list[str], lefts: array[int]) -> bool:
    """The rows came in their ORDER BY's order (SQLite joins a sorted subquery's rows in that order; checked)."""
    if number < 2:  # deadlines never go down, and equal ones are in case id order: no object built per row
        after = due[1:]
        if not all(map(le, due, after)):
            return False
        ties = compress(range(len(after)), map(eq, due, after))
        return all(refs[row] < refs[row + 1] for row in ties)
    rows = zip(clocks, lefts, refs, strict=True)  # the few paused or clockless rows
    keys = [(not clock, left if left != NONE else 0, ref) for clock, left, ref in rows]
    return all(map(le, keys, keys[1:]))


def _stretches(conn: sqlite3.Connection, cutoff: str, at: list[int]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Each stretch's row of texts, in order, with the number of its group, from ``at`` (its group and
    offset), which moves past each stretch once it has been read."""
    while at[0] < len(_PARTS):
        number, offset = at
        bound = (cutoff,) if number < 2 else ()
        row = conn.execute(_SELECT + _PARTS[number], (*bound, STRETCH, offset)).fetchone()
        at[:] = [number, offset + STRETCH] if row[0] == STRETCH else [number + 1, 0]
        yield number, row


def _read(
    conn: sqlite3.Connection, cutoff: str, at: list[int], stop: threading.Event, out: queue.Queue[Any], spare: bool
) -> None:
    """The stretches into ``out``, then None; an exception raised is put before it. ``spare``: on spare CPU
    only; stopped (``stop``, and its statement interrupted) it puts nothing more, and ``at`` is where it was."""
    if spare:
        _lower_this_threads_priority()
    try:
        for stretch in _stretches(conn, cutoff, at):
            out.put(stretch)
            if stop.is_set():
                return
    except BaseException as exc:  # raised again where the rows are taken
        if stop.is_set() and isinstance(exc, sqlite3.OperationalError):
            return  # interrupted: that stretch is read again
        out.put(exc)
    out.put(None)


def _lower_this_threads_priority() -> None:
    """The lowest scheduling priority for the calling thread, where the system has one per thread (Linux)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def _reader(conn: sqlite3.Connection, cutoff: str, at: list[int], out: queue.Queue[Any], spare: bool) -> _Reader:
    stop = threading.Event()
    thread = threading.Thread(
        target=_read, args=(conn, cutoff, at, stop, out, spare), name="queue-read-ahead", daemon=True
    )
    thread.start()
    return thread, stop


_Reader = tuple[threading.Thread, threading.Event]


def _stopped(conn: sqlite3.Connection, reader: _Reader, out: queue.Queue[Any]) -> None:
    """The reader stopped (its statement under way interrupted) and ended, no longer using the connection."""
    thread, stop = reader
    stop.set()
    if thread.is_alive():
        conn.interrupt()
    while thread.is_alive():  # (nothing blocks it: ``out`` takes any number of stretches)
        thread.join(0.05)
        if thread.is_alive():
            conn.interrupt()


def _read_ahead(
    conn: sqlite3.Connection, cutoff: str, ready: Callable[[], object] | None = None
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The stretches, each read on a thread of its own while the one before is decoded here.

    The one connection (and its read transaction: every stretch sees the same file) is used by one thread at
    a time, and by none once this returns. ``ready()`` is called once the reading is under way and before
    the first stretch is taken: a window waits there until its first screen is painted, and meanwhile the
    stretches are read on spare CPU only (the lowest priority, where the system sets one per thread), so as
    not to slow that paint on a busy machine; then the rest is read at the window's own priority. A connection
    that may be used only on the thread that made it (the store's never is) is read here, a stretch after the
    other.
    """
    out: queue.Queue[Any] = queue.Queue()
    at = [0, 0]
    reader = _reader(conn, cutoff, at, out, spare=ready is not None)
    try:
        if ready is not None:
            ready()
            _stopped(conn, reader, out)
            reader = _reader(conn, cutoff, at, out, spare=False)
        first = True
        while (item := out.get()) is not None:
            if first and isinstance(item, sqlite3.ProgrammingError):  # used on another thread: refused at once
                _stopped(conn, reader, out)
                yield from _stretches(conn, cutoff, [0, 0])
                return
            if isinstance(item, BaseException):
                raise item
            first = False
            yield item
    finally:
        _stopped(conn, reader, out)


def scan_open_queue(
    conn: sqlite3.Connection, cutoff: str, ready: Callable[[], object] | None = None
) -> Iterator[Block | None]:
    """The open cases' rows in the default order's groups, as columns, a group at a time; None (then nothing
    more) if they must be read row by row: a row written before its case row kept its clock, or a text
    holding the separator. Each repeated text (a title, a code, a customer's key) is one object for its rows."""
    seen: dict[str, str] = {}
    for number, row in _read_ahead(conn, cutoff, ready):
        rows, stale, ids, refs_text, *texts = row[:12]
        if not rows:
            continue
        hexadecimal = row[12]
        if stale or len(ids) != 32 * rows or len(hexadecimal) != 16 * len(_NUMBERS) * rows:
            yield None
            return
        columns = [refs_text.split(_SEP)]
        for text in texts:  # one column's transient texts at a time
            split = text.split(_SEP)
            columns.append(list(map(seen.setdefault, split, split)))
            del split
        if any(len(column) != rows for column in columns):
            yield None
            return
        refs, titles, customers, contracts, severities, statuses, assignees, channels, clocks = columns
        opened, due, versions, targets, lefts = _numbers(hexadecimal)
        if not _in_order(number, due, refs, clocks, lefts):
            yield None
            return
        keys = _pieces(bytes.fromhex(ids), 16, rows)  # 16 bytes each instead of 32 characters
        del row, ids, refs_text, texts, hexadecimal, columns
        yield (
            keys, refs, titles, customers, contracts, severities, statuses, assignees, channels, opened, versions,
            clocks, due, targets, lefts,
        )  # fmt: skip
