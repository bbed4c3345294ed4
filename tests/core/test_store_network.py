"""A SQLite file on a network file system is refused: WAL cannot be shared there (a server is the way)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.store import engine
from desk.store.engine import StoreError, open_store


@pytest.mark.parametrize("fstype", ["nfs", "nfs4", "cifs"])
def test_a_database_on_a_network_share_is_refused_and_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fstype: str
) -> None:
    monkeypatch.setattr(engine, "_filesystem_type", lambda _path: fstype)
    db = tmp_path / "desk.sqlite"
    with pytest.raises(StoreError) as refused:
        open_store(f"sqlite:///{db}")
    assert fstype in str(refused.value)
    assert not db.exists()
