"""Open cases whose clocks stand, at T0 + 3 h, in every group of the queue's default order."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import NamedTuple

from desk.clock import FakeClock
from desk.services import Desk


class Mix(NamedTuple):
    old: uuid.UUID  # breached 2 h 48 min ago
    recent: uuid.UUID  # breached 10 min ago
    at_risk: uuid.UUID  # 2 min left
    on_track: uuid.UUID  # 2 h left
    paused: uuid.UUID  # waiting on the customer


def open_mix(desk: Desk, clock: FakeClock) -> Mix:
    """Cases opened over three hours (the clock ends at T0 + 3 h); all on L3, 7x24 clocks."""
    start = clock.now()

    def open_at(minutes: int, severity: str, title: str) -> uuid.UUID:
        clock.set(start + timedelta(minutes=minutes))
        (case_id,) = desk.open_case("cust-L3", title, severity, "ticket").cases
        return case_id

    old = open_at(0, "S1", "old breach")  # 12 min: due T0 + 12 min
    on_track = open_at(120, "S3", "on track")  # 3 h: due T0 + 5 h
    recent = open_at(130, "S2", "recent breach")  # 40 min: due T0 + 2 h 50
    paused = open_at(140, "S4", "waiting")
    desk.record_response(paused)
    desk.set_status(paused, "waiting_customer")
    at_risk = open_at(170, "S1", "at risk")  # 12 min: due T0 + 3 h 02
    clock.set(start + timedelta(hours=3))
    return Mix(old, recent, at_risk, on_track, paused)
