"""Plain helpers every test folder shares: the suite's fixed instant and one customer per tier.

Fixtures live in ``tests/conftest.py``; the shift and queue builders in ``tests.helpers.handover`` and
``tests.helpers.queue``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from desk.interchange import Batch, Row, import_batch
from desk.services import Desk

T0 = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


def seed_customers(desk: Desk, start: date = date(2026, 1, 1), end: date = date(2026, 12, 31)) -> None:
    """Customers cust-L1 .. cust-L4 (named "客户 L3 Ltd." and so on), each with a contract of that tier."""
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
