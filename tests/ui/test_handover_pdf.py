"""The PDF export (Qt): text extracted with pdftotext, A4, CJK readable, user text inert, chart in vectors."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.handover import StoredReport
from desk.report_render import LABELS, export_report, report_meta
from desk.services import Desk
from tests.helpers.handover import CHINESE, CODE, FORMULA, SHIFT_END, SHIFT_START, XSS, build_shift, every_code
from ui.cli_main import main
from ui.report_pdf import _faces, render_pdf, restore_code_points

# ``stored`` (tests/conftest.py) is rendered with Qt: a QApplication first.
pytestmark = [
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
    pytest.mark.usefixtures("qapp"),
]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_pdf_text_is_complete_inert_and_readable(stored: StoredReport, tmp_path: Path) -> None:
    out = export_report(stored, "pdf", tmp_path / "r.pdf", renderers={"pdf": render_pdf})
    raw = out.read_bytes()
    assert raw.startswith(b"%PDF")
    text = pdf_text(out)
    flat = squeeze(text)
    assert XSS in flat  # shown as text, never interpreted
    assert squeeze(FORMULA) in flat
    assert squeeze(CHINESE) in flat  # 一 and 人 extract as ideographs, not as Kangxi radicals
    assert "接班人" in text and "交接班报告" in text
    for ref in ("C-XSS", "C-FORMULA", "C-CHINESE", "C-WAIT", "C-DUE"):
        assert ref in text
    assert stored.summary.sha256 in flat
    assert "coffee in the office" in text  # letters, not ligatures
    assert not any("\ufb00" <= char <= "\ufb06" for char in text)
    assert "2026-11-2609:00–17:00(Asia/Shanghai,UTC+8)" in flat
    for active in (b"/JavaScript", b"/JS ", b"/URI", b"/Launch"):
        assert active not in raw


def test_pdf_is_a4_with_cjk_font_and_a_vector_chart(stored: StoredReport, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(render_pdf(stored.data, report_meta(stored.summary)))
    info = subprocess.run(["pdfinfo", str(out)], check=True, capture_output=True, text=True).stdout
    assert "842 x 595 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout
    assert "NotoSansCJKsc" in fonts
    images = subprocess.run(["pdfimages", "-list", str(out)], check=True, capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) == 2  # the header lines only: no raster image anywhere


def test_the_desk_command_hands_in_the_pdf_renderer(
    stored: StoredReport, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli.pdf"
    code = main(
        [
            "--db",
            f"sqlite:///{db_path}",
            "handover",
            "export",
            str(stored.summary.id),
            "--format",
            "pdf",
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert str(stored.summary.id) in squeeze(pdf_text(out))


def test_without_qt_the_desk_command_hands_in_no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.cli_main
    from ui.review.pdf import render_review_pdf

    assert ui.cli_main.renderers() == {"pdf": render_pdf, "review-pdf": render_review_pdf}
    monkeypatch.setitem(sys.modules, "ui.report_pdf", None)  # as if PySide6 were not installed: ImportError
    assert ui.cli_main.renderers() == {}


def test_tounicode_gives_back_the_characters_the_text_used(qapp: QApplication) -> None:
    cmap = (
        b"3 beginbfrange\n<2F08> <2F08> [<2F08>]\n<0001> <0002> [<2F00> <0041>]\n<0003> <0004> <2F3E>\nendbfrange\n"
        b"2 beginbfchar\n<2F08> <2F08>\n<0005> <2F3E>\nendbfchar"
    )
    fixed = restore_code_points(cmap, "人一户 A", _faces())
    # 人 and 一 share their glyphs with Kangxi radicals; 户 shares one with the radical ⼾, whose NFKC form
    # is the other character 戶 (U+6236): the text says which one was printed.
    assert fixed == cmap.replace(b"[<2F08>]", b"[<4EBA>]").replace(b"[<2F00>", b"[<4E00>").replace(
        b"<2F08> <2F08>\n<0005>", b"<2F08> <4EBA>\n<0005>"
    ).replace(b"<0005> <2F3E>", b"<0005> <6237>")
    assert b"<0003> <0004> <2F3E>" in fixed  # the start of a sequence is left alone
    assert len(fixed) == len(cmap)
    assert restore_code_points(b"1 beginbfchar\n<0005> <2F3E>\nendbfchar", "戶", _faces()).endswith(
        b"<6236>\nendbfchar"
    )


RLO_TITLE = "\u202eevil title"
ARABIC = "خادم البريد لا يعمل"


@pytest.fixture
def hostile(qapp: QApplication, seeded: Desk, clock: FakeClock) -> StoredReport:
    built = build_shift(seeded, clock)
    clock.set(SHIFT_START + timedelta(hours=7))
    (rlo,) = seeded.open_case("cust-L3", RLO_TITLE, "S3", "ticket", ref="C-RLO").cases
    seeded.open_case("cust-L3", ARABIC, "S4", "ticket", ref="C-AR")
    built.handover.set_entry(built.shift.id, rlo, owner="bob", next_action="call", note="n\u202e", briefed=True)
    clock.set(SHIFT_END)
    report = built.handover.generate(built.shift.id)
    return built.handover.get(report.id)


def test_pdf_keeps_the_desks_words_in_order_after_a_reversing_title(hostile: StoredReport, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(render_pdf(hostile.data, report_meta(hostile.summary)))
    text = pdf_text(out)
    lines = [line for line in text.splitlines() if line.startswith("C-RLO S3")]
    assert len(lines) == 2  # due soon, opened during the shift
    for line in lines:  # the title reversed as its override says; the desk's words after it as written
        assert line.startswith("C-RLO S3 · eltit live · 客户 L3 Ltd. · ")
    assert "n [briefed 已口头交接]" in text  # after a note ending in an override
    # Arabic reads right to left (seen on the rendered page); poppler gives it back in logical order,
    # with the lam-alef ligature as its presentation form.
    assert ARABIC in unicodedata.normalize("NFKC", text)


def test_pdf_reads_in_the_readers_order_with_aligned_values(stored: StoredReport, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(render_pdf(stored.data, report_meta(stored.summary)))
    flat = squeeze(pdf_text(out))
    labels = ("summary", "notes", "readiness", "breached", "chart", "opened", "open_cases")
    order = [flat.index(squeeze(LABELS[label])) for label in labels]
    assert order == sorted(order)
    assert flat.index("coffeeintheoffice") < flat.index(squeeze(LABELS["readiness"]))
    # Header and summary values start at one x: the hash, the shift window, the open count's neighbour.
    words = subprocess.run(["pdftotext", "-bbox", "-l", "1", str(out), "-"], capture_output=True, text=True).stdout
    boxes = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', words)
    first = {}
    for x, word in boxes:
        first.setdefault(word, float(x))
    starts = [first[stored.summary.sha256], first["2026-11-26"], first["S1"], first["not"]]
    assert max(starts) - min(starts) < 0.5, starts


def test_pdf_shows_words_never_codes_with_scope_and_zone(
    stored: StoredReport, catalogs: CatalogRegistry, tmp_path: Path
) -> None:
    out = tmp_path / "codes.pdf"
    out.write_bytes(render_pdf(every_code(stored.data, catalogs.latest), report_meta(stored.summary)))
    text = pdf_text(out)
    assert CODE.findall(text) == []
    flat = squeeze(text)
    for words in (
        "waiting on the customer 等待客户",
        "at risk 有风险",
        "First response 首次响应",
        "IM enterprise group",
    ):
        assert squeeze(words) in flat
    assert squeeze(f"{LABELS['scope']} The whole desk 全部案例") in flat  # build_shift's shift covers the desk
    assert squeeze("all in Asia/Shanghai (UTC+8) 所有时间均为 Asia/Shanghai (UTC+8)") in flat


def test_pdf_header_names_the_agents_of_its_scope(stored: StoredReport, tmp_path: Path) -> None:
    data = copy.deepcopy(stored.data)
    data["header"]["scope"] = {"kind": "agents", "agents": ["alice", "bob"], "rule": "assigned_or_acted_during_shift"}
    out = tmp_path / "scope.pdf"
    out.write_bytes(render_pdf(data, report_meta(stored.summary)))
    assert squeeze("alice, bob (assigned, or acted on during the shift; 分派给他们或本班次内经他们处理)") in squeeze(
        pdf_text(out)
    )
