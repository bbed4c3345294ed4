"""The test server's database emptied: every table, trigger and function of the desk dropped with its schema."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def wipe_server(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
