"""Contracts name their catalog version; a case keeps the rules of the contract in force when opened."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from desk.catalog import CatalogRegistry, default_catalog_dir, load_catalog
from desk.clock import FakeClock
from desk.interchange import Batch, Row, import_batch
from desk.queries import iter_case_sla
from desk.services import Desk
from desk.store.engine import Store


def revised_plan(tmp_path: Path) -> Path:
    text = (default_catalog_dir() / "aliyun-2018-04-24.toml").read_text(encoding="utf-8")
    text = text.replace('version = "2018-04-24"', 'version = "2027-01-01"', 1)
    text = text.replace('effective_from = "2018-04-24"', 'effective_from = "2027-01-01"', 1)
    text = text.replace("L3 = { S1 = 12, S2 = 40, S3 = 180", "L3 = { S1 = 10, S2 = 30, S3 = 120", 1)
    path = tmp_path / "revised.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_case_keeps_the_rules_of_its_contract(tmp_path: Path, store: Store, clock: FakeClock) -> None:
    registry = CatalogRegistry(
        [load_catalog(default_catalog_dir() / "aliyun-2018-04-24.toml"), load_catalog(revised_plan(tmp_path))]
    )
    desk = Desk(store, registry, clock)
    batch = Batch()
    batch.rows["customers"].append(Row("t", {"id": "C", "name": "Renewing Co."}))
    batch.rows["contracts"].append(
        Row("t", {"id": "OLD", "customer_id": "C", "tier": "L3", "start": "2026-01-01", "end": "2026-12-31"})
    )
    batch.rows["contracts"].append(
        Row("t", {"id": "NEW", "customer_id": "C", "tier": "L3", "start": "2027-01-01", "end": "2027-12-31"})
    )
    for ref, opened in (("IN-2026", "2026-12-31T15:00:00Z"), ("IN-2027", "2027-01-01T01:00:00Z")):
        batch.rows["cases"].append(
            Row(
                "t",
                {
                    "id": ref,
                    "customer_id": "C",
                    "title": ref,
                    "severity": "S3",
                    "channel": "ticket",
                    "opened_at": opened,
                },
            )
        )
    import_batch(desk, batch)
    rows = {r.ref: r for r in iter_case_sla(desk, datetime(2027, 1, 1, 1, 30, tzinfo=UTC))}
    # 2026-12-31T15:00Z is 23:00 on 31 December in Shanghai: the 2018 rules (3 h).
    assert rows["IN-2026"].sla.contractual.target == timedelta(hours=3)
    assert rows["IN-2027"].sla.contractual.target == timedelta(hours=2)
    assert rows["IN-2027"].sla.contractual.deadline == datetime(2027, 1, 1, 3, 0, tzinfo=UTC)
