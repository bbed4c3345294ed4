"""``desk handover ...``: create, sign, acknowledge, correct, export, list, verify and diff handover reports.

Report ids may be given in full or as a unique prefix (at least 6 hex digits). Nothing here edits a
frozen report: ``entry`` edits a shift's working notes and is refused once its handover is signed;
``create`` on a signed shift needs ``--correction REASON`` and then issues a new, linked revision.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.clock import format_instant, parse_instant
from desk.report_render import FORMATS
from desk.report_words import DIFF_KEYS

if TYPE_CHECKING:  # the services import SQLAlchemy: loaded only when a handover command runs
    from desk.handover import Handover, ReportSummary
    from desk.services import Desk

EXIT_OK, EXIT_FAIL = 0, 1


def add_handover_parser(sub: Any) -> None:
    """Add ``handover`` and its subcommands to the ``desk`` parser's subparsers."""
    hand = sub.add_parser("handover", help="shift handover reports: create, sign, ack, export, list, verify")
    cmds = hand.add_subparsers(dest="handover_command", required=True, metavar="SUBCOMMAND")
    create = cmds.add_parser("create", help="freeze a handover report for a shift (prints the new report's id)")
    create.add_argument("--from", dest="start", required=True, help="shift start (ISO 8601 with offset)")
    create.add_argument("--to", dest="end", required=True, help="shift end (ISO 8601 with offset)")
    create.add_argument("--outgoing", required=True, help="the agent handing over")
    create.add_argument("--incoming", default="", help="the agent taking over")
    create.add_argument(
        "--agents",
        metavar="A,B",
        help="whose cases the handover covers: assigned to them or acted on during the shift "
        "(default: the outgoing agent's; an existing shift keeps its own)",
    )
    create.add_argument("--timezone", help="the zone the report shows times in (default: the plan's)")
    create.add_argument("--notes", help="free-form notes for the report")
    create.add_argument("--correction", metavar="REASON", help="issue a corrected revision of a signed handover")
    create.add_argument("--horizon", type=int, default=4, metavar="HOURS", help="'due soon' look-ahead (default 4)")
    create.add_argument("--json", action="store_true", help="print id, revision, hash and open points as JSON")
    for name, helptext in (("sign", "sign as the outgoing agent"), ("ack", "acknowledge as the incoming agent")):
        p = cmds.add_parser(name, help=helptext)
        p.add_argument("id")
        # `--as` is also a global option of desk; this one (given after the subcommand) wins.
        p.add_argument("--as", dest="person", help="who signs (default: the global --as)")
    export = cmds.add_parser(
        "export",
        help="write a report (atomically): pdf, html, md (the whole report in Markdown), summary (a short "
        "Markdown summary for chat: counts, notes, open points, breaches, due soon), csv or json",
    )
    export.add_argument("id")
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("--out", required=True, type=Path)
    lst = cmds.add_parser("list", help="list handover reports, newest shift first")
    lst.add_argument("--agent", help="outgoing or incoming agent")
    lst.add_argument("--date", help="a day the shift covers, in the shift's time zone (YYYY-MM-DD)")
    lst.add_argument("--unsigned", action="store_true", help="latest revisions not signed yet")
    lst.add_argument("--unacknowledged", action="store_true", help="latest revisions not acknowledged yet")
    lst.add_argument("--latest", action="store_true", help="only the latest revision of each shift")
    lst.add_argument("--json", action="store_true")
    verify = cmds.add_parser("verify", help="recompute the hash: exit 0 if the stored report is intact, 1 if not")
    verify.add_argument("id")
    diff = cmds.add_parser("diff", help="cases new, gone and breached since the previous shift's report")
    diff.add_argument("id")
    diff.add_argument("--json", action="store_true")
    entry = cmds.add_parser("entry", help="set a case's handover note, owner, next action (refused once signed)")
    entry.add_argument("id", help="a report id of the shift")
    entry.add_argument("case", help="the case id")
    entry.add_argument("--note")
    entry.add_argument("--owner")
    entry.add_argument("--next-action")
    entry.add_argument("--briefed", action=argparse.BooleanOptionalAction, default=None)
    entry.add_argument(
        "--expect-version", type=int, metavar="N", help="refuse (exit 1) if the entry changed since version N"
    )


def private_dir(path: Path) -> None:
    """Create ``path`` and its missing parents 0700 whatever the umask (an existing folder is left alone)."""
    missing = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)  # mkdir's mode passes through the umask


def _bad(field: str, message: str) -> Exception:
    from desk.services import InvalidInput

    return InvalidInput(field, message)


def _instant(text: str, name: str) -> Any:
    try:
        return parse_instant(text)
    except ValueError as exc:
        raise _bad(name, str(exc)) from None


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def summary_json(s: ReportSummary) -> dict[str, Any]:
    def opt(value: Any) -> str | None:
        return format_instant(value) if value is not None else None

    return {
        "id": str(s.id), "shift_id": str(s.shift_id), "revision": s.revision,
        "previous_id": str(s.previous_id) if s.previous_id else None, "outgoing": s.outgoing,
        "incoming": s.incoming, "from": opt(s.starts_at), "to": opt(s.ends_at), "timezone": s.timezone,
        "generated_at": opt(s.generated_at), "generated_by": s.generated_by, "sha256": s.sha256,
        "signed_by": s.signed_by, "signed_at": opt(s.signed_at), "acknowledged_by": s.acknowledged_by,
        "acknowledged_at": opt(s.acknowledged_at), "correction_reason": s.correction_reason,
        "superseded": s.superseded,
    }  # fmt: skip


def cmd_handover(desk: Desk, args: argparse.Namespace) -> int:
    from desk.handover import Handover

    handover = Handover(desk, horizon_hours=getattr(args, "horizon", 4))
    sub = args.handover_command
    if sub == "create":
        return _create(handover, args)
    if sub == "list":
        return _list(handover, args)
    report_id = handover.resolve_id(args.id)
    if sub in ("sign", "ack"):
        person = args.person or desk.actor
        done = handover.sign(report_id, person) if sub == "sign" else handover.acknowledge(report_id, person)
        when = done.signed_at if sub == "sign" else done.acknowledged_at
        verb = "signed" if sub == "sign" else "acknowledged"
        # To the second: a person reads it (the stored instant keeps its microseconds).
        shown = format_instant(when.replace(microsecond=0)) if when else "-"
        print(f"{done.id} revision {done.revision} {verb} by {person} at {shown}")
        return EXIT_OK
    if sub == "export":
        from desk.report_render import export_report

        stored = handover.get(report_id)
        private_dir(args.out.parent)  # a report names customers: a new folder for it is the user's alone
        try:
            path = export_report(
                stored, args.format, args.out, handover.desk.catalogs, renderers=getattr(args, "renderers", None)
            )
        except LookupError as exc:
            print(f"desk: {exc}", file=sys.stderr)
            return EXIT_FAIL
        print(path)
        return EXIT_OK
    if sub == "verify":
        result = handover.verify(report_id)
        if result.ok:
            print(f"intact: {result.report_id} sha256 {result.computed_sha256}")
            return EXIT_OK
        print(f"DAMAGED: {result.report_id}")
        for problem in result.problems:
            print(f"  {problem}")
        return EXIT_FAIL
    if sub == "diff":
        return _diff(handover, report_id, args)
    if sub == "entry":
        shift_id = handover.get(report_id).summary.shift_id
        case_id = _case_id(desk, args.case)
        handover.set_entry(
            shift_id,
            case_id,
            note=args.note,
            owner=args.owner,
            next_action=args.next_action,
            briefed=args.briefed,
            expected_version=args.expect_version,
        )
        print(args.case)
        return EXIT_OK
    raise _bad("handover", f"unknown subcommand {sub!r}")


def _case_id(desk: Desk, ref: str) -> Any:
    from sqlalchemy import select

    from desk.store.models import Case

    with desk.store.read() as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == ref))
    if case_id is None:
        raise _bad("case", f"no case {ref!r}")
    return case_id


def _create(handover: Handover, args: argparse.Namespace) -> int:
    if not 1 <= args.horizon <= 48:
        raise _bad("--horizon", "give 1 to 48 hours")
    start, end = _instant(args.start, "--from"), _instant(args.end, "--to")
    agents = args.agents.split(",") if args.agents is not None else None
    shift = handover.find_shift(args.outgoing, start, end)
    if shift is not None and (shift.starts_at, shift.ends_at) != (start, end) and not shift.locked:
        raise _bad(
            "--from",
            f"{args.outgoing} already has a shift {shift.starts_at:%Y-%m-%d %H:%M}Z-{shift.ends_at:%Y-%m-%d %H:%M}Z "
            f"overlapping this window ({shift.id}); give its exact window to regenerate its report",
        )
    if shift is None:
        shift = handover.start_shift(
            args.outgoing, incoming=args.incoming, starts_at=start, ends_at=end, timezone=args.timezone,
            scope=agents if agents is not None else [args.outgoing],
        )  # fmt: skip
    elif shift.locked:
        if not args.correction:
            raise _bad(
                "--correction", "this shift's handover is signed: give --correction REASON to issue a new revision"
            )
        latest = handover.latest_report(shift.id)
        assert latest is not None  # a locked shift has a signed report
        handover.open_correction(latest.id, args.correction)
    if args.incoming and args.incoming != shift.incoming:
        handover.set_incoming(shift.id, args.incoming)
    if args.notes is not None:
        handover.set_notes(shift.id, args.notes)
    if agents is not None:
        handover.set_scope(shift.id, agents)
    report = handover.generate(shift.id)
    if args.json:
        data = handover.get(report.id).data
        scope = handover.shift(shift.id).scope
        _print_json(
            {
                **summary_json(report),
                "scope": list(scope) if scope is not None else None,
                "readiness": data["readiness"],
                "summary": data["summary"],
            }
        )
    else:
        print(report.id)
    return EXIT_OK


def _list(handover: Handover, args: argparse.Namespace) -> int:
    day = None
    if args.date:
        try:
            day = date.fromisoformat(args.date)
        except ValueError:
            raise _bad("--date", f"{args.date!r} is not a date (YYYY-MM-DD)") from None
    reports = handover.list_reports(
        agent=args.agent, day=day, unsigned=args.unsigned, unacknowledged=args.unacknowledged,
        latest_only=args.latest,
    )  # fmt: skip
    if args.json:
        _print_json([summary_json(r) for r in reports])
        return EXIT_OK
    # Every row in one zone, said in the header: shifts of different zones compare at a glance. The
    # shift's own zone (its report's times) is the last column.
    print(f"{'id':<36}  rev  {'shift (UTC)':<28}  {'outgoing -> incoming':<28}  signed  ack  shift's zone")
    for r in reports:
        start, end = r.starts_at.astimezone(UTC), r.ends_at.astimezone(UTC)
        window = (
            f"{start:%Y-%m-%d %H:%M} – {end:%H:%M}"
            if end.date() == start.date()
            else f"{start:%Y-%m-%d %H:%M} – {end:%m-%d %H:%M}"
        )
        people = f"{r.outgoing} -> {r.incoming or '?'}"
        flags = f"{'yes' if r.signed else 'no':<6}  {'yes' if r.acknowledged_at else 'no':<3}"
        print(
            f"{r.id}  {r.revision:>3}  {window:<28}  {people:<28}  {flags}  {r.timezone}"
            + ("  (superseded)" if r.superseded else "")
        )
    return EXIT_OK


def _diff(handover: Handover, report_id: Any, args: argparse.Namespace) -> int:
    diff = handover.diff_with_previous(report_id)
    value: dict[str, Any] = {
        "report": str(diff.current.id),
        "previous_report": str(diff.previous.id) if diff.previous else None,
        "new": [r["ref"] for r in diff.new_cases],
        "gone": [r["ref"] for r in diff.gone_cases],
        "breached_since": [r["ref"] for r in diff.breached_since],
    }
    if args.json:
        _print_json(value)
        return EXIT_OK
    if diff.previous is None:
        print("no previous shift's report to compare with")
        return EXIT_OK
    print(f"compared with {diff.previous.id} ({diff.previous.outgoing}, revision {diff.previous.revision})")
    for key, words in DIFF_KEYS.items():
        print(f"{words}: {', '.join(value[key]) or '-'}")
    return EXIT_OK
