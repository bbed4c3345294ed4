"""User text in the handover exports reads as typed: isolated from the desk's own words, Markdown inert."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from desk.clock import FakeClock
from desk.handover import StoredReport
from desk.report_render import export_report
from desk.services import Desk
from tests.helpers.handover import SHIFT_END, SHIFT_START, build_shift

RLO_TITLE = "\u202eevil title"
ARABIC = "خادم البريد لا يعمل"
CUSTOMER = "客户 L3 Ltd."  # cust-L3's name (tests/helpers: seed_customers)
FSI, PDI = "\u2068", "\u2069"


@pytest.fixture
def hostile(seeded: Desk, clock: FakeClock) -> StoredReport:
    """The helpers' shift plus a case whose title reverses text and one whose title is Arabic."""
    built = build_shift(seeded, clock)
    clock.set(SHIFT_START + timedelta(hours=7))
    (rlo,) = seeded.open_case("cust-L3", RLO_TITLE, "S3", "ticket", ref="C-RLO").cases
    seeded.open_case("cust-L3", ARABIC, "S4", "ticket", ref="C-AR")
    built.handover.set_entry(built.shift.id, rlo, owner="bob\u202e", next_action="call", note="n", briefed=True)
    clock.set(SHIFT_END)
    report = built.handover.generate(built.shift.id)
    return built.handover.get(report.id)


def test_html_isolates_user_text_from_the_desks_words(hostile: StoredReport, tmp_path: Path) -> None:
    page = export_report(hostile, "html", tmp_path / "r.html").read_text("utf-8")
    # The short lists: title and customer each in their own isolate, the desk's words outside them.
    item = re.search(r"<li><b><bdi>C-RLO</bdi></b> (.*?)</li>", page)
    assert item is not None
    assert item.group(1).startswith(f"S3 · <bdi>{RLO_TITLE}</bdi> · <bdi>{CUSTOMER}</bdi> · ")
    row = re.search(r"<tr><td><bdi>C-RLO</bdi></td>(.*?)</tr>", page)
    assert row is not None
    assert f"<td><bdi>{RLO_TITLE}</bdi></td>" in row.group(1)
    assert "<td><bdi>bob\u202e</bdi></td>" in row.group(1)  # an override never leaks out of its cell
    assert "<bdi>n</bdi> [briefed 已口头交接]</td>" in row.group(1)
    assert f"<bdi>{ARABIC}</bdi>" in page  # Arabic keeps its own direction inside the isolate
    # Every isolate is closed where it was opened: nothing a user typed can unbalance them.
    assert page.count("<bdi") == page.count("</bdi>")


def test_markdown_isolates_user_text_with_unicode_isolates(hostile: StoredReport, tmp_path: Path) -> None:
    text = export_report(hostile, "md", tmp_path / "r.md").read_text("utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"- **{FSI}C") and "RLO" in line)
    assert f"S3 · {FSI}{RLO_TITLE}{PDI} · {FSI}{CUSTOMER}{PDI} · " in line.replace("\\", "")
    assert text.count(FSI) == text.count(PDI)


def test_csv_keeps_user_text_exact(hostile: StoredReport, tmp_path: Path) -> None:
    raw = export_report(hostile, "csv", tmp_path / "r.csv").read_text("utf-8-sig")
    assert f'"{RLO_TITLE}"' in raw and FSI not in raw and "<bdi>" not in raw


# ---------------------------------------------------------------- Markdown shows what was typed

NOTE = (
    "line one\n# not a heading\n---\n- not a list\n1. not a list either\n> not a quote\n"
    "&lt; stays &lt; &amp; <b>not bold</b> | pipe *stars* _under_ `tick` [link](http://x) ![img](y) \\ back\\\n"
    "    four spaces\n===\n+ plus"
)
TITLE = "# title &amp; a|b *x* <i>y</i> 1. [z]"


def rendered_text(tokens: list[Token]) -> str:
    """The text a reader sees in an inline token: text, code, line breaks (soft, hard and <br>)."""
    out = []
    for child in tokens:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (child.type == "html_inline" and child.content == "<br>"):
            out.append("\n")
        elif child.type == "html_inline":
            out.append(f"<HTML {child.content}>")  # raw HTML a user typed must never get here
    return "".join(out).replace(FSI, "").replace(PDI, "")


@pytest.fixture
def typed(seeded: Desk, clock: FakeClock) -> StoredReport:
    built = build_shift(seeded, clock, entries=False)
    clock.set(SHIFT_START + timedelta(hours=7))
    (case,) = seeded.open_case("cust-L3", TITLE, "S3", "ticket", ref="C-MD").cases
    built.handover.set_entry(built.shift.id, case, note=NOTE, owner="bob")
    built.handover.set_notes(built.shift.id, NOTE)
    clock.set(SHIFT_END)
    report = built.handover.generate(built.shift.id)
    return built.handover.get(report.id)


def test_markdown_shows_user_text_exactly_as_typed(typed: StoredReport, tmp_path: Path) -> None:
    text = export_report(typed, "md", tmp_path / "r.md").read_text("utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    # The structure is the desk's alone: its headings, no rule, quote or code block from user text.
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert all(not h.startswith(("#", "not")) for h in headings)
    assert not {t.type for t in tokens} & {"hr", "blockquote_open", "code_block", "ordered_list_open", "html_block"}
    inline = [rendered_text(t.children or []) for t in tokens if t.type == "inline"]
    # The shift's notes and the case's handover note (in its table cell): every line as typed, &lt; too.
    assert inline.count(NOTE) == 2
    assert TITLE in inline  # the title's own cell
    assert any(f"C-MD S3 · {TITLE} · 客户 L3 Ltd. · " in line for line in inline)  # in the short lists
    assert not any("<HTML" in line for line in inline)
    rows = [t for t in tokens if t.type == "tr_open"]
    # No row split or added by a typed | or newline: the cases' table and the chart's, each with its header.
    assert len(rows) == 1 + len(typed.data["open_cases"]) + 1 + len(typed.data["chart"]["buckets"])
