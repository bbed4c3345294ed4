"""What a person reads in a handover report: words for codes, one duration form, its scope, its time zone."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from desk.catalog import CatalogRegistry
from desk.handover import StoredReport
from desk.palette import OTHER_COLOUR, SEVERITY_PALETTE, rank_colour
from desk.report_markdown import render_markdown, render_summary
from desk.report_render import LABELS, Clockface, case_cells, export_report, render_csv, render_html, report_meta
from desk.report_words import Wording
from desk.sla import format_duration
from tests.helpers.handover import CODE, Collector, every_code


def html_text(page: str) -> str:
    parser = Collector()
    parser.feed(page)
    return "".join(parser.text)


def md_text(text: str) -> str:
    return text.replace("\\_", "_")  # Markdown escapes the underscore; a reader sees it


READERS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], str]] = {
    "html": lambda data, meta: html_text(render_html(data, meta)),
    "md": lambda data, meta: md_text(render_markdown(data, meta)),
    "summary": lambda data, meta: md_text(render_summary(data, meta)),
}


@pytest.mark.parametrize("fmt", READERS)
def test_no_code_reaches_a_reader(stored: StoredReport, catalogs: CatalogRegistry, fmt: str) -> None:
    data = every_code(stored.data, catalogs.latest)
    text = READERS[fmt](data, report_meta(stored.summary))
    assert CODE.findall(text) == []
    assert "at risk 有风险" in text and "breached 已超时" in text
    if fmt != "summary":  # the chat summary leaves out the case list
        assert "waiting on the customer 等待客户" in text
        assert "in progress 处理中 → waiting on the customer 等待客户" in text
        assert "IM enterprise group IM企业群 → Phone (hotline 95187) 电话支持(95187)" in text
        assert "Next update (internal) 下次更新(内部)" in text
    assert "First response 首次响应" in text


def test_codes_stay_in_the_data_and_the_machine_formats(stored: StoredReport, tmp_path: Path) -> None:
    # Words are applied when rendering: the frozen snapshot, its hash and the CSV's machine columns keep codes.
    before = stored.snapshot
    export_report(stored, "html", tmp_path / "r.html")
    assert stored.snapshot == before and hashlib.sha256(before.encode()).hexdigest() == stored.summary.sha256
    rows = list(csv.DictReader(io.StringIO(render_csv(stored.data, report_meta(stored.summary)))))
    assert {r["state"] for r in rows} >= {"breached", "on_track"} and "waiting_customer" in {r["status"] for r in rows}
    assert {r["timezone"] for r in rows} == {"Asia/Shanghai"}


def test_durations_in_reports_read_one_way(stored: StoredReport) -> None:
    meta = report_meta(stored.summary)
    face = Clockface.of(stored.data, meta)
    for row in stored.data["open_cases"]:
        left = case_cells(row, face)["remaining"]
        assert left == (format_duration(row["remaining_s"]) if row["remaining_s"] is not None else "-")
    text = md_text(render_markdown(stored.data, meta))
    late = stored.data["breached_during_shift"][0]["late_s"]
    assert f"{format_duration(late)} late" in text
    # No countdown (12:04, -5:00) nor the older short forms (2h 40m, 38m 06s, 1d 3h) anywhere.
    assert not re.search(r"-\d+:\d\d|\b\d+[dhm] \d+[hms]\b|\boverdue \d", text)


SCOPES = {
    "agents": (
        {"kind": "agents", "agents": ["alice", "bob"], "rule": "assigned_or_acted_during_shift"},
        "alice\u2069, \u2068bob\u2069 (assigned, or acted on during the shift; 分派给他们或本班次内经他们处理)",
    ),
    "desk": ({"kind": "desk"}, "The whole desk 全部案例"),
    "old": (None, "The whole desk 全部案例"),  # frozen before scopes existed: it covered the whole desk
}


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("scope", SCOPES)
def test_the_header_says_whose_cases(stored: StoredReport, fmt: str, scope: str) -> None:
    data = copy.deepcopy(stored.data)
    value, shown = SCOPES[scope]
    if value is None:
        data["header"].pop("scope", None)
    else:
        data["header"]["scope"] = value
    text = READERS[fmt](data, report_meta(stored.summary))
    assert LABELS["scope"] in text
    assert shown.replace("\u2068", "").replace("\u2069", "") in text.replace("\u2068", "").replace("\u2069", "")


@pytest.mark.parametrize("fmt", READERS)
def test_the_header_says_which_zone_the_times_are_in(stored: StoredReport, fmt: str) -> None:
    text = READERS[fmt](stored.data, report_meta(stored.summary))
    assert "all in Asia/Shanghai (UTC+8) 所有时间均为 Asia/Shanghai (UTC+8)" in text


def test_a_shift_across_a_dst_change_names_both_offsets(stored: StoredReport) -> None:
    data = copy.deepcopy(stored.data)
    data["header"]["timezone"] = "Europe/Berlin"
    data["header"]["window"] = {"from": "2026-10-24T20:00:00Z", "to": "2026-10-25T04:00:00Z"}
    text = md_text(render_markdown(data, report_meta(stored.summary)))
    assert "all in Europe/Berlin (UTC+2/UTC+1)" in text
    assert "2026-10-24 22:00 – 2026-10-25 05:00 (Europe/Berlin, UTC+2/UTC+1)" in text  # not the start's offset only


def test_colours_follow_a_severitys_rank_in_its_plan(catalogs: CatalogRegistry) -> None:
    words = Wording.of(catalogs)
    ranked = sorted(catalogs.latest.severities.values(), key=lambda s: s.rank)
    assert [words.severity_colour(s.code) for s in ranked] == list(SEVERITY_PALETTE[: len(ranked)])
    assert words.severity_colour(ranked[0].code) == "#D55E00"  # the most severe: vermillion
    assert words.severity_colour("no-such-code") == OTHER_COLOUR
    assert rank_colour(len(SEVERITY_PALETTE) + 1) == OTHER_COLOUR
