from __future__ import annotations

from datetime import timedelta

from desk.clock import FakeClock
from desk.services import Desk


def test_open_respond_regrade_roundtrip(seeded: Desk, clock: FakeClock) -> None:
    changes = seeded.open_case("cust-L3", "数据库连接失败", "S3", "ticket")
    (case_id,) = changes.cases
    clock.advance(timedelta(minutes=30))
    seeded.regrade(case_id, "S1", "whole site down")
    with seeded.store.read() as s:
        from desk.store.models import Case

        case = s.get(Case, case_id)
        assert case is not None
        sla = seeded.evaluate_case(case)
    first = sla.contractual
    assert first.deadline is not None
    assert first.deadline - case.opened_at == timedelta(minutes=42)
    assert first.state == "on_track"
    clock.advance(timedelta(minutes=10))
    seeded.record_response(case_id)
    with seeded.store.read() as s:
        case = s.get(Case, case_id)
        assert case is not None
        assert seeded.evaluate_case(case).contractual.state == "met"
