"""``desk sla``: the SLA clocks of cases at an instant, soonest deadline first, one clock or every clock.

Order: cases whose contractual clock runs (overdue first, then by deadline), then paused ones (least
working time left first), then those whose clock has stopped (met or missed, by deadline), then those
not started, and last the cases with no target at all. Text output is for people: instants in UTC to
the whole second (the column says so), durations as ``12 min 4 s`` or ``1 min 48 s overdue``, states and
clocks in words. JSON keeps the codes, the stored instants exactly and durations as whole seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desk.clock import format_instant, parse_instant
from desk.vocabulary import ClockState

if TYPE_CHECKING:  # the services import SQLAlchemy: loaded only when the command runs
    from desk.queries import CaseSlaRow
    from desk.report_words import Wording
    from desk.services import Desk
    from desk.sla import ClockResult

_GROUPS = {
    ClockState.ON_TRACK: 0,
    ClockState.AT_RISK: 0,
    ClockState.BREACHED: 0,
    ClockState.PAUSED: 1,
    ClockState.MET: 2,
    ClockState.MISSED: 2,
    ClockState.PENDING: 3,
}
_NO_TARGET = 4
_LATEST = "9999-12-31T23:59:59Z"


def add_sla_parser(sub: Any) -> None:
    """Add ``sla`` to the ``desk`` parser's subparsers."""
    sla = sub.add_parser(
        "sla",
        help="SLA clocks of every case not closed, soonest deadline first",
        description="The SLA clocks of every case not closed, as they stood at an instant. Cases whose "
        "contractual clock runs come first, soonest deadline first (overdue at the top); then paused, "
        "then stopped (met or missed) clocks; cases with no target come last.",
    )
    sla.add_argument(
        "--at",
        metavar="INSTANT",
        help="the instant to evaluate at, ISO 8601 with an offset, e.g. 2026-11-26T09:30:00+08:00 or "
        "2026-11-26T01:30:00Z (default: now)",
    )
    sla.add_argument("--all", action="store_true", help="include closed cases")
    sla.add_argument(
        "--clocks",
        action="store_true",
        help="show every clock of each case under it, contractual and internal (internal ones marked); "
        "--json always lists every clock",
    )
    sla.add_argument("--json", action="store_true", help="machine-readable output, in the same order")


def deadline_order(row: CaseSlaRow) -> tuple[int, int, str, str]:
    """Sort key: running clocks by deadline, then paused, stopped and pending ones; no target last."""
    clock = row.sla.contractual
    group = _GROUPS.get(clock.state, _NO_TARGET)
    if clock.state == ClockState.PAUSED:
        return group, clock.remaining_s or 0, "", row.ref
    deadline = format_instant(clock.deadline) if clock.deadline is not None else _LATEST
    return group, 0, deadline, row.ref


def cmd_sla(desk: Desk, args: argparse.Namespace) -> int:
    from desk.queries import iter_case_sla, sla_json
    from desk.services import InvalidInput

    try:
        at = parse_instant(args.at) if args.at else desk.clock.now()
    except ValueError as exc:
        raise InvalidInput("--at", str(exc)) from None
    rows = sorted(iter_case_sla(desk, at, include_closed=args.all), key=deadline_order)
    if args.json:
        # One write: json.dump to a text stream makes a write() per token (seconds for 20k cases).
        text = json.dumps([sla_json(r) for r in rows], ensure_ascii=False, indent=2, default=str)
        sys.stdout.write(text + "\n")
        return 0
    from desk.report_words import STATES, Wording, label

    words = Wording.of(desk.catalogs)
    # Columns two spaces apart: states and durations are several words.
    out = [f"{'case':<18}  {'sev':<4}  {'tier':<4}  {'state':<11}  {'remaining':>19}  deadline (UTC)"]
    for row in rows:
        first = row.sla.contractual
        out.append(
            f"{row.ref:<18}  {row.severity:<4}  {row.tier or '-':<4}  {label(STATES, first.state, 'en'):<11}  "
            f"{_remaining(first):>19}  {_instant(first.deadline)}"
        )
        if args.clocks:
            out.extend(_clock_line(clock, words) for clock in row.sla.clocks)
            out.append("")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _clock_line(clock: ClockResult, words: Wording) -> str:
    from desk.report_words import STATES, label
    from desk.sla import format_duration

    kind = "contractual" if clock.contractual else "internal"
    target = format_duration(int(clock.target.total_seconds())) if clock.target is not None else "-"
    paused = f"  paused {format_duration(clock.paused_s)}" if clock.paused_s else ""
    name = words.clock(clock.name, "en")
    return (
        f"    {name:<24}  {kind:<11}  {label(STATES, clock.state, 'en'):<11}  {_remaining(clock):>19}  "
        f"{_instant(clock.deadline):<20}  target {target}{paused}"
    )


def _remaining(clock: ClockResult) -> str:
    from desk.sla import format_duration

    return format_duration(clock.remaining_s) if clock.remaining_s is not None else "-"


def _instant(instant: datetime | None) -> str:
    # Down to the second, never later than the real deadline: what is left is counted down the same way.
    return format_instant(instant.replace(microsecond=0)) if instant is not None else "-"
