"""Shared fixtures: a temporary data dir, a fake clock, a store, the desk services over them, seeded customers.

Plain helpers (the fixed instant ``T0``, ``seed_customers``, the shift and queue builders) are in
``tests/helpers``; fixtures only one folder needs stay in that folder's ``conftest.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt (for tests/ui) never needs a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.handover import StoredReport
from desk.services import Desk
from desk.store.engine import Store, open_store
from tests.helpers import T0, seed_customers
from tests.helpers.handover import build_shift
from tests.helpers.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("DESK_DB_URL", raising=False)


@pytest.fixture(autouse=True)
def _memory_keyring() -> Iterator[MemoryKeyring]:
    """Server passwords go to a keyring in memory, never to the system keyring of whoever runs the tests."""
    import keyring

    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


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


@pytest.fixture
def seeded(desk: Desk) -> Desk:
    """The desk with customers cust-L1 .. cust-L4 under contract for 2026."""
    seed_customers(desk)
    return desk


@pytest.fixture
def stored(seeded: Desk, clock: FakeClock) -> StoredReport:
    """alice's shift (``build_shift``) as a generated report, signed by her."""
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    built.handover.sign(report.id, "alice")
    return built.handover.get(report.id)
