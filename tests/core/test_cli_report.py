"""``desk report``: the reviews exported headless, with the handover exports' escaping and inertness rules."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from desk.clock import FakeClock
from desk.services import Desk
from tests.helpers import T0
from tests.helpers.handover import FORMULA, XSS, Collector, run

WEEK = ("--from", "2026-11-23", "--to", "2026-11-29")
LATER = "2026-12-05T09:00:00+08:00"


@pytest.fixture
def worked(seeded: Desk, clock: FakeClock) -> Desk:
    """Two cases a hostile agent name handles: one answered in time, one 5 min late (S1 on L4: 12 min)."""
    clock.set(T0)
    (met,) = seeded.open_case("cust-L4", "fine", "S1", "ticket", ref="C-MET", assignee=XSS).cases
    (late,) = seeded.open_case("cust-L4", "late", "S1", "ticket", ref="C-LATE", assignee=FORMULA).cases
    clock.set(T0 + timedelta(minutes=5))
    seeded.record_response(met)
    clock.set(T0 + timedelta(minutes=17))
    seeded.record_response(late)
    return seeded


def test_json_carries_the_exact_figures(
    worked: Desk, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sla.json"
    code, printed, err = run(
        capsys,
        db_path,
        "report",
        "sla",
        *WEEK,
        "--by",
        "agent",
        "--cases",
        "--format",
        "json",
        "--out",
        str(out),
        now=LATER,
    )
    assert code == 0, err
    assert printed.strip() == str(out)
    data = json.loads(out.read_text("utf-8"))
    table = next(t for t in data["tables"] if t["key"] == "sla")
    rows = {(r[0], r[1]): dict(zip(table["columns"], r, strict=True)) for r in table["rows"]}
    overall = rows[("overall", "")]
    assert (overall["met"], overall["missed"], overall["met_rate"], overall["worst_late_s"]) == (1, 1, 0.5, 300)
    assert rows[("agent", FORMULA)]["missed"] == 1 and rows[("agent", XSS)]["met"] == 1
    cases = next(t for t in data["tables"] if t["key"] == "cases")
    assert sorted(r[0] for r in cases["rows"]) == ["C-LATE", "C-MET"]
    # Without --cases, the figures alone: the cases behind them are not read.
    code, _, err = run(capsys, db_path, "report", "sla", *WEEK, "--format", "json", "--out", str(out), now=LATER)
    assert code == 0, err
    data = json.loads(out.read_text("utf-8"))
    assert next(t for t in data["tables"] if t["key"] == "cases")["rows"] == []
    assert next(t for t in data["tables"] if t["key"] == "sla")["rows"][0][2:4] == [1, 1]
    assert data["period"] == {"from": "2026-11-23", "to": "2026-11-29", "zone": "Asia/Shanghai"}
    assert data["as_of"] == "2026-11-29T16:00:00Z"


def test_csv_is_inert_and_numbers_stay_numbers(
    worked: Desk, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sla.csv"
    code, _, err = run(
        capsys,
        db_path,
        "report",
        "sla",
        *WEEK,
        "--by",
        "agent",
        "--cases",
        "--format",
        "csv",
        "--out",
        str(out),
        now=LATER,
    )
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheet tools read the text as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = rows[0]
    agent_rows = [r for r in rows if r[header.index("breakdown")] == "agent"]
    assert {r[header.index("group")] for r in agent_rows} == {XSS, "'" + FORMULA}
    late = next(r for r in rows if r[header.index("ref")] == "C-LATE")
    assert (late[header.index("late_s")], late[header.index("late")]) == ("300", "5 min")
    assert not any(
        cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row if not cell.lstrip("-").isdigit()
    )


def test_html_escapes_and_runs_nothing(
    worked: Desk, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sla.html"
    code, _, err = run(
        capsys,
        db_path,
        "report",
        "sla",
        *WEEK,
        "--by",
        "agent",
        "--cases",
        "--format",
        "html",
        "--out",
        str(out),
        now=LATER,
    )
    assert code == 0, err
    page = out.read_text("utf-8")
    parsed = Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert XSS in "".join(parsed.text)  # shown as text
    assert "default-src 'none'" in page
    assert page.count("<svg") == 2 and "met 已达成" in page


@pytest.mark.parametrize("report", ["quota", "handovers"])
def test_other_reviews_export(
    worked: Desk, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], report: str
) -> None:
    for fmt in ("json", "csv", "html"):
        out = tmp_path / f"{report}.{fmt}"
        code, _, err = run(capsys, db_path, "report", report, *WEEK, "--format", fmt, "--out", str(out), now=LATER)
        assert code == 0, err
        assert out.stat().st_size > 0


def test_pdf_needs_the_window_package(
    worked: Desk, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sla.pdf"
    code, _, err = run(capsys, db_path, "report", "sla", *WEEK, "--format", "pdf", "--out", str(out), now=LATER)
    assert code == 1 and "needs the window's package" in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-11-30", "--to", "2026-11-01"), "ends (2026-11-01) before it starts"),
        (("--from", "yesterday", "--to", "2026-11-01"), "'yesterday' is not a date"),
        (("--from", "2026-11-01", "--to", "2026-11-30", "--by", "mood"), "mood: choose from"),
        (("--from", "2026-11-01", "--to", "2026-11-30", "--zone", "Mars/Olympus"), "not a time zone"),
    ],
)
def test_bad_input_is_named(
    worked: Desk, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "x.json"
    code, _, err = run(capsys, db_path, "report", "sla", *args, "--format", "json", "--out", str(out), now=LATER)
    assert code != 0 and message in err
    assert not out.exists()


def test_handover_csv_says_early_and_late_in_words(
    seeded: Desk, clock: FakeClock, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.handover import SHIFT_END, build_shift

    built = build_shift(seeded, clock)
    clock.set(SHIFT_END - timedelta(minutes=10))
    report = built.handover.generate(built.shift.id)
    clock.set(SHIFT_END - timedelta(minutes=3))
    built.handover.sign(report.id, "alice")  # 3 min before the shift ended
    clock.set(SHIFT_END + timedelta(hours=1, minutes=57))
    built.handover.acknowledge(report.id, "bob")  # 2 h after the signature
    out = tmp_path / "h.csv"
    code, _, err = run(capsys, db_path, "report", "handovers", *WEEK, "--format", "csv", "--out", str(out), now=LATER)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    shift = next(r for r in rows if r["table"] == "shift_list")
    assert (shift["sign_delay_s"], shift["sign_delay"]) == ("-180", "3 min early")
    assert (shift["ack_delay_s"], shift["ack_delay"], shift["state"]) == ("7200", "2 h", "acknowledged")
    agent = next(r for r in rows if r["table"] == "handovers" and r["breakdown"] == "agent")
    assert (agent["agent"], agent["shifts"], agent["signed"], agent["acknowledged"]) == ("alice", "1", "1", "1")
