"""Headless commands stream: the same bytes as a whole-list dump, a progress line only on a terminal."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.cli import main
from desk.cli_sla import deadline_order, in_deadline_order, sort_text
from desk.clock import FakeClock, parse_instant
from desk.demo import generate
from desk.interchange import export_data
from desk.jsonout import indented
from desk.progress import Progress
from desk.queries import CaseSlaRow, iter_case_sla, sla_json, sla_json_text
from desk.read import cases_at
from desk.services import Desk
from desk.store.engine import open_store
from desk.vocabulary import CaseStatus

NOW = "2026-11-26T08:00:00Z"

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(value=JSON_VALUES, depth=st.integers(min_value=0, max_value=3))
def test_indented_json_is_what_json_dumps_writes(value: Any, depth: int) -> None:
    pad = "  " * depth
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
    assert indented(value, pad) == expected


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A small demo database (900 cases, 120 open: 20 days back every status has cases), and the CLI arguments
    that read it."""
    path = tmp_path_factory.mktemp("stream") / "demo.sqlite"
    clock = FakeClock(parse_instant(NOW))
    store = open_store(f"sqlite:///{path}", clock=clock, daily_backup=False)
    generate(Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock), 900, 120, seed=5)
    store.close()
    return ["--db", f"sqlite:///{path}", "--now", NOW, "--read-only"]


@pytest.fixture
def reader(demo: list[str]) -> Any:
    clock = FakeClock(parse_instant(NOW))
    store = open_store(demo[1], clock=clock, read_only=True)
    yield Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock)
    store.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # no progress line when stderr is not a terminal
    return captured.out


def test_export_json_is_the_whole_dump_byte_for_byte(
    demo: list[str], reader: Desk, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    expected = json.dumps(export_data(reader), ensure_ascii=False, indent=2) + "\n"
    assert len(json.loads(expected)["cases"]) == 900
    assert run(capsys, *demo, "export") == expected
    run(capsys, *demo, "export", "--out", str(tmp_path / "out.json"))
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == expected


def test_export_of_an_empty_database_is_the_empty_arrays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", f"sqlite:///{tmp_path / 'empty.sqlite'}"]
    assert main([*args, "init"]) == 0
    out = run(capsys, *args, "export")
    assert out == json.dumps({"customers": [], "contracts": [], "cases": [], "quota_uses": []}, indent=2) + "\n"


def test_export_csv_reads_back_as_the_json_records(
    demo: list[str], reader: Desk, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv

    run(capsys, *demo, "export", "--format", "csv", "--out", str(tmp_path / "csv"))
    data = export_data(reader)
    with open(tmp_path / "csv" / "cases.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == [c["id"] for c in data["cases"]]
    assert [json.loads(r["severity_changes"] or "[]") for r in rows] == [c["severity_changes"] for c in data["cases"]]


def test_sla_json_parses_in_deadline_order_as_the_sorted_list(
    demo: list[str], reader: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    at = parse_instant(NOW)
    ordered = sorted(iter_case_sla(reader, at), key=deadline_order)
    expected = json.dumps([sla_json(r) for r in ordered], ensure_ascii=False, indent=2, default=str) + "\n"
    out = run(capsys, *demo, "sla", "--json")
    assert out == expected
    assert [r["case_id"] for r in json.loads(out)] == [r.ref for r in ordered]
    assert len(ordered) >= 100


@pytest.mark.parametrize("hours_before", [0, 3, 30, 24 * 20])
@pytest.mark.parametrize("include_closed", [False, True])
def test_sla_listing_is_what_the_engine_gives_for_each_case_as_it_stood(
    reader: Desk, hours_before: int, include_closed: bool
) -> None:
    """The listing's plain-column read gives each case's row as the read side's ``cases_at`` and the SLA engine
    do, at instants where some cases were not yet opened, responded to, re-graded or closed."""
    at = parse_instant(NOW) - timedelta(hours=hours_before)
    expected = []
    for case in cases_at(reader, at):
        if case.status == CaseStatus.CLOSED and not include_closed:
            continue
        expected.append(
            CaseSlaRow(
                case.case.id, case.case.ref, case.case.customer.ref, case.case.customer.name, case.tier,
                case.severity, case.status, case.sla,
            )
        )  # fmt: skip
    listed = list(iter_case_sla(reader, at, include_closed=include_closed, batch=70))
    assert listed == expected
    assert len({row.status for row in listed}) >= (4 if include_closed else 3)


@pytest.mark.parametrize("hours_before", [0, 30, 24 * 20])
def test_sla_json_text_is_what_json_dumps_writes_of_each_row(reader: Desk, hours_before: int) -> None:
    """Each record, whatever its clocks' states (pending, paused, met, missed, no target: nulls and all), is the
    indented JSON of ``sla_json`` as an item of the top-level list."""
    at = parse_instant(NOW) - timedelta(hours=hours_before)
    rows = list(iter_case_sla(reader, at, include_closed=True))
    for row in rows:
        expected = json.dumps(sla_json(row), ensure_ascii=False, indent=2, default=str).replace("\n", "\n  ")
        assert sla_json_text(row) == expected
    states = {clock.state for row in rows for clock in row.sla.clocks}
    assert len(states) >= (4 if hours_before else 6)


def test_sla_sort_text_orders_as_the_tuple_key(reader: Desk) -> None:
    rows = list(iter_case_sla(reader, parse_instant(NOW)))
    assert sorted(rows, key=sort_text) == sorted(rows, key=deadline_order)
    assert list(in_deadline_order(rows, lambda r: r.ref)) == [r.ref for r in sorted(rows, key=deadline_order)]


def test_sla_of_nothing_is_an_empty_list(demo: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *demo, "sla", "--json", "--at", "2000-01-01T00:00:00Z") == "[]\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_and_cleared_at_the_end() -> None:
    screen = Terminal()
    progress = Progress("records", 2048, stream=screen)
    progress.stage("records", 2048)
    for _ in range(2048):
        progress.step()
    progress.close()
    text = screen.getvalue()
    assert "records: 0/2,048" in text
    assert text.endswith("\r\x1b[K")


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress("records", 10, stream=stream)
    progress.stage("checking")
    for _ in range(1024):
        progress.step()
    progress.close()
    assert stream.getvalue() == ""
