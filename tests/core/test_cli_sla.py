"""`desk sla`: cases by deadline (no target last), every clock on demand, durations and instants to the second."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desk.catalog import CatalogRegistry
from desk.cli import main
from tests.core.test_cli import interchange

AT = "2026-11-26T01:05:00Z"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    args = ["--db", f"sqlite:///{tmp_path / 'cli.sqlite'}", "--now", "2026-11-26T02:00:00Z"]
    data = tmp_path / "data.json"
    data.write_text(json.dumps(interchange(), ensure_ascii=False), encoding="utf-8")
    assert main([*args, "import", str(data)]) == 0
    capsys.readouterr()
    return args


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def columns(line: str) -> list[str]:
    """A text row's cells: columns are two spaces apart, words within a cell one."""
    return re.split(r"\s{2,}", line.strip())


def test_text_lists_soonest_deadline_first_and_no_target_last(
    db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    lines = run(capsys, *db, "sla", "--at", AT).splitlines()[1:]
    rows = [columns(line) for line in lines]
    refs = [r[0] for r in rows]
    deadlines = [r[-1] for r in rows]
    running = [d for r, d in zip(rows, deadlines, strict=True) if r[3] in ("on track", "at risk", "breached")]
    assert running == sorted(running) and len(running) >= 15
    # Cases opened at 09:00 Shanghai: the S1 cases' 12 minutes run out first, the L1 cases (no target) come last.
    assert set(refs[:2]) == {"L3-S1", "L4-S1"}
    no_target = [i for i, r in enumerate(rows) if r[3] == "no target"]
    assert [refs[i] for i in no_target] == [f"L1-S{n}" for n in range(1, 6)]
    assert no_target == list(range(len(rows) - 5, len(rows)))


def test_json_is_in_the_same_order(db: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    text = [line.split()[0] for line in run(capsys, *db, "sla", "--at", AT).splitlines()[1:]]
    rows = json.loads(run(capsys, *db, "sla", "--at", AT, "--json"))
    assert [r["case_id"] for r in rows] == text


def test_clocks_shows_every_clock_with_internal_ones_marked(
    db: list[str], capsys: pytest.CaptureFixture[str], catalogs: CatalogRegistry
) -> None:
    out = run(capsys, *db, "sla", "--at", AT, "--clocks")
    clocks = catalogs.latest.clocks
    assert any(c.contractual for c in clocks) and any(not c.contractual for c in clocks)
    block = out.split("\nL4-S2 ")[1].split("\n\n")[0].splitlines()[1:]
    assert len(block) == len(clocks)
    for clock, line in zip(clocks, block, strict=True):
        assert columns(line)[0] == clock.label.en
        assert ("internal" in line) == (not clock.contractual), line
    first = next(line for line in block if columns(line)[0] == clocks[0].label.en)
    # The target and what is left, as durations nobody reads as a time of day.
    assert "target 40 min" in first and " 35 min " in first and not re.search(r"\d:\d\d(?!:)", first.split("Z")[-1])
    rows = json.loads(run(capsys, *db, "sla", "--at", AT, "--json", "--clocks"))
    l4 = next(r for r in rows if r["case_id"] == "L4-S2")
    assert [(c["name"], c["contractual"]) for c in l4["clocks"]] == [(c.name, c.contractual) for c in clocks]


def test_no_microseconds_in_text_or_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'us.sqlite'}"]
    data = tmp_path / "data.json"
    data.write_text(json.dumps(interchange(), ensure_ascii=False), encoding="utf-8")
    assert main([*db, "--now", "2026-11-26T02:00:00Z", "import", str(data)]) == 0
    opened = [*db, "--now", "2026-11-26T02:00:00.654321Z"]
    assert main([*opened, "case", "open", "C-L4", "slow disks", "--severity", "S2", "--id", "US"]) == 0
    at = ["--at", "2026-11-26T02:07:30.250000Z"]
    for extra in ([], ["--clocks"]):
        out = run(capsys, *db, "sla", *at, *extra)
        assert "US " in out
        assert not re.search(r"\d\.\d{1,6}\b", out), out
    row = next(r for r in json.loads(run(capsys, *db, "sla", *at, "--json")) if r["case_id"] == "US")
    for clock in row["clocks"]:
        for key in ("remaining_s", "target_s", "paused_s"):
            assert clock[key] is None or isinstance(clock[key], int)
    assert row["remaining_s"] == 40 * 60 - 450  # 32:30.4 left, counted down to whole seconds


def test_text_is_words_with_its_time_zone_and_json_keeps_codes(
    db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, *db, "sla", "--at", AT, "--clocks", "--all")
    assert "deadline (UTC)" in out.splitlines()[0]
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", out) == []  # no on_track, first_response, next_update...
    assert "on track" in out and "Next update (internal)" in out
    rows = json.loads(run(capsys, *db, "sla", "--at", AT, "--json", "--clocks"))
    assert {"on_track", "no_target"} <= {r["state"] for r in rows}
    assert "first_response" in {c["name"] for r in rows for c in r["clocks"]}
