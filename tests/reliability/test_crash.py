"""Crash safety: SIGKILL a writer at random moments; nothing acknowledged is lost, nothing half-written."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.crash_harness import run_kills


def test_random_kills_lose_nothing_acknowledged(tmp_path: Path) -> None:
    figures = run_kills(tmp_path, kills=5, seed_value=20261126, max_delay=0.3)
    assert figures.kills == 5
    assert figures.acknowledged > 0
    print(figures.summary())
