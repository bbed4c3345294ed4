"""Screenshots of the window, light and dark, in English and Chinese: packaging/screenshots/*.png.

Deterministic: a demo database generated at a fixed instant, a fixed clock, a fixed window size.
Usage: QT_QPA_PLATFORM=offscreen python packaging/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyleFactory

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.demo import generate
from desk.report_render import report_meta
from desk.services import Desk
from desk.store.engine import open_store
from ui.handover import HandoverDialog, open_handover
from ui.i18n import install
from ui.main_window import MainWindow
from ui.queue_model import STATE_ROLE
from ui.report_pdf import render_pdf
from ui.settings import Settings
from ui.text import set_display_zone

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def dark_palette() -> QPalette:
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2e",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f22",
        QPalette.ColorRole.AlternateBase: "#27272b",
        QPalette.ColorRole.Text: "#ececec",
        QPalette.ColorRole.Button: "#35353a",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#0072B2",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#35353a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Mid: "#4a4a50",
        QPalette.ColorRole.Light: "#55555b",
        QPalette.ColorRole.Dark: "#18181a",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    return p


def settle(app: QApplication, done: Callable[[], bool], within_s: float = 30.0) -> None:
    """Turn the event loop until ``done`` (the window reads and writes on worker threads)."""
    deadline = time.monotonic() + within_s
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError("the window did not answer in time")
        app.processEvents()
        time.sleep(0.01)


def report_page(dialog: HandoverDialog, path: Path) -> Path:
    """Page 1 of the shift's report as PDF, rendered to PNG by poppler's pdftoppm (what a reader sees)."""
    report = dialog.generate()
    assert report is not None
    stored = dialog.handover.get(report.id)
    pdf = path.with_suffix(".pdf")
    pdf.write_bytes(render_pdf(stored.data, report_meta(stored.summary)))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(path.with_suffix(""))],
        check=True,
    )
    pdf.unlink()
    return path


def main(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyle(QStyleFactory.create("Fusion"))
    light = app.style().standardPalette()
    clock = FakeClock(NOW)
    set_display_zone("Asia/Shanghai")  # the plan's zone, whatever this machine's is: the same pictures everywhere
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/demo.sqlite", clock=clock, daily_backup=False)
        desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock, actor="alice")
        generate(desk, cases=1500, open_cases=240, seed=7, now=NOW)
        for language in ("en", "zh_CN"):
            translators = install(app, language)
            for scheme, palette in (("light", light), ("dark", dark_palette())):
                app.setPalette(palette)
                settings = Settings(QSettings(f"{tmp}/{language}-{scheme}.ini", QSettings.Format.IniFormat))
                window = MainWindow(desk, clock, settings, language, "alice", tray=False)
                window.resize(1560, 900)
                window.show()
                window.loader.wait()
                while window.loading:  # the queue arrives through a queued signal from the loader thread
                    app.processEvents()
                model = window.model
                risky = next((r for r in range(model.rowCount()) if model.index(r, 0).data(STATE_ROLE) == "at_risk"), 0)
                window.queue.select_case(model.entry(risky).case_id)
                clock.advance(timedelta(seconds=90))  # let a transition or two raise the banner
                window.ticker.fire()
                for _ in range(5):
                    app.processEvents()
                window.queue.view.scrollTo(
                    window.queue.view.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter
                )
                app.processEvents()
                path = out / f"desk-{scheme}-{language}.png"
                window.grab().save(str(path))
                written.append(path)
                if scheme == "light":
                    window.tabs.setCurrentWidget(window.customer)
                    window.splitter.setSizes([760, 800])
                    app.processEvents()
                    path = out / f"desk-customer-{language}.png"
                    window.grab().save(str(path))
                    written.append(path)
                    dialog = open_handover(window, desk, "alice")
                    settle(app, dialog.ready)  # its proposal is read off the GUI thread
                    if dialog.start_form.isVisibleTo(dialog):  # the first language starts the shift
                        dialog.start_form.incoming.setText("王伟")
                        dialog.start_form.start_button.click()
                    settle(app, lambda d=dialog: d.shift is not None)
                    dialog.resize(1400, 800)
                    dialog.panel.check_button.click()
                    app.processEvents()
                    path = out / f"desk-handover-{language}.png"
                    dialog.grab().save(str(path))
                    written.append(path)
                    if language == "en":
                        written.append(report_page(dialog, out / "handover-sample.png"))
                    dialog.close()
                clock.set(NOW)
                window.ticker.stop()
                window.close()
                window.deleteLater()
                app.processEvents()
            for translator in translators:
                QCoreApplication.removeTranslator(translator)
        store.close()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "screenshots"
    for written_path in main(target):
        print(written_path)
