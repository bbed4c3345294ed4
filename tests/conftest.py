"""Shared fixtures: a temporary data dir, a fake clock, a store and the desk services over them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

# Qt (for tests/ui) never needs a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.services import Desk
from desk.store.engine import Store, open_store

T0 = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("DESK_DB_URL", raising=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture(scope="session")
def catalogs() -> CatalogRegistry:
    return CatalogRegistry.load_dir(default_catalog_dir())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    s = open_store(f"sqlite:///{db_path}", clock=clock)
    yield s
    s.close()


@pytest.fixture
def desk(store: Store, catalogs: CatalogRegistry, clock: FakeClock) -> Desk:
    return Desk(store, catalogs, clock, actor="tester")
