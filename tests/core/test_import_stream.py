"""The streamed import writes what the whole-batch merge writes, refuses as it does, and reads any file in chunks."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.cli import main
from desk.clock import FakeClock, parse_instant
from desk.demo import generate
from desk.interchange import ImportFailed, export_data, import_batch, read_files
from desk.interchange.merging_stream import import_streamed
from desk.interchange.streaming import NotStreamable, stream_rows
from desk.services import Desk
from desk.store.engine import StoreError, open_store

MADE = "2026-11-20T08:00:00Z"
NOW = "2026-11-26T08:00:00Z"
CATALOGS = CatalogRegistry.load_dir(default_catalog_dir())


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desk.interchange.merging_stream.BATCH_ROWS", 50)  # many batches from a few hundred rows


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A demo's export (re-grades, responses, waits, resolutions, closures), with cases no contract covers."""
    path = tmp_path_factory.mktemp("source") / "demo.sqlite"
    clock = FakeClock(parse_instant(MADE))
    store = open_store(f"sqlite:///{path}", clock=clock, daily_backup=False)
    desk = Desk(store, CATALOGS, clock)
    generate(desk, 400, 80, seed=11)
    data = export_data(desk)
    store.close()
    customer = data["customers"][0]["id"]
    for n, status in enumerate(("closed", "waiting_customer", "resolved", "new")):
        data["cases"].append(
            {
                "id": f"OLD-{n}",
                "customer_id": customer,
                "title": f"before any contract {n}",
                "severity": "S2",
                "channel": "ticket",
                "opened_at": f"2020-01-0{n + 1}T10:00:00+08:00",
                "status": status,
                "severity_changes": [
                    {"at": "2020-01-09T10:00:00Z", "severity": "S1", "reason": "later"},
                    {"at": "2020-01-08T10:00:00Z", "severity": "S3", "reason": "first"},
                ],
            }
        )
    return data


def _desk(path: Path) -> Iterator[Desk]:
    clock = FakeClock(parse_instant(NOW))
    store = open_store(f"sqlite:///{path}", clock=clock, daily_backup=False)
    try:
        yield Desk(store, CATALOGS, clock)
    finally:
        store.close()


def _write(tmp_path: Path, data: dict[str, Any], name: str = "data.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


CASE_ROWS = """
    SELECT c.ref, cu.ref, k.ref, c.title, c.description, c.product, c.third_party, c.opening_severity, c.severity,
           c.channel, c.status, c.assignee, c.opened_at, c.first_response_at, c.resolved_at, c.closed_at, c.due_at,
           c.due_clock, c.due_target_s, c.due_left_s, c.due_rev, c.sla_since, c.sla_outcomes, c.sla_rev,
           c.created_at, c.updated_at
    FROM cases c JOIN customers cu ON cu.id = c.customer_id LEFT JOIN contracts k ON k.id = c.contract_id
    ORDER BY c.ref
"""
EVENT_ROWS = """
    SELECT c.ref, e.seq, e.at, e.actor, e.kind, e.field, e.old, e.new, e.reason, e.created_at, e.updated_at, e.version
    FROM case_events e JOIN cases c ON c.id = e.case_id ORDER BY c.ref, e.seq
"""


# Not the case's version: a row written once is at version 1, where the merge's one flush per event counts more.


def _rows(path: Path) -> tuple[list[Any], list[Any]]:
    with sqlite3.connect(path) as db:
        return db.execute(CASE_ROWS).fetchall(), db.execute(EVENT_ROWS).fetchall()


def test_streamed_import_writes_what_the_merge_writes(exported: dict[str, Any], tmp_path: Path) -> None:
    source = _write(tmp_path, exported)
    for desk in _desk(tmp_path / "merged.sqlite"):
        import_batch(desk, read_files([source]))
    for desk in _desk(tmp_path / "streamed.sqlite"):  # empty: loaded beside, then renamed into place
        done = import_streamed(desk, [source])
        assert done.cases == len(exported["cases"])
    assert not (tmp_path / "streamed.sqlite.load-partial").exists()
    for desk in _desk(tmp_path / "into-data.sqlite"):  # not empty: merged in batches into the store itself
        import_batch(desk, read_files([_write(tmp_path, {"customers": exported["customers"][:3]}, "few.json")]))
        import_streamed(desk, [source])
    merged = _rows(tmp_path / "merged.sqlite")
    assert len(merged[0]) == len(exported["cases"]) and len(merged[1]) > 2 * len(merged[0])
    assert _rows(tmp_path / "streamed.sqlite") == merged
    assert _rows(tmp_path / "into-data.sqlite") == merged
    for path in ("merged", "streamed", "into-data"):
        assert main(["--db", f"sqlite:///{tmp_path / path}.sqlite", "--now", NOW, "--read-only", "check"]) == 0


def test_importing_the_same_file_again_changes_nothing(exported: dict[str, Any], tmp_path: Path) -> None:
    source = _write(tmp_path, exported)
    for desk in _desk(tmp_path / "db.sqlite"):
        import_streamed(desk, [source])
        before = export_data(desk), _rows(tmp_path / "db.sqlite")
        again = import_streamed(desk, [source])
        assert (again.customers, again.cases, again.quota_uses) == (0, 0, 0)
        assert (export_data(desk), _rows(tmp_path / "db.sqlite")) == before


def test_one_bad_row_in_a_late_batch_and_nothing_is_written(exported: dict[str, Any], tmp_path: Path) -> None:
    data = json.loads(json.dumps(exported))
    data["cases"][349]["opened_at"] = "2026-11-26T09:00:00"  # no offset
    data["cases"][300]["id"] = data["cases"][2]["id"]  # the same id as a row six batches before
    source = _write(tmp_path, data)
    for desk in _desk(tmp_path / "empty.sqlite"):
        with pytest.raises(ImportFailed) as refused:
            import_streamed(desk, [source])
        assert export_data(desk) == export_data(desk) and export_data(desk)["customers"] == []
    problems = "\n".join(refused.value.problems)
    assert f"{source}: cases row 350: field opened_at: " in problems and "no UTC offset" in problems
    assert (
        f"{source}: cases row 301: field id: duplicate id {data['cases'][2]['id']!r} (also {source}: cases row 3)"
        in (problems)
    )
    assert not (tmp_path / "empty.sqlite.load-partial").exists()
    for desk in _desk(tmp_path / "full.sqlite"):
        import_streamed(desk, [_write(tmp_path, exported, "good.json")])
        before = export_data(desk)
        with pytest.raises(ImportFailed):
            import_streamed(desk, [source])
        assert export_data(desk) == before


def test_csv_files_stream_as_the_json_does(exported: dict[str, Any], tmp_path: Path) -> None:
    for desk in _desk(tmp_path / "json.sqlite"):
        import_streamed(desk, [_write(tmp_path, exported)])
        assert (
            main(
                [
                    "--db",
                    f"sqlite:///{tmp_path / 'json.sqlite'}",
                    "export",
                    "--format",
                    "csv",
                    "--out",
                    str(tmp_path / "csv"),
                ]
            )
            == 0
        )
    for desk in _desk(tmp_path / "csv.sqlite"):
        import_streamed(desk, [tmp_path / "csv"])
    assert _rows(tmp_path / "csv.sqlite")[1] == _rows(tmp_path / "json.sqlite")[1]


def test_arrays_out_of_merge_order_are_read_whole(exported: dict[str, Any], tmp_path: Path) -> None:
    reordered = {"cases": exported["cases"][:5], "customers": exported["customers"]}
    source = _write(tmp_path, reordered)
    with pytest.raises(NotStreamable):
        list(stream_rows([source]))
    db = ["--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "--now", NOW]
    assert main([*db, "import", str(source)]) == 0
    for desk in _desk(tmp_path / "db.sqlite"):
        assert len(export_data(desk)["cases"]) == 5


DOC = {
    "customers": [{"id": "A", "name": '阿尔法 \u2028 "quoted"', "business_goals": "x" * 40}],
    "contracts": [],
    "cases": [{"id": str(n), "n": n, "f": 1.5e3, "t": True, "z": None, "s": "中" * n} for n in range(30)],
}


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
def test_json_read_in_any_chunks_gives_the_rows_json_loads_gives(tmp_path: Path, chunk: int) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(DOC, ensure_ascii=False, indent=2).encode())
    rows = [(name, row.source, row.values) for name, row in stream_rows([path], chunk=chunk)]
    whole = read_files([path]).rows
    assert rows == [(name, row.source, row.values) for name in whole for row in whole[name]]


def _problems(paths: list[Path], chunk: int | None = None) -> list[str]:
    try:
        if chunk is None:
            read_files(paths)
        else:
            list(stream_rows(paths, chunk=chunk))
    except ImportFailed as exc:
        return exc.problems
    return []


@pytest.mark.parametrize("chunk", [3, 1 << 20])
def test_broken_json_is_named_as_the_whole_file_reader_names_it(tmp_path: Path, chunk: int) -> None:
    text = json.dumps(DOC, ensure_ascii=False, indent=2)
    broken = [text[:cut] for cut in range(0, len(text), 37)]
    broken += [
        text.replace("},", "}", 1),
        text.replace(":", "", 1),
        text + "x",
        "[1, 2]",
        "nul",
        text.replace('"s"', "s", 1),
    ]
    for n, variant in enumerate(broken):
        path = tmp_path / f"broken-{n}.json"
        path.write_text(variant, encoding="utf-8")
        assert _problems([path], chunk) == _problems([path]), variant
    bad_bytes = tmp_path / "bytes.json"
    bad_bytes.write_bytes(text.encode()[:500] + b"\xff" + text.encode()[500:])
    assert _problems([bad_bytes], chunk) == _problems([bad_bytes])


def test_a_store_opened_read_only_refuses_the_import_and_the_demo(exported: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    for _ in _desk(path):
        pass  # created and migrated
    clock = FakeClock(parse_instant(NOW))
    store = open_store(f"sqlite:///{path}", clock=clock, read_only=True)
    try:
        desk = Desk(store, CATALOGS, clock)
        with pytest.raises(StoreError, match="read-only"):
            import_streamed(desk, [_write(tmp_path, exported)])
        with pytest.raises(StoreError, match="read-only"):
            generate(desk, 50, 5, seed=1)
    finally:
        store.close()
    for desk in _desk(path):
        assert export_data(desk)["customers"] == []
