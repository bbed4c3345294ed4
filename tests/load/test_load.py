"""The load run as a test (``pytest tests/load``; not part of the unit suite): twenty desks on a real server.

It wipes $DESK_TEST_PG_URL's database and takes a few minutes; ``make load`` prints the same figures.
"""

from __future__ import annotations

import os

import pytest

from tests.load.__main__ import run

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")


@pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")
def test_twenty_desks_lose_no_write_and_see_each_change_within_the_budget() -> None:
    report = run(["--db", PG_URL])
    assert report.failed_agents == 0 and report.acknowledged > 0
    assert (report.lost, report.duplicated, report.refused_but_written) == (0, 0, 0)
    assert (report.not_notified, report.not_seen, report.views_differing) == (0, 0, 0)
    assert report.countdowns_differing == 0
    assert report.figure("seen by all", 99) <= report.budget_ms, report.table()
