"""A closed case exported and imported into another database comes back closed when it was, with the same clocks."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock, format_instant
from desk.interchange import FIELDS, ImportFailed, export_data, import_batch, read_files, write_csv_dir
from desk.interchange.merging_stream import import_streamed
from desk.services import Desk
from desk.store.engine import open_store
from desk.store.models import Case
from tests.helpers import T0

LATER = T0 + timedelta(days=30)  # when the copy is made and its clocks are read


def _open(desk: Desk, clock: FakeClock, ref: str, severity: str, customer: str = "cust-L3") -> Any:
    clock.set(T0)
    (case_id,) = desk.open_case(customer, f"case {ref}", severity, "ticket", ref=ref).cases
    return case_id


@pytest.fixture
def source(seeded: Desk, clock: FakeClock) -> Desk:
    """Cases resolved and closed days later, closed without a resolution, and resolved only."""
    desk = seeded
    late = _open(desk, clock, "C-LATE", "S2")
    clock.set(T0 + timedelta(minutes=20))
    desk.record_response(late)
    clock.set(T0 + timedelta(hours=2))
    desk.set_status(late, "resolved", "fixed")
    clock.set(T0 + timedelta(days=3, hours=5))
    desk.set_status(late, "closed", "customer confirmed")

    unanswered = _open(desk, clock, "C-UNANSWERED", "S3", "cust-L2")
    clock.set(T0 + timedelta(hours=1))
    desk.set_status(unanswered, "resolved", "answered in the docs")
    clock.set(T0 + timedelta(days=5))
    desk.set_status(unanswered, "closed", "no reply")

    direct = _open(desk, clock, "C-DIRECT", "S4", "cust-L4")
    clock.set(T0 + timedelta(minutes=30))
    desk.record_response(direct)
    clock.set(T0 + timedelta(days=2))
    desk.set_status(direct, "closed", "duplicate")

    resolved = _open(desk, clock, "C-RESOLVED", "S3")
    clock.set(T0 + timedelta(hours=1))
    desk.record_response(resolved)
    clock.set(T0 + timedelta(hours=6))
    desk.set_status(resolved, "resolved", "done")
    clock.set(LATER)
    return desk


def _empty(tmp_path: Path, catalogs: CatalogRegistry, name: str) -> Iterator[Desk]:
    clock = FakeClock(LATER)
    store = open_store(f"sqlite:///{tmp_path / name}", clock=clock, daily_backup=False)
    try:
        yield Desk(store, catalogs, clock)
    finally:
        store.close()


def _json(data: dict[str, Any], folder: Path) -> list[Path]:
    path = folder / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return [path]


def _csv(data: dict[str, Any], folder: Path) -> list[Path]:
    return write_csv_dir(data, folder, lambda p: p.open("w", encoding="utf-8", newline=""))


def _whole(desk: Desk, paths: list[Path]) -> list[str]:
    return list(import_batch(desk, read_files(paths)).warnings)


def _streamed(desk: Desk, paths: list[Path]) -> list[str]:
    return import_streamed(desk, paths).warnings


FORMATS = {"json": _json, "csv": _csv}
IMPORTS = {"whole": _whole, "streamed": _streamed}


def _cases(desk: Desk) -> dict[str, dict[str, Any]]:
    """Each case as the desk shows and counts it: its row's instants and kept outcomes, its status
    history (what the format carries of it: instant and new status) and its clocks read by the engine."""
    found = {}
    with desk.store.read() as session:
        query = select(Case).options(selectinload(Case.events), selectinload(Case.contract))
        for case in session.scalars(query):
            found[case.ref] = {
                "status": case.status,
                "resolved_at": case.resolved_at,
                "closed_at": case.closed_at,
                "sla_since": case.sla_since,
                "sla_outcomes": case.sla_outcomes,
                "due_at": case.due_at,
                "statuses": [(e.at, e.new) for e in case.events if e.kind == "status"],
                "clocks": desk.evaluate_case(case, LATER).clocks,
            }
    return found


@pytest.mark.parametrize("how", IMPORTS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_closed_case_comes_back_closed_when_it_was(
    source: Desk, catalogs: CatalogRegistry, tmp_path: Path, fmt: str, how: str
) -> None:
    data = export_data(source)
    closing = {c["id"]: c.get("closed_at") for c in data["cases"]}
    assert closing["C-LATE"] == format_instant(T0 + timedelta(days=3, hours=5))
    assert closing["C-RESOLVED"] is None
    paths = FORMATS[fmt](data, tmp_path)
    for copy in _empty(tmp_path, catalogs, "copy.sqlite"):
        IMPORTS[how](copy, paths)
        assert _cases(copy) == _cases(source)
        assert data == export_data(copy)  # and its export is the same again


@pytest.mark.parametrize("how", IMPORTS)
def test_importing_the_export_again_changes_nothing(source: Desk, tmp_path: Path, how: str) -> None:
    before = _cases(source)
    IMPORTS[how](source, _json(export_data(source), tmp_path))
    assert _cases(source) == before


@pytest.mark.parametrize("how", IMPORTS)
def test_a_closing_on_a_case_stored_resolved_is_dated_by_the_file(
    source: Desk, catalogs: CatalogRegistry, tmp_path: Path, how: str
) -> None:
    data = export_data(source)
    for copy in _empty(tmp_path, catalogs, "copy.sqlite"):
        resolved = [{**c, "status": "resolved", "closed_at": None} for c in data["cases"] if c["resolved_at"]]
        IMPORTS[how](copy, _json({**data, "cases": resolved}, tmp_path))
        IMPORTS[how](copy, _json(data, tmp_path))
        got, want = _cases(copy), _cases(source)
        assert got["C-LATE"] == want["C-LATE"]
        assert got["C-UNANSWERED"] == want["C-UNANSWERED"]


def _older_csv(data: dict[str, Any], folder: Path) -> list[Path]:
    """The CSV files an export made before ``closed_at`` existed: no such column at all."""
    paths = _csv(data, folder)
    cases = folder / "cases.csv"
    with cases.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with cases.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [f for f in FIELDS["cases"] if f != "closed_at"], lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: v for k, v in row.items() if k != "closed_at"} for row in rows)
    return paths


@pytest.mark.parametrize("how", IMPORTS)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_older_export_without_closing_instants_imports_as_before(
    source: Desk, catalogs: CatalogRegistry, tmp_path: Path, fmt: str, how: str
) -> None:
    data = export_data(source)
    if fmt == "json":
        for case in data["cases"]:
            del case["closed_at"]
    paths = _json(data, tmp_path) if fmt == "json" else _older_csv(data, tmp_path)
    for copy in _empty(tmp_path, catalogs, "copy.sqlite"):
        IMPORTS[how](copy, paths)
        got = _cases(copy)
        # The latest instant the record gives: its resolution, or its response when it has none.
        assert got["C-LATE"]["closed_at"] == T0 + timedelta(hours=2)
        assert got["C-DIRECT"]["closed_at"] == T0 + timedelta(minutes=30)
        assert got["C-RESOLVED"] == _cases(source)["C-RESOLVED"]


CLOSED = format_instant(T0 + timedelta(days=1))
BAD: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], str]] = {
    "before resolution": (
        lambda c: {**c, "resolved_at": format_instant(T0 + timedelta(days=2)), "closed_at": CLOSED},
        "is before resolved_at",
    ),
    "before opening": (lambda c: {**c, "closed_at": format_instant(T0 - timedelta(days=1))}, "is before opened_at"),
    "not closed": (lambda c: {**c, "status": "resolved", "closed_at": CLOSED}, "the case's status is resolved"),
    "not an instant": (lambda c: {**c, "closed_at": "tomorrow"}, "closed_at"),
}


@pytest.mark.parametrize("how", IMPORTS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("bad", BAD)
def test_an_impossible_closing_is_refused_naming_row_and_field(
    source: Desk, catalogs: CatalogRegistry, tmp_path: Path, bad: str, fmt: str, how: str
) -> None:
    data = export_data(source)
    change, reason = BAD[bad]
    position = next(n for n, c in enumerate(data["cases"]) if c["id"] == "C-LATE")
    data["cases"][position] = change(
        {**data["cases"][position], "resolved_at": format_instant(T0 + timedelta(hours=2))}
    )
    paths = FORMATS[fmt](data, tmp_path)
    for copy in _empty(tmp_path, catalogs, "copy.sqlite"):
        with pytest.raises(ImportFailed) as refused:
            IMPORTS[how](copy, paths)
        row = position + 1 if fmt == "json" else position + 2  # CSV: the header is line 1
        text = str(refused.value)
        assert f"row {row}: field closed_at:" in text or f"line {row}: field closed_at:" in text, text
        assert reason in text
        assert _cases(copy) == {}
    before = _cases(source)
    with pytest.raises(ImportFailed):
        IMPORTS[how](source, paths)
    assert _cases(source) == before


@pytest.mark.parametrize("how", IMPORTS)
def test_a_stored_closing_is_never_rewritten(source: Desk, tmp_path: Path, how: str) -> None:
    data = export_data(source)
    position = next(n for n, c in enumerate(data["cases"]) if c["id"] == "C-LATE")
    data["cases"][position]["closed_at"] = format_instant(T0 + timedelta(days=4))
    before = _cases(source)
    with pytest.raises(ImportFailed) as refused:
        IMPORTS[how](source, _json(data, tmp_path))
    assert f"cases row {position + 1}: field closed_at: conflicts with the stored" in str(refused.value)
    assert _cases(source) == before


@pytest.mark.parametrize("how", IMPORTS)
def test_a_closing_before_a_status_the_desk_holds_is_left_out_with_a_warning(
    source: Desk, catalogs: CatalogRegistry, tmp_path: Path, how: str
) -> None:
    data = export_data(source)
    late = next(c for c in data["cases"] if c["id"] == "C-LATE")
    regrade = [{"at": format_instant(T0 + timedelta(days=4)), "severity": "S3", "reason": "calmer"}]
    waiting = {**late, "status": "waiting_customer", "resolved_at": None, "closed_at": None}
    for copy in _empty(tmp_path, catalogs, "copy.sqlite"):
        # Waiting on the customer from the re-grade on (the latest instant that record gives).
        IMPORTS[how](copy, _json({**data, "cases": [{**waiting, "severity_changes": regrade}]}, tmp_path))
        before = _cases(copy)["C-LATE"]
        warnings = IMPORTS[how](
            copy, _json({**data, "cases": [{**late, "resolved_at": None, "severity_changes": regrade}]}, tmp_path)
        )
        assert any("field closed_at:" in w and "not applied" in w for w in warnings), warnings
        assert _cases(copy)["C-LATE"] == before
