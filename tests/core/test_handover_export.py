"""Handover exports (Markdown, HTML, CSV, JSON) and the `desk handover` commands. PDF: tests/ui."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sqlite3
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desk.clock import FakeClock
from desk.demo import generate
from desk.handover import Handover, StoredReport
from desk.report_render import LABELS, NoRenderer, export_report, neutralise
from desk.services import Desk
from desk.sla import format_duration
from tests.helpers.handover import CHINESE, FORMULA, SHIFT_END, XSS, Collector, build_shift, run


def test_html_is_self_contained_and_inert(stored: StoredReport, tmp_path: Path) -> None:
    out = export_report(stored, "html", tmp_path / "r.html")
    page = out.read_text("utf-8")
    parser = Collector()
    parser.feed(page)
    text = "".join(parser.text)
    assert "script" not in parser.tags and "a" not in parser.tags and "img" not in parser.tags
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert not any(name in ("src", "href") for name, _ in parser.attrs)
    assert XSS in text and FORMULA in text and CHINESE in text
    assert "svg" in parser.tags and parser.tags.count("rect") >= 6  # the chart, inline
    assert "default-src 'none'" in page
    assert stored.summary.sha256 in text and "alice" in text


def test_markdown_reads_back(stored: StoredReport, tmp_path: Path) -> None:
    text = export_report(stored, "md", tmp_path / "r.md").read_text("utf-8")
    assert text.startswith("# Shift handover")
    assert r"\<script\>alert(1)\</script\>" in text and "<script>" not in text
    assert CHINESE in text
    assert "2026-11-26 09:00 – 17:00 (Asia/Shanghai, UTC+8)" in text
    table = [line for line in text.splitlines() if line.startswith("| \u2068C-")]
    assert len(table) == 5 and all(line.count(" | ") == 12 for line in table)  # one row per case, no stray |


def test_csv_one_row_per_case_neutralised(stored: StoredReport, tmp_path: Path) -> None:
    out = export_report(stored, "csv", tmp_path / "r.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # utf-8-sig
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["ref"] for r in rows] == [r["ref"] for r in stored.data["open_cases"]]
    by_ref = {r["ref"]: r for r in rows}
    assert by_ref["C-FORMULA"]["title"] == "'" + FORMULA
    assert by_ref["C-XSS"]["title"] == XSS
    assert by_ref["C-CHINESE"]["title"] == CHINESE
    assert by_ref["C-CHINESE"]["note"] == XSS
    assert int(by_ref["C-XSS"]["remaining_s"]) < 0
    assert by_ref["C-XSS"]["remaining"].endswith(" overdue")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")) or value.lstrip("-").isdigit()
    # Text cells quoted, numeric cells bare (a spreadsheet reads them as numbers).
    line = next(line for line in raw.decode("utf-8-sig").splitlines() if line.startswith('"C-XSS"'))
    remaining = stored.data["open_cases"][0]["remaining_s"]
    assert f",{remaining}," in line


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1", "  =1+1", " +1", "\u3000@x"])
def test_neutralise_formula_starts(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("plain " + text) == "plain " + text


def test_json_is_the_snapshot_itself(stored: StoredReport, tmp_path: Path) -> None:
    raw = export_report(stored, "json", tmp_path / "r.json").read_bytes()
    assert raw == stored.snapshot.encode("utf-8")
    assert hashlib.sha256(raw).hexdigest() == stored.summary.sha256
    assert json.loads(raw)["open_cases"][0]["title"] == XSS
    assert CHINESE in raw.decode("utf-8")


def test_interrupted_export_leaves_the_old_file_and_no_partial(
    stored: StoredReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "r.html"
    out.write_text("previous export")

    def power_cut(*_: object) -> None:
        raise OSError("interrupted while writing")

    monkeypatch.setattr("desk.atomic.os.fsync", power_cut)  # the bytes are written, not yet in place
    with pytest.raises(OSError):
        export_report(stored, "html", out)
    assert out.read_text() == "previous export"
    assert [p.name for p in folder.iterdir()] == ["r.html"]


# ---------------------------------------------------------------- the CLI


def test_pdf_without_a_renderer_handed_in_says_what_is_missing(
    stored: StoredReport, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The core renders PDF only with the renderer its composition root hands in (the window's, Qt).
    with pytest.raises(NoRenderer) as raised:
        export_report(stored, "pdf", tmp_path / "r.pdf")
    assert raised.value.code == "no_renderer" and raised.value.params == {"fmt": "pdf"}
    out = tmp_path / "cli.pdf"
    code, _, err = run(
        capsys, db_path, "handover", "export", str(stored.summary.id), "--format", "pdf", "--out", str(out)
    )
    assert code == 1 and "needs the window's package" in err
    assert not out.exists()
    code, _, _ = run(
        capsys, db_path, "handover", "export", str(stored.summary.id), "--format", "html", "--out", str(out)
    )
    assert code == 0  # every other format needs nothing more


def test_a_renderer_handed_in_renders_its_format(stored: StoredReport, tmp_path: Path) -> None:
    seen: list[str] = []

    def fake_pdf(data: Mapping[str, Any], meta: Mapping[str, Any]) -> bytes:
        seen.append(meta["id"])
        return b"%PDF-fake"

    out = export_report(stored, "pdf", tmp_path / "r.pdf", renderers={"pdf": fake_pdf})
    assert out.read_bytes() == b"%PDF-fake" and seen == [str(stored.summary.id)]


def test_cli_create_sign_ack_export_list_verify(
    seeded: Desk, clock: FakeClock, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_shift(seeded, clock, entries=False)
    window = ["--from", "2026-11-26T09:00:00+08:00", "--to", "2026-11-26T17:00:00+08:00"]
    # erin hands over the cases the tester worked during her shift (by default only her own).
    people = ["--outgoing", "erin", "--incoming", "frank", "--agents", "tester"]
    code, out, _ = run(capsys, db_path, "handover", "create", *window, *people)
    assert code == 0
    report_id = out.strip()
    assert len(report_id) == 36

    code, _, err = run(capsys, db_path, "--as", "erin", "handover", "sign", report_id, "--as", "mallory")
    assert code == 2 and "only the outgoing agent" in err  # the subcommand's --as wins over the global one
    code, out, _ = run(capsys, db_path, "handover", "sign", report_id[:8], "--as", "erin")
    assert code == 0 and "signed by erin at 2026-11-26T09:05:00Z" in out
    code, out, _ = run(
        capsys, db_path, "--as", "frank", "handover", "ack", report_id, now="2026-11-26T17:06:01.123456+08:00"
    )
    assert code == 0 and "acknowledged by frank at 2026-11-26T09:06:01Z" in out  # to the second, for a person

    for fmt in ("md", "html", "csv", "json"):
        code, out, _ = run(
            capsys, db_path, "handover", "export", report_id, "--format", fmt, "--out", str(tmp_path / f"r.{fmt}")
        )
        assert code == 0 and (tmp_path / f"r.{fmt}").exists()
    assert CHINESE in (tmp_path / "r.md").read_text("utf-8")

    code, out, _ = run(capsys, db_path, "handover", "list", "--json")
    listed = json.loads(out)
    assert [(r["id"], r["signed_by"], r["acknowledged_by"]) for r in listed] == [(report_id, "erin", "frank")]
    code, out, _ = run(capsys, db_path, "handover", "list", "--unsigned")
    assert report_id not in out
    code, out, _ = run(capsys, db_path, "handover", "verify", report_id)
    assert code == 0 and out.startswith("intact")

    # Editing the signed handover is refused from the CLI too.
    code, _, err = run(capsys, db_path, "handover", "entry", report_id, "C-XSS", "--owner", "someone")
    assert code == 2 and "signed" in err
    code, _, err = run(capsys, db_path, "handover", "create", *window, "--outgoing", "erin")
    assert code == 2 and "--correction" in err
    # A window that merely overlaps the signed one is the same shift: no second, unlinked revision 1.
    later = ["--from", "2026-11-26T09:00:00+08:00", "--to", "2026-11-26T17:00:01+08:00"]
    code, _, err = run(capsys, db_path, "handover", "create", *later, "--outgoing", "erin")
    assert code == 2 and "--correction" in err
    code, _, _ = run(capsys, db_path, "handover", "sign", report_id, "--as", "erin")
    assert code == 2
    code, out, _ = run(
        capsys, db_path, "handover", "create", *window, "--outgoing", "erin", "--correction", "typo", "--json"
    )
    assert code == 0
    corrected = json.loads(out)
    assert (corrected["revision"], corrected["previous_id"], corrected["correction_reason"]) == (2, report_id, "typo")
    assert any(p["code"] == "s1_not_briefed" for p in corrected["readiness"])


def test_a_stale_edit_exits_the_same_from_case_and_handover_commands(
    seeded: Desk, clock: FakeClock, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_shift(seeded, clock, entries=False)
    window = ["--from", "2026-11-26T09:00:00+08:00", "--to", "2026-11-26T17:00:00+08:00"]
    code, out, _ = run(capsys, db_path, "handover", "create", *window, "--outgoing", "erin", "--agents", "tester")
    assert code == 0
    report_id = out.strip()
    assert run(capsys, db_path, "handover", "entry", report_id, "C-XSS", "--owner", "erin")[0] == 0
    before = db_path.read_bytes()

    code_case, _, err_case = run(capsys, db_path, "case", "respond", "C-XSS", "--expect-version", "99")
    code_entry, _, err_entry = run(
        capsys, db_path, "handover", "entry", report_id, "C-XSS", "--owner", "frank", "--expect-version", "99"
    )
    assert code_case == code_entry == 1  # a conflict, not bad input: reload and try again
    assert "changed by someone else" in err_case and "changed by someone else" in err_entry
    assert db_path.read_bytes() == before


def test_cli_verify_detects_tampering(
    seeded: Desk, clock: FakeClock, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    built.handover.sign(report.id, "alice")
    con = sqlite3.connect(db_path)
    with con:
        con.execute("DROP TRIGGER handover_reports_frozen")
        con.execute("UPDATE handover_reports SET snapshot = replace(snapshot, 'call the customer', 'nothing to do')")
    con.close()
    code, out, _ = run(capsys, db_path, "handover", "verify", str(report.id))
    assert code == 1
    assert out.startswith("DAMAGED") and "differs from the stored hash" in out


DURATION_TEXT = re.compile(r"(\d+ s|\d+ min( \d+ s)?|\d+ h( \d+ min)?|\d+ d( \d+ h)?)( overdue)?")


def test_csv_remaining_is_text_no_spreadsheet_reads_as_a_time(stored: StoredReport, tmp_path: Path) -> None:
    raw = export_report(stored, "csv", tmp_path / "r.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    spans = {int(r["remaining_s"]): r["remaining"] for r in rows}
    assert any(abs(s) < 3600 for s in spans)  # the case that matters: under an hour, either side
    for seconds, text in spans.items():
        # The desk's one duration form, the window's: never 38:06 (the time 38:06:00) nor a minus sign.
        assert text == format_duration(seconds), text
        assert DURATION_TEXT.fullmatch(text), text
        assert text.endswith(" overdue") == (seconds < 0)


# ---------------------------------------------------------------- the reader's order, the chat summary


def _positions(text: str, *labels: str) -> list[int]:
    return [text.index(label) for label in labels]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_notes_open_points_and_breaches_come_first_the_case_list_last(
    stored: StoredReport, tmp_path: Path, fmt: str
) -> None:
    text = export_report(stored, fmt, tmp_path / f"r.{fmt}").read_text("utf-8")
    order = _positions(
        text, LABELS["summary"], LABELS["notes"], LABELS["readiness"], LABELS["breached"], LABELS["opened"],
        LABELS["open_cases"],
    )  # fmt: skip
    assert order == sorted(order)
    assert text.index("coffee in the office") < text.index(LABELS["readiness"])  # the notes themselves
    last_case = stored.data["open_cases"][-1]["ref"]
    assert text.rindex(last_case) > text.index(LABELS["open_cases"])  # the case list closes the report


@pytest.fixture
def busy(desk: Desk, clock: FakeClock) -> StoredReport:
    """An 8-hour shift over a demo of 2,000 cases, 300 open."""
    clock.set(SHIFT_END - timedelta(minutes=30))
    generate(desk, 2_000, 300, seed=7)
    handover = Handover(desk)
    shift = handover.start_shift("alice", incoming="bob", starts_at=SHIFT_END - timedelta(hours=8), ends_at=SHIFT_END)
    handover.set_notes(shift.id, "\n".join(f"note line {n}" for n in range(1, 13)))
    clock.set(SHIFT_END)
    return handover.get(handover.generate(shift.id).id)


def test_summary_for_chat_is_short_and_has_what_the_next_shift_needs(busy: StoredReport, tmp_path: Path) -> None:
    full = export_report(busy, "md", tmp_path / "r.md").read_text("utf-8")
    text = export_report(busy, "summary", tmp_path / "s.md").read_text("utf-8")
    assert len(full.splitlines()) > 600
    assert len(text.splitlines()) <= 50
    data = busy.data
    assert f"{LABELS['open']}:** {data['summary']['open']}" in text
    for label, key in (("readiness", "readiness"), ("breached", "breached_during_shift"), ("due_soon", "due_soon")):
        heading = LABELS[label].format(n=data["header"]["horizon_hours"])
        assert f"**{heading} ({len(data[key])})**" in text
        assert data[key][0]["ref"] in text
        if len(data[key]) > 5:
            assert f"- … {len(data[key]) - 5} more in the full report" in text
    assert "note line 8" in text and "note line 9" not in text and "… 4 more lines in the full report" in text
    assert busy.summary.sha256 in text and str(busy.summary.id) in text
    assert data["open_cases"][-1]["ref"] not in text  # the long list stays in the full report


def test_cli_list_and_diff_read_as_words_with_their_zone(
    seeded: Desk, clock: FakeClock, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_shift(seeded, clock, entries=False)
    first = ["--from", "2026-11-26T09:00:00+08:00", "--to", "2026-11-26T17:00:00+08:00", "--outgoing", "erin"]
    second = ["--from", "2026-11-26T17:00:00+08:00", "--to", "2026-11-27T01:00:00+08:00", "--outgoing", "erin"]
    run(capsys, db_path, "handover", "create", *first, "--agents", "tester")
    code, out, _ = run(
        capsys, db_path, "handover", "create", *second, "--agents", "tester", now="2026-11-27T01:05:00+08:00"
    )
    assert code == 0
    later = out.strip()
    code, out, _ = run(capsys, db_path, "handover", "list")
    header, *rows = out.splitlines()
    assert "shift (UTC)" in header and "shift's zone" in header
    assert any("2026-11-26 01:00 – 09:00" in row and row.rstrip().endswith("Asia/Shanghai") for row in rows), out
    assert any("2026-11-26 09:00 – 17:00" in row for row in rows), out
    code, out, _ = run(capsys, db_path, "handover", "diff", later)
    assert code == 0 and "breached since:" in out
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", out) == []
    code, out, _ = run(capsys, db_path, "handover", "diff", later, "--json")
    assert "breached_since" in json.loads(out)
