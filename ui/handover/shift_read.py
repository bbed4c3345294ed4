"""What the handover dialog shows of a shift, read in one go: off the GUI thread when the dialog opens
(on a large desk the shift's cases and their readiness are thousands of rows), at once after a write."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from desk.handover import Handover, HandoverCaseRow, ReportSummary, ShiftInfo
from desk.handover_report import ReadinessProblem


@dataclass(frozen=True)
class ShiftRead:
    """The shift (None: the agent has none to hand over yet) and, with it, all the dialog shows of it."""

    shift: ShiftInfo | None
    latest: ReportSummary | None = None
    agents: tuple[str, ...] = ()
    cases: tuple[HandoverCaseRow, ...] = ()
    problems: tuple[ReadinessProblem, ...] = ()


def read_shift(handover: Handover, agent: str, shift_id: uuid.UUID | None) -> ShiftRead:
    """The shift ``shift_id``, or the agent's unfinished one; only desk calls, so any thread may run it."""
    shift = handover.shift(shift_id) if shift_id else handover.unfinished_shift(agent)
    if shift is None:
        return ShiftRead(None)
    return ShiftRead(
        shift,
        handover.latest_report(shift.id),
        tuple(handover.known_agents()),
        tuple(handover.shift_cases(shift.id)),
        tuple(handover.readiness(shift.id)),
    )
