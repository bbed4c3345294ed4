"""Core fixtures: a desk with one customer per tier (contracts from 2026-01-01 for a year)."""

from __future__ import annotations

from datetime import date

import pytest

from desk.interchange import Batch, Row, import_batch
from desk.services import Desk


def seed_customers(desk: Desk, start: date = date(2026, 1, 1), end: date = date(2026, 12, 31)) -> None:
    batch = Batch()
    for tier in ("L1", "L2", "L3", "L4"):
        batch.rows["customers"].append(Row(f"seed {tier}", {"id": f"cust-{tier}", "name": f"客户 {tier} Ltd."}))
        batch.rows["contracts"].append(
            Row(
                f"seed {tier}",
                {
                    "id": f"k-{tier}",
                    "customer_id": f"cust-{tier}",
                    "tier": tier,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                },
            )
        )
    import_batch(desk, batch)


@pytest.fixture
def seeded(desk: Desk) -> Desk:
    seed_customers(desk)
    return desk
