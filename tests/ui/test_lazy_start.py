"""The window's start imports only what its first paint needs: dialogs, migrations, holidays come later."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.services import Desk
from desk.store.engine import open_store
from tests.helpers import seed_customers

# Run as ``desk-gui`` runs (ui.app.main), it lists the modules loaded when the first rows are painted.
PROBE = """
import sys
import ui.app as app
exit_after_first_paint = app._exit_after_first_paint
def probe(qapp):
    print("loaded " + " ".join(sorted(sys.modules)), flush=True)
    exit_after_first_paint(qapp)
app._exit_after_first_paint = probe
sys.exit(app.main(sys.argv[1:]))
"""
# Imported when first used: the importer (every customer or contract write goes through it), a migration's
# tooling (only when one is due), the dialogs and the review, the PDF and Markdown renderers, the holidays
# library (only when a calendar with a country is evaluated), a team server's driver and dialect, keyring,
# replica sync and its status.
NOT_AT_FIRST_PAINT = (
    "alembic",
    "mako",
    "holidays",
    "psycopg",
    "sqlalchemy.dialects.postgresql",
    "keyring",
    "markdown_it",
    "desk.interchange",
    "ui.customer_forms",
    "ui.about_dialog",
    "ui.closed_cases",
    "ui.customer_list",
    "ui.export_dialog",
    "ui.help_dialog",
    "ui.import_dialog",
    "ui.new_case_dialog",
    "ui.booking_dialog",
    "ui.settings_dialog",
    "ui.welcome",
    "ui.review.window",
    "ui.handover.dialog",
    "ui.handover.review",
    "ui.report_pdf",
    "ui.replica_conflicts",
    "ui.replica_status",
    "desk.replica.sync",
    "desk.replica.pull",
    "desk.replica.push",
)


@pytest.fixture
def current_db(tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock) -> Path:
    path = tmp_path / "desk.sqlite"
    store = open_store(f"sqlite:///{path}", clock=clock)  # created at the current schema
    desk = Desk(store, catalogs, clock)
    seed_customers(desk)
    desk.open_case("cust-L3", "Database connection fails", "S2", "ticket", ref="FIRST-1")
    store.close()
    return path


def test_the_first_paint_on_a_current_schema_imports_no_dialog_migration_or_holidays(
    tmp_path: Path, current_db: Path
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DESK_EXIT_AFTER_FIRST_PAINT": "1",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("DESK_DB_URL", None)
    command = [sys.executable, "-c", PROBE, "--db", f"sqlite:///{current_db}", "--settings", str(tmp_path / "s.ini")]
    done = subprocess.run(
        [*command, "--language", "en", "--agent", "alice"], env=env, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("loaded ")]
    assert done.returncode == 0 and lines, done.stderr[-2000:]
    assert any(line.startswith("first-paint ") for line in done.stdout.splitlines())
    loaded = set(lines[0].split()[1:])
    assert "ui.main_window" in loaded
    early = sorted(m for m in loaded if any(m == name or m.startswith(name + ".") for name in NOT_AT_FIRST_PAINT))
    assert early == []


# The whole queue is read once the first rows are painted: its read runs Python beside the GUI thread, and the
# first paint would wait for the interpreter lock at every cell. Then it loads as before.
LOAD_AFTER_PAINT = """
import sys
import ui.app as app
from PySide6.QtCore import QTimer
started = []
start = app.start
def start_and_keep(argv):
    started.append(start(argv))
    return started[0]
app.start = start_and_keep
def probe(qapp):
    window = started[0].window
    print(f"at-first-paint loading={window.loading}", flush=True)
    def loaded():
        if window.loading:
            return
        timer.stop()
        print(f"then loaded rows={window.model.total()}", flush=True)
        qapp.quit()
    timer = QTimer(qapp)
    timer.timeout.connect(loaded)
    timer.start(5)
app._exit_after_first_paint = probe
sys.exit(app.main(sys.argv[1:]))
"""


def test_the_whole_queue_is_read_after_the_first_rows_are_painted(tmp_path: Path, current_db: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DESK_EXIT_AFTER_FIRST_PAINT": "1",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("DESK_DB_URL", None)
    command = [sys.executable, "-c", LOAD_AFTER_PAINT, "--db", f"sqlite:///{current_db}"]
    done = subprocess.run(
        [*command, "--settings", str(tmp_path / "s.ini"), "--language", "en", "--agent", "alice"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith(("at-first-paint", "then"))]
    assert lines == ["at-first-paint loading=True", "then loaded rows=1"], done.stdout + done.stderr[-2000:]
