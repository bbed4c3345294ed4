"""The PDF of a busy shift read back with poppler: every section, case and note there once, as typed."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock, parse_instant
from desk.demo import generate
from desk.handover import Handover, StoredReport
from desk.report_render import CASE_COLUMNS, LABELS, Clockface, render_html, report_meta, section_items
from desk.services import Desk
from desk.store.engine import open_store
from ui.report_pdf import render_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

SHIFT_END = parse_instant("2026-11-26T17:00:00+08:00")
OUTGOING = "王小明"
EMOJI_TITLE = "客户 户口 戶籍 login fails 😀"
NOTES = "客户 asked for a call back at 18:00\n第二行: 户 and 戶 are two characters\n# not a heading\n  indented line"
REF = re.compile(r"C-[0-9]{7}|C-[A-Z]+")


@pytest.fixture(scope="module")
def busy(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoredReport]:
    """An 8-hour shift over a demo of 2,000 cases with 300 open, plus a case with Chinese and an emoji."""
    clock = FakeClock(SHIFT_END - timedelta(minutes=30))
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('busy') / 'busy.sqlite'}", clock=clock)
    desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock, actor="demo")
    generate(desk, 2_000, 300, seed=7)
    desk.open_case("CUST-00001", EMOJI_TITLE, "S2", "ticket", ref="C-EMOJI")
    handover = Handover(desk)
    shift = handover.start_shift(OUTGOING, incoming="bob", starts_at=SHIFT_END - timedelta(hours=8), ends_at=SHIFT_END)
    handover.set_notes(shift.id, NOTES)
    clock.set(SHIFT_END)
    report = handover.generate(shift.id)
    yield handover.get(report.id)
    store.close()


@pytest.fixture(scope="module")
def busy_pdf(busy: StoredReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "busy.pdf"
    out.write_bytes(render_pdf(busy.data, report_meta(busy.summary)))
    return out


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def squeeze(text: str) -> str:
    return "".join(text.split())


def expected_refs(data: dict) -> Counter[str]:  # type: ignore[type-arg]
    """Every case reference the report prints: one per short-list item and one per open-case row."""
    refs: list[str] = [row["ref"] for row in data["open_cases"]]
    for key in ("breached_during_shift", "due_soon", "waiting_on_customer", "readiness"):
        refs += [item["ref"] for item in data[key]]
    for key in ("opened", "responded", "resolved"):
        refs += [item["ref"] for item in data["activity"][key]]
    return Counter(refs)


def test_busy_shift_pdf_has_every_section_case_and_note(busy: StoredReport, busy_pdf: Path) -> None:
    data = busy.data
    assert len(data["open_cases"]) == 301
    assert int(pdf_info(busy_pdf)["Pages"]) >= 20
    text = pdf_text(busy_pdf)
    flat = squeeze(text)
    face = Clockface(data["header"]["timezone"])
    headings = [f"{heading} ({len(items)})" for heading, items in section_items(data, face)]
    headings += [LABELS["title"], LABELS["summary"], LABELS["chart"], LABELS["notes"], LABELS["open_cases"]]
    assert [h for h in headings if squeeze(h) not in flat] == []
    found = Counter(REF.findall(text))
    assert found == expected_refs(data)  # every reference, none lost, none printed twice
    for line in NOTES.splitlines():
        assert line.strip() in text


def test_pdf_text_layer_is_the_report_text(busy: StoredReport, busy_pdf: Path) -> None:
    text = pdf_text(busy_pdf)
    lines = text.splitlines()
    pages = int(pdf_info(busy_pdf)["Pages"])
    sha = busy.summary.sha256
    for page in range(1, pages + 1):  # each footer whole, once, with nothing run into it
        footer = f"{busy.summary.id} · rev 1 · SHA-256 {sha} · {page}/{pages}"
        assert lines.count(footer) == 1, footer
    # Chinese is searchable as typed: 户 and 戶 stay the characters the text used.
    assert "客户" in text
    page = render_html(busy.data, report_meta(busy.summary))
    shown = html.unescape(re.sub(r"<title>.*?</title>|<[^>]+>", "", page))  # the report's text, from HTML
    column = squeeze(CASE_COLUMNS[2][1])  # "Customer 客户": the table's header row repeats on every page
    printed, typed = squeeze(text).replace(column, ""), squeeze(shown).replace(column, "")
    assert printed.count("户") == typed.count("户") >= 4
    assert printed.count("戶") == typed.count("戶") >= 2
    assert not any("\u2f00" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff" for ch in text)
    assert squeeze(EMOJI_TITLE.replace("😀", "[GRINNING FACE]")) in squeeze(text)


def test_pdf_has_no_images_and_carries_metadata(busy: StoredReport, busy_pdf: Path) -> None:
    images = subprocess.run(["pdfimages", "-list", str(busy_pdf)], check=True, capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) == 2  # the emoji is text too, not a bitmap
    info = pdf_info(busy_pdf)
    assert info["Title"].startswith(LABELS["title"]) and OUTGOING in info["Title"]
    assert info["Author"] == OUTGOING
    assert info["Creator"] == "desk"
    xmp = subprocess.run(["pdfinfo", "-meta", str(busy_pdf)], check=True, capture_output=True, text=True).stdout
    subject = re.search(r"<dc:description>.*?>([^<]*)</rdf:li>", xmp)  # Qt's document info has no Subject
    assert subject and "2026-11-26 09:00" in subject.group(1) and str(busy.summary.id) in subject.group(1)
    assert f"<dc:creator><rdf:Seq><rdf:li>{OUTGOING}</rdf:li>" in xmp


def test_no_page_ends_on_a_heading(busy: StoredReport, busy_pdf: Path) -> None:
    """A section's heading is on the page of its first lines (the chart's too), never alone at a page's foot."""
    data = busy.data
    face = Clockface(data["header"]["timezone"])
    headings = [squeeze(h) for h in (LABELS["summary"], LABELS["chart"], LABELS["notes"], LABELS["open_cases"])]
    headings += [squeeze(heading) for heading, _items in section_items(data, face)]
    for page in pdf_text(busy_pdf).split("\f"):
        lines = [squeeze(line) for line in page.splitlines() if line.strip()]
        body = [line for line in lines if "SHA-256" not in line]  # the footer is the page's last line
        if body:
            assert not any(body[-1].startswith(h) for h in headings), body[-1]


def test_headings_keep_with_what_follows_whatever_the_length(busy: StoredReport) -> None:
    """Laid out on A4 pages, each heading starts the same page as its section's first line, however long the
    sections before it are (short lists move the chart's heading through the whole first page)."""
    from PySide6.QtCore import QSizeF

    from ui.report_pdf import build_document, page_body

    page = page_body()
    for kept in range(0, 40, 3):
        data = dict(busy.data)
        data["open_cases"] = busy.data["open_cases"][:20]
        data["breached_during_shift"] = busy.data["breached_during_shift"][:kept]
        doc, _chart = build_document(data, report_meta(busy.summary), QSizeF(page.width(), page.height()))
        layout = doc.documentLayout()
        block = doc.begin()
        while block.isValid():
            following = block.next()
            if block.blockFormat().headingLevel() and following.isValid():
                top = layout.blockBoundingRect(block).top()
                below = layout.blockBoundingRect(following).top()
                if following.layout().lineCount():  # (an empty block, e.g. the chart's frame, has no line)
                    line = following.layout().lineAt(0)
                    below += line.y() + line.height()
                assert int(top // page.height()) == int((below - 1) // page.height()), (kept, block.text())
            block = following


def test_open_case_table_repeats_its_header_and_wraps_long_titles_whole(busy: StoredReport, tmp_path: Path) -> None:
    """The painted table: its header row opens every page it is on; a long title wraps in its cell and reads
    back whole, word by word; a row taller than a page is cut to the page with an ellipsis (never lost whole)."""
    import copy

    data = copy.deepcopy(busy.data)
    long_title = " ".join(f"word{n}" for n in range(60))
    data["open_cases"][5]["title"] = long_title
    data["open_cases"][7]["note"] = "很长的交接说明 a very long handover note " * 300
    out = tmp_path / "table.pdf"
    out.write_bytes(render_pdf(data, report_meta(busy.summary)))
    pages = pdf_text(out).split("\f")
    first = next(n for n, page in enumerate(pages) if squeeze(LABELS["open_cases"]) in squeeze(page))
    header = squeeze(CASE_COLUMNS[0][1])
    for page in pages[first:]:
        if REF.search(page):
            assert header in squeeze(page)
    # Text extraction reads a table row line by line across the cells: the title's words in order, whole.
    words = [w for w in "".join(pages).split() if w.startswith("word")]
    assert words == long_title.split()
    flat = squeeze("".join(pages))
    assert data["open_cases"][7]["ref"] in flat and "…" in flat
