"""Translations: compile resources/translations/*.ts to .qm when missing or stale, and install them
(ours and Qt's own qtbase) for the chosen language."""

from __future__ import annotations

import locale
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desk.paths import data_dir, resource_dir

LANGUAGES = ("en", "zh_CN")


def translations_dir() -> Path:
    return resource_dir() / "translations"


def _lrelease() -> list[str]:
    """pyside6-lrelease from the running interpreter's PySide6 (works in a venv without PATH)."""
    return [sys.executable, "-c", "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())"]


def compiled(ts: Path) -> Path | None:
    """The .qm for ``ts``: next to it when writable, else in the data folder; built if missing or stale."""
    for folder in (ts.parent, data_dir() / "translations"):
        qm = folder / (ts.stem + ".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            return qm
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not os.access(folder, os.W_OK):
                continue
            subprocess.run([*_lrelease(), str(ts), "-qm", str(qm)], check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        if qm.exists():
            return qm
    return None


def system_language() -> str:
    name = QLocale.system().name() or (locale.getlocale()[0] or "")
    return "zh_CN" if name.startswith("zh") else "en"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our translation and Qt's for ``language``; returns the translators (keep them alive)."""
    language = language if language in LANGUAGES else system_language()
    installed = []
    ts = translations_dir() / f"desk_{language}.ts"
    qm = compiled(ts) if ts.exists() else None
    ours = QTranslator(app)
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        installed.append(ours)
    if language != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
    return installed


def catalog_language(language: str) -> str:
    """The catalog's wording key (zh / en) for a UI language."""
    return "zh" if language.startswith("zh") else "en"
