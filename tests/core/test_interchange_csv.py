"""Interchange CSV: cells inert in spreadsheets (blanks before a formula too), read back exactly; private exports."""

from __future__ import annotations

import contextlib
import csv
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.cli import main
from desk.clock import FakeClock
from desk.interchange import FIELDS, read_files, write_csv_dir
from desk.services import Desk
from tests.helpers.handover import build_shift

TRIGGERS = ("=", "+", "-", "@")


@contextlib.contextmanager
def plain_open(path: Path) -> Iterator[IO[Any]]:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        yield fh


def customers_only(names: list[str]) -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = {"customers": [], "contracts": [], "cases": [], "quota_uses": []}
    for n, name in enumerate(names):
        record = dict.fromkeys(FIELDS["customers"], "")
        data["customers"].append({**record, "id": f"c{n}", "name": name, "business_goals": name})
    return data


def would_run(cell: str) -> bool:
    """A spreadsheet that trims blanks on import (LibreOffice's option) would evaluate this cell."""
    return cell.lstrip()[:1] in TRIGGERS or cell[:1] in ("\t", "\r")


@pytest.mark.parametrize("text", ["  =1+1", "\t=1", " +1", " -2", "\u3000@SUM(A1)", "\u00a0=1", "\n=1"])
def test_blanks_before_a_formula_are_neutralised(tmp_path: Path, text: str) -> None:
    write_csv_dir(customers_only([text]), tmp_path, plain_open)
    with (tmp_path / "customers.csv").open(encoding="utf-8-sig", newline="") as fh:
        (row,) = csv.DictReader(fh)
    assert row["name"] == "'" + text
    (read,) = read_files([tmp_path]).rows["customers"]
    assert read.values["name"] == text


texts = st.text(st.sampled_from(["=", "+", "-", "@", "'", " ", "\t", "\r", "\n", "\u3000", "a", "1", "客"]), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(texts | st.text(max_size=12), min_size=1, max_size=6))
def test_every_text_round_trips_and_no_cell_would_run(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    write_csv_dir(customers_only(names), folder, plain_open)
    with (folder / "customers.csv").open(encoding="utf-8-sig", newline="") as fh:
        cells = [row["name"] for row in csv.DictReader(fh)]
    assert not any(would_run(cell) for cell in cells)
    read = [row.values["name"] or "" for row in read_files([folder]).rows["customers"]]
    assert read == names


def test_cli_round_trips_hostile_texts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = ["  =1+1", "\t=1", " +1", "'  =1", "''x", "'=", "plain"]
    source = tmp_path / "in"
    source.mkdir()
    write_csv_dir(customers_only(names), source, plain_open)
    db = ["--db", f"sqlite:///{tmp_path / 'd.sqlite'}", "--now", "2026-11-26T02:00:00Z"]
    assert main([*db, "import", str(source)]) == 0
    out = tmp_path / "out"
    assert main([*db, "export", "--format", "csv", "--out", str(out)]) == 0
    capsys.readouterr()
    assert [r.values["name"] for r in read_files([out]).rows["customers"]] == names


def test_csv_export_folder_and_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'd.sqlite'}", "--now", "2026-11-26T02:00:00Z"]
    assert main([*db, "init"]) == 0
    out = tmp_path / "new" / "exports"
    old = os.umask(0)
    try:
        assert main([*db, "export", "--format", "csv", "--out", str(out)]) == 0
    finally:
        os.umask(old)
    for folder in (out, out.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_handover_export_folder_is_private_whatever_the_umask(
    seeded: Desk, clock: FakeClock, db_path: Path, tmp_path: Path
) -> None:
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    out = tmp_path / "reports" / "today" / "r.csv"
    old = os.umask(0)
    try:
        assert (
            main(
                [
                    "--db",
                    f"sqlite:///{db_path}",
                    "handover",
                    "export",
                    str(report.id),
                    "--format",
                    "csv",
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
    finally:
        os.umask(old)
    assert [stat.S_IMODE(p.stat().st_mode) for p in (out.parent.parent, out.parent, out)] == [0o700, 0o700, 0o600]
