"""Two instances on one database: no lock errors, stale edits refused by row versions, changes seen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.services import Desk, StaleEdit
from desk.store.engine import open_store
from desk.store.models import Case, CaseEvent
from tests.helpers import T0
from tests.reliability.conftest import NOW, ROOT, run_desk


def _desk(db: Path) -> Desk:
    clock = FakeClock(T0)
    store = open_store(f"sqlite:///{db}", clock=clock)
    return Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock, actor="window")


def _case(desk: Desk, ref: str) -> tuple[object, int, int]:
    with desk.store.read() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        assert case is not None
        notes = session.scalar(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "note")
        )
        return case.id, case.version, notes or 0


def test_window_and_cli_write_at_once_without_lock_errors(made_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run_desk(capsys, made_db, "case", "open", "CUST-00001", "shared", "--severity", "S3", "--id", "shared").code
        == 0
    )
    n = 40
    runs = [["--db", f"sqlite:///{made_db}", "--now", NOW, "case", "note", "shared", f"cli {i}"] for i in range(n)]
    desk = _desk(made_db)
    with subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("cli_batch.py"))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
    ) as other:
        assert other.stdin is not None and other.stdout is not None
        other.stdin.write(json.dumps(runs))
        other.stdin.close()
        try:
            case_id = _case(desk, "shared")[0]
            # The window keeps writing for as long as the other process does, so the two overlap. It
            # pauses between writes as any user does: a writer in a tight loop can starve another one
            # beyond the busy timeout (SQLite's locks are not fair), which no agent's pace comes near.
            written = 0
            while other.poll() is None or written < n:
                desk.add_note(case_id, f"window {written}")  # type: ignore[arg-type]
                written += 1
                time.sleep(0.02)
            results = json.loads(other.stdout.read())
            assert other.wait(timeout=120) == 0
            assert [r["code"] for r in results] == [0] * n, [r["err"] for r in results if r["code"]]
            assert _case(desk, "shared")[2] == written + n
        finally:
            desk.store.close()


def test_stale_edit_is_refused_and_each_sees_the_other(made_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run_desk(capsys, made_db, "case", "open", "CUST-00001", "shared", "--severity", "S3", "--id", "shared").code
        == 0
    )
    window, other_window = _desk(made_db), _desk(made_db)
    try:
        case_id, version, notes = _case(window, "shared")
        # The CLI changes the case while the window shows version ``version``.
        assert run_desk(capsys, made_db, "case", "note", "shared", "from the CLI").code == 0
        with pytest.raises(StaleEdit, match="changed by someone else"):
            window.regrade(case_id, "S1", "escalated", expected_version=version)  # type: ignore[arg-type]
        # The window sees the CLI's change at once (a new read), and can then apply its edit.
        _, fresh, seen = _case(window, "shared")
        assert fresh > version and seen == notes + 1
        window.regrade(case_id, "S1", "escalated", expected_version=fresh)  # type: ignore[arg-type]
        # A second window and the CLI see the window's change; the CLI refuses its own stale edit.
        assert _case(other_window, "shared")[1] > fresh
        stale = run_desk(
            capsys, made_db, "case", "regrade", "shared", "S2", "--reason", "x", "--expect-version", str(fresh)
        )
        assert stale.code == 1 and "changed by someone else" in stale.err and "Traceback" not in stale.err
        with pytest.raises(StaleEdit):
            other_window.add_note(case_id, "late", expected_version=fresh)  # type: ignore[arg-type]
        sla = json.loads(run_desk(capsys, made_db, "sla", "--json").out)
        assert next(r for r in sla if r["case_id"] == "shared")["severity"] == "S1"
    finally:
        window.store.close()
        other_window.store.close()
