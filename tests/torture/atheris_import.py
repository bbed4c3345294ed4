"""Coverage-guided fuzzing of the importer with atheris (optional: skipped when atheris is missing).

Each input is written as a JSON file and as cases.csv and imported into a scratch database; anything
other than success or ImportFailed (with problems naming the file) is a crash atheris reports, and a
refused import must leave the database's export unchanged.
Usage: python -m tests.torture.atheris_import [-runs=N] [atheris/libFuzzer options]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from desk.interchange import ImportFailed, export_data, import_batch, read_files

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.services import Desk
from desk.store.engine import open_store
from tests.helpers import T0

WORK = Path(tempfile.mkdtemp(prefix="desk-atheris-"))
CLOCK = FakeClock(T0)
STORE = open_store(f"sqlite:///{WORK / 'desk.sqlite'}", clock=CLOCK, daily_backup=False)
DESK = Desk(STORE, CatalogRegistry.load_dir(default_catalog_dir()), CLOCK)
SEEDS = [
    b'{"customers": [{"id": "c", "name": "n"}], "contracts": [{"id": "k", "customer_id": "c", "tier": "L3", '
    b'"start": "2026-01-01", "end": "2026-12-31"}], "cases": [{"id": "x", "customer_id": "c", "title": "t", '
    b'"severity": "S2", "channel": "ticket", "opened_at": "2026-11-26T09:00:00+08:00"}]}',
    b"id,customer_id,title,severity,channel,opened_at\r\nx,c,t,S2,ticket,2026-11-26T09:00:00Z\r\n",
]


def one_input(data: bytes) -> None:
    for name in ("data.json", "cases.csv"):
        path = WORK / name
        path.write_bytes(data)
        before = export_data(DESK)
        try:
            import_batch(DESK, read_files([path]))
        except ImportFailed as exc:
            assert all(p.startswith(f"{path}") for p in exc.problems), exc.problems
            assert export_data(DESK) == before


def main() -> None:
    corpus = WORK / "corpus"
    corpus.mkdir()
    for i, seed in enumerate(SEEDS):
        (corpus / f"seed{i}").write_bytes(seed)
    atheris.Setup([*sys.argv, str(corpus)], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
