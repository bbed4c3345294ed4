"""Translations: install ours (``desk_<language>.qm``) and Qt's own (qtbase) for the chosen language.

The ``.qm`` files are compiled from ``resources/translations/*.ts`` ahead of time, never at run time: by
the wheel's build (setup.py) and, in a source checkout, by ``make qm`` (which ``make run`` and ``make test``
do first). A missing ``.qm`` leaves the window in English rather than failing.
"""

from __future__ import annotations

import locale
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desk.paths import resource_dir

LANGUAGES = ("en", "zh_CN")


def translations_dir() -> Path:
    return resource_dir() / "translations"


def system_language() -> str:
    name = QLocale.system().name() or (locale.getlocale()[0] or "")
    return "zh_CN" if name.startswith("zh") else "en"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our translation and Qt's for ``language``; returns the translators (keep them alive)."""
    language = language if language in LANGUAGES else system_language()
    installed = []
    qm = translations_dir() / f"desk_{language}.qm"
    ours = QTranslator(app)
    if qm.exists() and ours.load(str(qm)):
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
