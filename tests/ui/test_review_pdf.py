"""The reviews' PDF (Qt): charts as vectors, the figures and user text readable and inert, via ``desk report``."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from desk.clock import FakeClock
from desk.services import Desk
from tests.helpers import T0
from tests.helpers.handover import CHINESE, XSS
from ui.cli_main import main

pytestmark = [
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
    pytest.mark.usefixtures("qapp"),
]


def test_sla_review_pdf(seeded: Desk, clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    clock.set(T0)
    (case,) = seeded.open_case("cust-L4", CHINESE, "S1", "ticket", ref="C-PDF", assignee=XSS).cases
    clock.set(T0 + timedelta(minutes=20))
    seeded.record_response(case)  # 8 min late
    out = tmp_path / "sla.pdf"
    args = ["report", "sla", "--from", "2026-11-23", "--to", "2026-11-29", "--by", "agent", "--cases"]
    args += ["--format", "pdf"]
    code = main(["--db", f"sqlite:///{db_path}", "--now", "2026-12-01T00:00:00Z", *args, "--out", str(out)])
    assert code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"%PDF") and b"/Subtype /Image" not in raw  # the charts are drawn, not pasted
    for active in (b"/JavaScript", b"/JS ", b"/URI", b"/Launch"):
        assert active not in raw
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert "SLA达成情况" in flat and "missed未达成" in flat
    assert XSS in flat and "C-PDF" in flat  # the agent's name as text, the case behind the number
    assert "8min" in flat  # the lateness in words
