"""`desk check` finds what a crash, a clock set back or a hand edit could leave behind."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from desk.integrity import check
from desk.services import Desk


def test_check_finds_history_out_of_order(seeded: Desk, db_path: Path) -> None:
    seeded.open_case("cust-L3", "a", "S3", "ticket", ref="a")
    seeded.open_case("cust-L3", "b", "S3", "ticket", ref="b")
    assert check(seeded) == []
    conn = sqlite3.connect(db_path)
    with conn:
        # What an older desk with its clock set back could have written.
        case_id, _opened = conn.execute("select id, opened_at from cases where ref = 'a'").fetchone()
        columns = [r[1] for r in conn.execute("pragma table_info(case_events)")]
        row = dict(
            zip(
                columns,
                conn.execute("select * from case_events where case_id = ? and kind = 'opened'", (case_id,)).fetchone(),
                strict=True,
            )
        )
        row.update(id=uuid.uuid4().hex, kind="note", new="early", seq=99)
        row["at"] = conn.execute("select datetime(?, '-1 hour')", (row["at"],)).fetchone()[0]
        marks = ", ".join("?" for _ in columns)
        conn.execute(f"insert into case_events ({', '.join(columns)}) values ({marks})", list(row.values()))
        conn.execute("update cases set first_response_at = datetime(opened_at, '-5 minutes') where ref = 'b'")
    conn.close()
    problems = check(seeded)
    assert any("case a" in p and "before its opening" in p for p in problems), problems
    assert any("case b" in p and "first_response_at" in p for p in problems), problems
