"""``desk sla``: the SLA clocks of cases at an instant, soonest deadline first, one clock or every clock.

Order: cases whose contractual clock runs (overdue first, then by deadline), then paused ones (least
working time left first), then those whose clock has stopped (met or missed, by deadline), then those
not started, and last the cases with no target at all. Text output is for people: instants in UTC to
the whole second (the column says so), durations as ``12 min 4 s`` or ``1 min 48 s overdue``, states and
clocks in words. JSON keeps the codes, the stored instants exactly and durations as whole seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from desk.clock import format_instant, parse_instant
from desk.vocabulary import ClockState

if TYPE_CHECKING:  # the services import SQLAlchemy: loaded only when the command runs
    from desk.progress import Progress
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
_BIAS = 10**18  # remaining seconds (negative when overdue) as a fixed-width count that sorts as numbers do
_WRITE_EVERY = 500


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


def sort_text(row: CaseSlaRow) -> str:
    """``deadline_order`` as one compact string that sorts the same way (a list of them costs a third as much)."""
    group, remaining, deadline, ref = deadline_order(row)
    # Fixed widths for the numbers, and NUL after each text: a shorter text sorts first, as in a tuple.
    return f"{group}{remaining + _BIAS:020d}{deadline}\0{ref}\0"


def in_deadline_order(rows: Iterable[CaseSlaRow], render: Callable[[CaseSlaRow], str]) -> Iterator[str]:
    """Each row rendered, in ``deadline_order``, in memory that holds only a short sort key per row.

    The order depends on each clock's state at the instant asked (paused, met or missed then), which the
    cached deadline columns (the state now) cannot give for another instant; so the rows are evaluated in
    reading order, their renderings spooled to a temporary file, and only (key, place) strings sorted.
    """
    keys: list[str] = []
    with tempfile.TemporaryFile() as spool:
        end = 0
        for row in rows:
            data = render(row).encode()
            spool.write(data)
            keys.append(f"{sort_text(row)}{end:x} {len(data):x}")
            end += len(data)
        keys.sort()
        spool.flush()
        for key in keys:
            place, size = key[key.rindex("\0") + 1 :].split(" ")
            spool.seek(int(place, 16))
            yield spool.read(int(size, 16)).decode()


def cmd_sla(desk: Desk, args: argparse.Namespace) -> int:
    from desk.progress import Progress
    from desk.queries import count_case_sla, iter_case_sla
    from desk.services import InvalidInput

    try:
        at = parse_instant(args.at) if args.at else desk.clock.now()
    except ValueError as exc:
        raise InvalidInput("--at", str(exc)) from None
    # The count is only for the progress line on a terminal: elsewhere it would read the whole table once more.
    total = count_case_sla(desk, at, include_closed=args.all) if sys.stderr.isatty() else None
    progress = Progress("cases", total)
    rows = _counted(iter_case_sla(desk, at, include_closed=args.all), progress)
    try:
        if args.json:
            _write_json(in_deadline_order(rows, _json_item), sys.stdout)
        else:
            _write_table(in_deadline_order(rows, _table_lines(desk, args.clocks)), sys.stdout)
    finally:
        progress.close()
    return 0


def _counted(rows: Iterable[CaseSlaRow], progress: Progress) -> Iterator[CaseSlaRow]:
    for row in rows:
        progress.step()
        yield row


def _json_item(row: CaseSlaRow) -> str:
    from desk.queries import sla_json_text

    # Indented as an item of the top-level list, so the whole output is what json.dumps(list, indent=2) gives.
    return sla_json_text(row)


def _write_json(items: Iterable[str], out: IO[str]) -> None:
    """A JSON list of already encoded items, written as it comes, byte for byte what json.dumps(indent=2) gives."""
    parts: list[str] = []
    empty = True
    for item in items:
        parts.append(("[\n  " if empty else ",\n  ") + item)
        empty = False
        if len(parts) >= _WRITE_EVERY:  # a few large writes: a write per item costs more than the item
            out.write("".join(parts))
            parts.clear()
    parts.append("[]\n" if empty else "\n]\n")
    out.write("".join(parts))


def _table_lines(desk: Desk, clocks: bool) -> Callable[[CaseSlaRow], str]:
    from desk.report_words import STATES, Wording, label

    words = Wording.of(desk.catalogs)

    def lines(row: CaseSlaRow) -> str:
        first = row.sla.contractual
        out = [
            f"{row.ref:<18}  {row.severity:<4}  {row.tier or '-':<4}  {label(STATES, first.state, 'en'):<11}  "
            f"{_remaining(first):>19}  {_instant(first.deadline)}\n"
        ]
        if clocks:
            out.extend(_clock_line(clock, words) + "\n" for clock in row.sla.clocks)
            out.append("\n")
        return "".join(out)

    return lines


def _write_table(lines: Iterable[str], out: IO[str]) -> None:
    # Columns two spaces apart: states and durations are several words.
    parts = [f"{'case':<18}  {'sev':<4}  {'tier':<4}  {'state':<11}  {'remaining':>19}  deadline (UTC)\n"]
    for text in lines:
        parts.append(text)
        if len(parts) >= _WRITE_EVERY:
            out.write("".join(parts))
            parts.clear()
    out.write("".join(parts))


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
