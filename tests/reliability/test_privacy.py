"""Privacy: the database, its WAL files, backups and exports are the user's alone; nothing uses the network."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk.clock import FakeClock
from desk.store import backup
from desk.store.engine import open_store
from tests.helpers import T0
from tests.reliability.conftest import run_desk


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)  # the most permissive umask a user could have
    yield
    os.umask(old)


def _private(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode & 0o077 == 0, f"{path.name} is {oct(mode)}"


def test_files_are_created_0600_whatever_the_umask(
    tmp_path: Path, open_umask: None, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new" / "data"
    db = folder / "desk.sqlite"
    assert run_desk(capsys, db, "demo", "--cases", "20", "--open", "5", "--seed", "1").code == 0
    store = open_store(f"sqlite:///{db}", clock=FakeClock(T0), daily_backup=False)
    try:
        with store.write() as session:
            session.connection().exec_driver_sql("select 1")
        for name in ("desk.sqlite", "desk.sqlite-wal", "desk.sqlite-shm"):
            if (folder / name).exists():
                _private(folder / name)
        _private(folder)
    finally:
        store.close()
    assert run_desk(capsys, db, "sla", now="2026-11-27T01:00:00Z").code == 0  # the day's backup
    manual = Path(run_desk(capsys, db, "backup").out.strip())
    out = tmp_path / "export.json"
    assert run_desk(capsys, db, "export", "--out", str(out)).code == 0
    csv_dir = tmp_path / "csv"
    assert run_desk(capsys, db, "export", "--format", "csv", "--out", str(csv_dir)).code == 0
    assert run_desk(capsys, db, "restore", str(manual)).code == 0
    backups = list((folder / "backups").iterdir())
    assert {b.reason.split("-")[0] for b in backup.list_backups(db, folder / "backups")} >= {
        "daily",
        "manual",
        "before",
    }
    for path in [*backups, out, *csv_dir.iterdir()]:
        _private(path)
    _private(folder / "backups")
    _private(db)


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    open_store(f"sqlite:///{db}").close()
    db.chmod(0o644)
    open_store(f"sqlite:///{db}").close()
    _private(db)


class _NoNetwork(socket.socket):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"the desk opened a socket: socket{args}")


def test_no_command_opens_a_socket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        opened.append(repr(args))
        raise OSError("network use is forbidden in this test")

    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "socketpair", refuse)
    db = tmp_path / "desk.sqlite"
    commands = [
        ["init"],
        ["demo", "--cases", "30", "--open", "10", "--seed", "2"],
        ["case", "open", "CUST-00001", "网络故障", "--severity", "S2", "--id", "n1"],
        ["case", "respond", "n1"],
        ["case", "regrade", "n1", "S1", "--reason", "worse"],
        ["case", "note", "n1", "note"],
        ["sla", "--json"],
        ["quota", "CUST-00001"],
        ["check"],
        ["export", "--out", str(tmp_path / "e.json")],
        ["import", str(tmp_path / "e.json")],
        ["backup"],
        ["backups"],
    ]
    for args in commands:
        result = run_desk(capsys, db, *args)
        assert result.code in (0, 2), (args, result)
    assert opened == []
