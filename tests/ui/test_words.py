"""Durations and user text as a person reads them: one unambiguous form, localised, direction-safe."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desk.services import Desk
from ui.i18n import install
from ui.main_window import MainWindow
from ui.text import CatalogWords, duration_text, fill, isolate, remaining_text, spoken_countdown


@pytest.fixture
def chinese(qapp: QCoreApplication) -> Iterator[None]:
    translators = install(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 s"),
        (48, "48 s"),
        (108, "1 min 48 s"),
        (2400, "40 min"),
        (724, "12 min 4 s"),
        (3600, "1 h"),
        (9600, "2 h 40 min"),
        (3 * 86400 + 4 * 3600, "3 d 4 h"),
        (2 * 86400, "2 d"),
        (-108, "1 min 48 s"),  # the sign is said in words by the caller
    ],
)
def test_durations_in_english(qapp: QCoreApplication, seconds: int, words: str) -> None:
    assert duration_text(seconds) == words


def test_no_form_reads_as_a_clock_time(qapp: QCoreApplication) -> None:
    # "40:00" was 40 minutes, "-20:49 overdue" read like 20 hours: no colon in any duration.
    for seconds in (5, 59, 60, 61, 1249, 3599, 3600, 3661, 86399, 86400, 90061, 10**7):
        assert ":" not in duration_text(seconds)


def test_states_in_words(qapp: QCoreApplication) -> None:
    assert remaining_text("breached", -108) == "1 min 48 s overdue"
    assert remaining_text("breached", -1249) == "20 min 49 s overdue"
    assert remaining_text("paused", 20) == "paused, 20 s left"
    assert remaining_text("at_risk", 600) == "10 min"
    assert remaining_text("met", 600) == "met"


def test_durations_in_chinese(chinese: None) -> None:
    assert duration_text(2400) == "40分钟"
    assert duration_text(108) == "1分48秒"
    assert duration_text(9600) == "2小时40分"
    assert duration_text(3 * 86400 + 4 * 3600) == "3天4小时"
    assert remaining_text("breached", -108) == "已超时 1分48秒"


def test_isolate_wraps_user_text_only() -> None:
    assert isolate("\u202eevil") == "\u2068\u202eevil\u2069"
    assert isolate("") == ""


def test_a_countdown_as_a_screen_reader_says_it(qapp: QCoreApplication) -> None:
    assert spoken_countdown("S1", "at_risk", 180) == "S1, 3 min left, at risk"
    assert spoken_countdown("S2", "breached", -120) == "S2, 2 min overdue, breached"
    assert spoken_countdown("S3", "paused", 4800) == "S3, paused, 1 h 20 min left"
    assert spoken_countdown("S4", "no_target", None) == "S4, no target"


def test_a_countdown_spoken_in_chinese(chinese: None) -> None:
    assert spoken_countdown("S1", "at_risk", 180) == "S1,剩余 3分钟,有风险"


def test_case_clocks_show_targets_in_words(window: MainWindow, seeded: Desk) -> None:
    (case_id,) = seeded.open_case("cust-L4", "gateway down", "S2", "phone").cases
    window.detail.show_case(case_id)
    clocks = window.detail.clocks
    targets = [clocks.item(row, 2).text() for row in range(clocks.rowCount())]
    assert targets[0] == "40 min"  # the contractual first response of S2
    assert not any(re.search(r"\d:\d\d", t) for t in targets)


def test_placeholders_fill_in_one_pass() -> None:
    # A customer named "Acme %3" read "Acme S1" when the values were put in one .replace after another.
    assert fill("%1 (%2, %3) is now %4", "C-1", "Acme %3", "S1", "at risk") == "C-1 (Acme %3, S1) is now at risk"
    assert fill("%1 and %2", "only one") == "only one and %2"


def test_codes_of_every_installed_plan_read_as_words() -> None:
    from desk.catalog import CatalogRegistry, default_catalog_dir, load_catalog

    shipped = CatalogRegistry.load_dir(default_catalog_dir())
    acme = load_catalog(Path(__file__).parents[1] / "core" / "data" / "acme-business-hours.toml")
    both = CatalogWords(CatalogRegistry([*(shipped.get(v) for v in shipped.versions()), acme]), "en")
    assert both.channel("im_group") != "im_group"  # an older plan's channel, still in words
    assert both.channel("hotline") != "hotline"
    assert both.channel("carrier_pigeon") == "carrier_pigeon"


def test_an_unknown_readiness_point_reads_in_words() -> None:
    from ui.handover.dialog import readiness_text

    assert "_" not in readiness_text("some_new_point", "C-1", "S2")


def test_reports_and_the_window_say_a_code_in_the_same_chinese(chinese: None) -> None:
    # The core words its reports itself (it has no translator); the window's Chinese is the one source to match.
    from desk.report_words import EVENTS, STATES, STATUSES
    from ui.text import event_text, state_text, status_text

    for table, window_words in ((STATES, state_text), (STATUSES, status_text), (EVENTS, event_text)):
        for code, (_english, chinese_words) in table.items():
            assert window_words(code) == chinese_words, code
