"""Cases resolved by the review's instant and only closed since count from their rows, as the engine says.

A case with events after the review's instant normally goes through the SLA engine; one that was resolved
or closed by then, not answered since, and only closed (or noted) afterwards has every clock stopped by then,
so what its row keeps is its figures at the instant. Anything else after the instant (a reopening, a
re-grade, a reassignment, a response) or a response after the resolution sends it to the engine.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.errors import DeskError
from desk.review_period import Period
from desk.review_sla import DIMENSIONS, OUTCOMES, cases_behind, sla_review
from desk.services import Desk
from desk.store.engine import open_store
from tests.helpers import seed_customers
from tests.helpers.review import engine_cases

PERIOD = Period(date(2026, 11, 2), date(2026, 11, 8), "UTC")
END = datetime(2026, 11, 9, tzinfo=UTC)  # the period's end: the review's instant
H = timedelta(hours=1)

Step = tuple[timedelta, Callable[[Desk, uuid.UUID], object]]


def _respond(d: Desk, c: uuid.UUID) -> object:
    return d.record_response(c)


def _resolve(d: Desk, c: uuid.UUID) -> object:
    return d.set_status(c, "resolved", "fixed")


def _close(d: Desk, c: uuid.UUID) -> object:
    return d.set_status(c, "closed", "done")


def _wait(d: Desk, c: uuid.UUID) -> object:
    return d.set_status(c, "waiting_customer", "logs please")


def _reopen(d: Desk, c: uuid.UUID) -> object:
    return d.reopen(c, "not fixed")


def _regrade(d: Desk, c: uuid.UUID) -> object:
    return d.regrade(c, "S1", "worse than thought")


def _assign(d: Desk, c: uuid.UUID) -> object:
    return d.assign(c, "bob")


def _note(d: Desk, c: uuid.UUID) -> object:
    return d.add_note(c, "looked")


# Opened 30 h before the end; steps at offsets from the end (negative: before it).
SETTLED: list[list[Step]] = [
    [(-29 * H, _respond), (-20 * H, _resolve), (2 * H, _close)],  # answered, resolved, closed after the end
    [(-10 * H, _resolve), (3 * H, _close)],  # resolved unanswered (late), closed after
    [(-29 * H, _respond), (-20 * H, _resolve), (-19 * H, _reopen), (-2 * H, _resolve), (5 * H, _note), (6 * H, _close)],
    [(-29 * H, _respond), (-25 * H, _wait), (-5 * H, _close), (4 * H, _note)],  # closed while waiting
]
TO_ENGINE: list[list[Step]] = [
    [(-20 * H, _resolve), (-10 * H, _respond), (2 * H, _close)],  # answered after its resolution
    [(-29 * H, _respond), (-20 * H, _resolve), (2 * H, _reopen)],  # reopened after the end
    [(-29 * H, _respond), (-20 * H, _resolve), (2 * H, _regrade), (3 * H, _close)],  # re-graded after the end
    [(-29 * H, _respond), (-20 * H, _resolve), (2 * H, _assign)],  # reassigned after the end
    [(-29 * H, _respond), (-2 * H, _wait), (2 * H, _resolve)],  # waiting at the end, resolved after
    [(-20 * H, _resolve), (-20 * H, _reopen), (3 * H, _close)],  # reopened at the instant it was resolved
    [(-29 * H, _respond), (2 * H, _resolve), (3 * H, _close)],  # open at the end
]


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    clock = FakeClock(END - 40 * H)
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('settled') / 'desk.sqlite'}", clock=clock)
    desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock, actor="tester")
    seed_customers(desk)
    plan: list[tuple[datetime, int, Callable[[Desk, uuid.UUID], object] | None]] = []
    scripts = [(tier, steps) for tier in ("L1", "L2", "L3") for steps in (*SETTLED, *TO_ENGINE)]
    for n, (_, steps) in enumerate(scripts):
        opened = END - 30 * H + n * timedelta(minutes=1)
        plan.append((opened, n, None))
        plan += [(END + offset + n * timedelta(seconds=1), n, step) for offset, step in steps]
    ids: dict[int, uuid.UUID] = {}
    for at, n, step in sorted(plan, key=lambda p: (p[0], p[1])):
        clock.set(at)
        if step is None:
            tier = scripts[n][0]
            (ids[n],) = desk.open_case(f"cust-{tier}", f"S-{n}", "S2", "ticket", ref=f"S-{n}", assignee="alice").cases
        else:
            try:
                step(desk, ids[n])
            except DeskError as e:  # a script the desk refuses would test nothing
                raise AssertionError(f"step {step.__name__} of case {n}: {e}") from e
    clock.set(END + 10 * H)
    yield desk
    store.close()


def test_settled_cases_count_from_their_rows_as_the_engine_says(scripted: Desk) -> None:
    fast, engine = sla_review(scripted, PERIOD), sla_review(scripted, PERIOD, kept=False)
    assert fast.as_of == END
    assert fast.overall == engine.overall and fast.overall.total == 3 * (len(SETTLED) + len(TO_ENGINE))
    assert fast.by_week() == engine.by_week()
    for dimension in DIMENSIONS:
        assert fast.by(dimension) == engine.by(dimension), dimension
    assert fast.internal() == engine.internal()
    # Only the cases whose figures later events could change went through the engine.
    assert fast.evaluated == 3 * len(TO_ENGINE)
    every = engine_cases(scripted, PERIOD, END)
    assert tuple(cases_behind(scripted, fast)) == every
    for outcome in OUTCOMES:
        assert cases_behind(scripted, fast, outcome) == [c for c in every if c.outcome == outcome], outcome
    for dimension in ("severity", "agent"):
        for key in {c.key(dimension) for c in every}:
            assert cases_behind(scripted, fast, **{dimension: key}) == [c for c in every if c.key(dimension) == key]
