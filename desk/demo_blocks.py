"""The demo's cases made a block at a time, in this process or in two others while this one writes.

Every block draws from its own random streams (named by the seed and the block's number), so a block is
the same whichever process makes it and whenever: the database depends on the seed and the instant only.
Blocks come back in order; at most a few are made ahead of the writer, so memory stays flat.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from multiprocessing.connection import wait
from typing import Any

from desk.catalog import Catalog, CatalogRegistry

MAKERS = 2  # processes making blocks beside the writing one (the desk's machines have two cores or more)
AHEAD = 2 * MAKERS  # blocks made ahead of the writer at most


@dataclass(frozen=True)
class Shared:
    """What every block needs, sent once to each process making them."""

    seed: int
    now: datetime  # the instant the data is made for
    written_at: datetime  # the writer's stamp on the rows (created_at, updated_at)
    catalogs: CatalogRegistry
    catalog: Catalog
    owners: list[tuple[uuid.UUID, uuid.UUID, str, date]]  # by customer: its id, its contract's id, tier and start
    cases: int
    block_cases: int  # cases a block holds (its random streams' share)
    first_open: int  # the cases from this number on are open
    phase: float
    sqlite: bool  # rows encoded for SQLite's driver where they are made
    folder: str | None = None  # where each block's rows are written as an SQLite file of its own, if anywhere


@dataclass(frozen=True)
class Block:
    """A block's rows, ready to insert: cases (in ``case_columns``), their events, and each case's event count;
    or, made into ``file`` (an SQLite file of their own), only the counts."""

    case_columns: tuple[str, ...]
    cases: list[Any]
    events: list[Any]
    event_counts: list[int]
    file: str | None = None


def block_count(shared: Shared) -> int:
    return -(-shared.cases // shared.block_cases)


Maker = Callable[[Shared, int], Block]  # a module-level function: other processes are sent its name


def made_blocks(shared: Shared, make: Maker, parallel: bool) -> Iterator[Block]:
    """Every block in order, made by ``make``: here, or by ``MAKERS`` other processes while the caller writes."""
    if not parallel:
        for number in range(block_count(shared)):
            yield make(shared, number)
        return
    # Spawned, not forked: the caller may hold threads and open connections a fork would copy. An executor,
    # not a pool: a making process that dies fails the demo (a pool would start another and wait forever).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(MAKERS, mp_context=context, initializer=_receive, initargs=(shared, make)) as pool:
        pending: deque[Future[Block]] = deque()
        numbers = iter(range(block_count(shared)))
        pending.extend(pool.submit(_make, number) for number in islice(numbers, AHEAD))
        while pending:
            block = pending.popleft().result()
            pending.extend(pool.submit(_make, number) for number in islice(numbers, 1))
            yield block


_RECEIVED: list[tuple[Shared, Maker]] = []  # in a making process: what its blocks share, and how to make one


def _receive(shared: Shared, make: Maker) -> None:
    _RECEIVED.append((shared, make))
    # A making process outlives a killed writer otherwise: it waits for its next block forever.
    threading.Thread(target=_end_with_parent, name="end-with-parent", daemon=True).start()


def _end_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        wait([parent.sentinel])
        os._exit(1)


def _make(number: int) -> Block:
    shared, make = _RECEIVED[0]
    return make(shared, number)
