"""``desk``: the headless commands, over the same services the window uses.

Exit codes: 0 ok, 1 failure (the environment: a damaged or locked database...), 2 bad input (the message
names the file, row and field).
"""

from __future__ import annotations

import argparse
import getpass
import json
import shutil
import sys
import textwrap
import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desk import __version__
from desk.atomic import atomic_write
from desk.catalog import CatalogError, CatalogRegistry, default_catalog_dir
from desk.cli_handover import add_handover_parser, cmd_handover, private_dir
from desk.cli_migrate import add_migrate_parser, cmd_migrate
from desk.cli_replica import REPLICA_HANDLERS, add_replica_parser
from desk.cli_report import add_report_parser, cmd_report
from desk.cli_sla import add_sla_parser, cmd_sla
from desk.clock import Clock, FakeClock, SystemClock, parse_instant
from desk.errors import BadInput, DeskError, exit_code
from desk.paths import default_db_url
from desk.report_render import Renderer

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2
READ_ONLY_LISTINGS = frozenset({"sla"})  # opened with --read-only: no page check first (see main)


def _parser(for_help: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="desk", description="The support desk, headless.")
    p.add_argument("--version", action="version", version=f"desk {__version__}")
    p.add_argument("--db", help="SQLAlchemy URL of the database (default: $DESK_DB_URL or the user data dir)")
    p.add_argument(
        "--as",
        dest="actor",
        metavar="NAME",
        help="the agent name recorded in the event log (default: your login name)",
    )
    p.add_argument("--now", help=argparse.SUPPRESS)  # an injected clock for scripts and tests
    p.add_argument("--read-only", action="store_true", help="open the database read-only")
    p.add_argument(
        "--replica",
        metavar="FILE",
        help="with a server --db: this workstation's offline replica (default: $DESK_REPLICA or the user data dir)",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("init", help="create or upgrade the database")
    imp = sub.add_parser("import", help="import customers, contracts, cases, quota uses (all or nothing)")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    exp = sub.add_parser("export", help="export everything in the interchange format")
    exp.add_argument("--format", choices=("json", "csv"), default="json")
    exp.add_argument("--out", type=Path, help="file (json) or folder (csv); json defaults to stdout")
    add_sla_parser(sub)
    quota = sub.add_parser("quota", help="quota use of a customer in the current contract year")
    quota.add_argument("customer", help="the customer's id")
    quota.add_argument("--on", help="a date in the contract year to show (YYYY-MM-DD)")
    quota.add_argument("--json", action="store_true")
    demo = sub.add_parser("demo", help="fill the database with deterministic demo data")
    demo.add_argument("--cases", type=int, default=2000)
    demo.add_argument("--open", type=int, default=300)
    demo.add_argument("--seed", type=int, default=1)
    sub.add_parser("check", help="check schema and integrity")
    backup = sub.add_parser("backup", help="back up the database now")
    backup.add_argument("--out", type=Path, help="where to write the backup (default: the backups folder)")
    sub.add_parser("backups", help="list the backups of the database")
    restore = sub.add_parser("restore", help="restore a backup (the current file is backed up first)")
    restore.add_argument("backup", type=Path)

    case = sub.add_parser("case", help="work on cases").add_subparsers(dest="case_command", required=True)
    _add_case_open_parser(case, for_help)
    helps = {
        "respond": "record a response (--reason: its text)",
        "note": "add a note",
        "regrade": "change the severity (--reason says why)",
        "status": "change the status (an ended case goes back to work only by reopen)",
        "assign": "assign to an agent",
        "reopen": "reopen a resolved or closed case (--reason required); its internal clocks run again",
        "replied": "the customer replied: a case waiting on them goes back in progress",
    }
    for name, text in helps.items():
        c = case.add_parser(name, help=text)
        c.add_argument("case", help="the case id")
        if name in ("note", "regrade", "status", "assign"):
            c.add_argument("value")
        c.add_argument("--reason", default="")
        c.add_argument("--expect-version", type=int)
    show = case.add_parser("show", help="one case: its fields, clocks and any conflict waiting to be resolved")
    show.add_argument("case", help="the case id")
    _add_book_parser(sub)
    cancel = sub.add_parser("cancel", help="cancel a quota booking (gives the quota back)")
    cancel.add_argument("booking", help="the booking's id, as `desk book` printed it or `desk quota` lists it")
    cancel.add_argument("--reason", default="", help="why it is cancelled (kept in the booking's log)")
    add_handover_parser(sub)
    add_report_parser(sub)
    add_replica_parser(sub)
    add_migrate_parser(sub)
    return p


def _add_case_open_parser(case: Any, for_help: bool) -> None:
    op = case.add_parser(
        "open",
        help="open a case (prints its id)",
        description=_wrapped("Open a case for a customer; its clocks start now. Prints the new case's id."),
        epilog="example:\n  desk case open CUST-00001 'checkout fails' --severity CODE --channel CODE",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    op.add_argument("customer", help="the customer's id, e.g. CUST-00001")
    op.add_argument("title", help="a one-line title (quote it when it has spaces)")
    op.add_argument(
        "--severity",
        required=True,
        metavar="CODE",
        help="a severity code of the customer's plan (the catalog); a code the plan does not have is refused "
        "with the list of valid ones",
    )
    op.add_argument(
        "--channel",
        default="",
        metavar="CODE",
        help="how the customer reached us: a channel code of the customer's plan (the catalog)"
        f"{_plan_channels() if for_help else ''}; default: the plan's default channel",
    )
    op.add_argument("--id", dest="ref", metavar="ID", help="the case id to use (default: the next CYYYYMMDD-NNNN)")
    op.add_argument("--assignee", default="", metavar="NAME", help="the agent to assign it to (default: nobody)")
    op.add_argument("--description", default="", metavar="TEXT", help="what the customer reported, in full")
    op.add_argument(
        "--third-party", action="store_true", help="the problem is in third-party software (scope depends on tier)"
    )


def _plan_channels() -> str:
    """The installed plans' channel codes, for the help ("" when the catalog cannot be read now)."""
    from desk.report_words import default_wording

    try:
        codes = list(default_wording().channels)
    except CatalogError:  # the command itself will say what is wrong with the catalog
        return ""
    return f", e.g. {', '.join(codes)}" if codes else ""


def _add_book_parser(sub: Any) -> None:
    book = sub.add_parser(
        "book",
        help="book quota for a contract (prints the booking's id)",
        description=_wrapped(
            "Book one of the plan's quotas (sessions, consultations or seats) in the contract year of its first "
            "day. A booking over the quota, longer than the plan allows or not included in the tier is refused "
            "unless --override gives a reason. Prints the booking's id, for `desk cancel ID`."
        ),
        epilog="examples:\n  desk book K-00001 KIND 2026-12-01 2026-12-01\n"
        "  desk book K-00001 KIND 2026-12-01 2026-12-03 --course NAME --persons 2 --override 'approved by ...'\n"
        "`desk quota CUSTOMER` lists the kinds of the customer's plan, what is used and what is left.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    book.add_argument("contract", help="the contract's id, e.g. K-00001")
    book.add_argument(
        "kind",
        help="a quota kind of the contract's plan (the catalog); an unknown kind is refused with the list of "
        "valid ones, and `desk quota CUSTOMER` lists them",
    )
    book.add_argument("start", help="the first day, YYYY-MM-DD (in the plan's time zone)")
    book.add_argument("end", help="the last day, YYYY-MM-DD (inclusive; the same as start for one day)")
    book.add_argument(
        "--persons", type=int, default=1, metavar="N", help="seats, for quota counted per person (default: 1)"
    )
    book.add_argument("--course", default="", help="the course, for quota counted per course (e.g. training)")
    book.add_argument("--goals", default="", metavar="TEXT", help="what the customer wants from it")
    book.add_argument(
        "--override",
        default="",
        metavar="REASON",
        help="the reason to book beyond the entitlement (over the quota, too long or not in the tier)",
    )
    book.add_argument("--id", dest="ref", metavar="ID", help="the booking id to use (default: a new Q-... id)")


def _wrapped(text: str) -> str:
    return textwrap.fill(text, width=min(100, shutil.get_terminal_size().columns - 2))


def _login_name() -> str:
    """The agent recorded in the log when no --as is given: the login name, as the window uses."""
    try:
        return getpass.getuser() or "desk"
    except (OSError, KeyError, ImportError):  # no login name in the environment and no password entry
        return "desk"


def main(argv: Sequence[str] | None = None, *, renderers: Mapping[str, Renderer] | None = None) -> int:
    """The headless desk; ``renderers`` are the export formats its composition root hands in (PDF: the window's).

    The ``desk`` command is ``ui.cli_main``, which hands in the PDF renderer when Qt is installed.
    """
    if getattr(sys, "frozen", False):  # a bundle's demo makes its cases in processes started from this program
        import multiprocessing

        multiprocessing.freeze_support()
    given = sys.argv[1:] if argv is None else list(argv)
    # The catalog (a third of a second) is read for the help only when help is asked: not for every command.
    args = _parser(for_help=any(a in ("-h", "--help") for a in given)).parse_args(given)
    args.renderers = dict(renderers or {})  # read by the commands that export (desk.cli_handover)
    try:
        return _run(args)
    except DeskError as exc:  # bad input, storage, catalog, backup: the exit code follows the kind
        print(f"desk: {exc}", file=sys.stderr)
        return exit_code(exc)
    except BrokenPipeError:
        return EXIT_OK


def _clock(args: argparse.Namespace) -> Clock:
    if args.now:
        try:
            return FakeClock(parse_instant(args.now))
        except ValueError as exc:
            raise BadInput(f"--now: {exc}") from None
    return SystemClock()


def _run(args: argparse.Namespace) -> int:
    from desk.credentials import Passwords
    from desk.interchange import ImportFailed
    from desk.services import Desk, QuotaRefused
    from desk.store.engine import Store, open_store

    url = Passwords().complete(args.db or default_db_url())  # a server's password from the keyring
    if args.command == "restore":
        return _restore(url, args)
    if args.command == "migrate":
        return cmd_migrate(url, _clock(args))
    clock = _clock(args)
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    from sqlalchemy.exc import OperationalError

    from desk.cli_replica import after_command, announce, link_lost, open_server_for

    # A server database is used through this workstation's replica when the server cannot be reached.
    opened = open_server_for(url, args.replica, clock, read_only=args.read_only, command=args.command)
    args.team = opened if opened is not None and not isinstance(opened, Store) else None
    store = opened if isinstance(opened, Store) else args.team.store if args.team else None
    # A report or a read-only listing changes nothing, so SQLite's page check before writing has nothing to
    # guard, and on a big file it reads every page (as long as the listing itself); a damaged page the
    # command reads is still reported as damage (Store.read explains it).
    listing = args.command == "report" or (args.read_only and args.command in READ_ONLY_LISTINGS)
    store = store or open_store(url, clock=clock, read_only=args.read_only, quick_check=not listing)
    for warning in store.warnings:
        print(f"desk: warning: {warning}", file=sys.stderr)
    if args.team:
        announce(args.team, args.command)
    desk = Desk(store, catalogs, clock, actor=args.actor or _login_name())
    try:
        handler = COMMANDS[args.command]
        code = handler(desk, args)
        if args.team and code == EXIT_OK:
            after_command(args.team, desk, args.command)
        return code
    except OperationalError as exc:
        if opened is None:  # not a server: a bug or a file problem the store did not explain, loudly
            raise
        print(f"desk: {link_lost(url, exc)}", file=sys.stderr)
        return EXIT_FAIL
    except ImportFailed as exc:
        print(f"desk: import refused, nothing was written:\n{exc}", file=sys.stderr)
        return exit_code(exc)
    except QuotaRefused as exc:
        from desk.report_words import BOOKING_PROBLEMS, label, plain

        if all(p.overridable for p in exc.problems):
            print("desk: booking refused; give --override REASON to book anyway", file=sys.stderr)
        else:  # an override would not help: say only what is wrong
            print("desk: booking refused", file=sys.stderr)
        for problem in exc.problems:
            detail = "; ".join(f"{plain(k)} {_listed(v)}" for k, v in problem.detail.items())
            print(
                f"  {label(BOOKING_PROBLEMS, problem.code, 'en')}" + (f" ({detail})" if detail else ""), file=sys.stderr
            )
        return exit_code(exc)
    finally:
        (args.team or store).close()


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _listed(value: object) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value)


def _print_json(value: Any) -> None:
    # One write: json.dump to a text stream makes a write() per token (seconds for 20k cases).
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def cmd_init(desk: Any, args: argparse.Namespace) -> int:
    from desk.progress import Progress
    from desk.store.engine import head_revision, schema_mismatch
    from desk.store.outcomes import backfill, stale_count

    if desk.store.schema_gap is not None:  # a server is upgraded only by `desk migrate`
        raise schema_mismatch(desk.store.schema_gap, desk.store.describe())

    # Cases written before the row kept its clocks' outcomes get them now, so reviews count them in SQL.
    with desk.store.read() as session:
        stale = stale_count(session)
    if stale:
        progress = Progress("clock outcomes", stale)
        try:
            filled = backfill(desk.store, desk.catalogs, step=progress.step)
        finally:
            progress.close()
        print(f"clock outcomes kept for {filled} case(s) written before they were")
    print(f"database ready: {desk.store.describe()} (schema {head_revision()})")
    return EXIT_OK


def cmd_import(desk: Any, args: argparse.Namespace) -> int:
    from desk.interchange import import_batch, read_files
    from desk.interchange.merging_stream import import_streamed
    from desk.interchange.streaming import NotStreamable
    from desk.progress import Progress

    progress = Progress("importing rows")
    try:
        done = import_streamed(desk, args.files, step=progress.step)
        touched = (done.customers, done.cases, done.quota_uses)
        warnings = done.warnings
    except NotStreamable:  # arrays in another order than they are merged: the files are read whole
        changes = import_batch(desk, read_files(args.files))
        touched = (len(changes.customers), len(changes.cases), len(changes.quota_uses))
        warnings = list(changes.warnings)
    finally:
        progress.close()
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"imported: {touched[0]} customers touched, {touched[1]} cases changed, {touched[2]} quota uses changed")
    return EXIT_OK


def cmd_export(desk: Any, args: argparse.Namespace) -> int:
    from desk.interchange import count_rows, export_arrays, write_csv_files, write_json
    from desk.progress import Progress

    if args.format == "csv" and args.out is None:
        raise BadInput("--format csv writes one file per array: give a folder with --out")
    progress = Progress("records", count_rows(desk))
    arrays = export_arrays(desk, on_row=progress.step)
    try:
        if args.format == "json":
            if args.out is None:
                write_json(arrays, sys.stdout)
            else:
                private_dir(args.out.parent)
                with atomic_write(args.out) as fh:
                    write_json(arrays, fh)
            return EXIT_OK
        private_dir(args.out)  # customers' data: the folder and its files (atomic_write: 0600) are the user's alone
        paths = write_csv_files(arrays, args.out, lambda p: atomic_write(p, encoding="utf-8-sig"))
    finally:
        progress.close()
    for path in paths:
        print(path)
    return EXIT_OK


def cmd_quota(desk: Any, args: argparse.Namespace) -> int:
    try:
        on = date.fromisoformat(args.on) if args.on else None
    except ValueError:
        raise BadInput(f"--on: {args.on!r} is not a date (YYYY-MM-DD)") from None
    q = desk.quotas(args.customer, on)
    if args.json:
        _print_json(
            {
                "customer_id": q.customer_ref,
                "contract_id": q.contract_ref,
                "tier": q.tier,
                "contract_start": q.contract_start.isoformat(),
                "contract_end": q.contract_end.isoformat(),
                "quotas": [
                    {
                        "kind": s.kind,
                        "course": s.course or None,
                        "total": s.total,
                        "used": s.used,
                        "remaining": s.remaining,
                        "year_start": s.year.first.isoformat(),
                        "year_end": s.year.last.isoformat(),
                        "days_until_reset": s.days_until_reset,
                        "bookings": [
                            {
                                "id": b.id,
                                "start": b.start.isoformat(),
                                "end": b.end.isoformat(),
                                "persons": b.persons,
                                "cancelled": b.cancelled,
                                "override_reason": b.override_reason or None,
                            }
                            for b in s.bookings
                        ],
                    }
                    for s in q.statuses
                ],
            }
        )
        return EXIT_OK
    print(
        f"{q.customer_name} ({q.customer_ref}), contract {q.contract_ref}, {q.tier}, "
        f"{q.contract_start} .. {q.contract_end}"
    )
    from desk.report_words import Wording

    words = Wording.of(desk.catalogs)
    for s in q.statuses:
        label = words.quota(s.kind, "en") + (f" [{s.course}]" if s.course else "")
        if s.total == 0:
            use = f"not included in {q.tier}" + (f", {s.used} booked by override" if s.used else "")
        else:
            use = f"{s.used}/{s.total} used, {s.remaining} left"
        print(f"  {label:<36} {use}; year {s.year.first}..{s.year.last}, resets in {_days(s.days_until_reset)}")
        for b in s.bookings:  # with their ids, for `desk cancel ID`
            extra = f" ({b.persons} persons)" if b.persons != 1 else ""
            extra += " cancelled" if b.cancelled else ""
            extra += f" override: {b.override_reason}" if b.override_reason else ""
            print(f"    {b.id}  {b.start}..{b.end}{extra}")
    return EXIT_OK


def cmd_demo(desk: Any, args: argparse.Namespace) -> int:
    from desk.demo import generate

    if args.cases < 0 or args.open < 0 or args.open > args.cases:
        raise BadInput("--open must be between 0 and --cases")
    counts = generate(desk, args.cases, args.open, args.seed)
    print("demo data: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return EXIT_OK


def cmd_check(desk: Any, args: argparse.Namespace) -> int:
    from desk.integrity import check
    from desk.progress import Progress

    progress = Progress("checking")
    try:
        problems = check(desk, stage=progress.stage)
    finally:
        progress.close()
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
        return EXIT_FAIL
    print(f"ok: {desk.store.describe()}")
    return EXIT_OK


def cmd_backup(desk: Any, args: argparse.Namespace) -> int:
    from desk.store import backup

    if desk.store.path is None:
        raise BadInput("backups here are for SQLite files; back up a server database with its own tools (pg_dump)")
    if args.out:
        backup.copy_database(desk.store.path, args.out)
        print(args.out)
    else:
        print(backup.take(desk.store.path, desk.store.backup_dir, desk.clock.now()))
    return EXIT_OK


def cmd_backups(desk: Any, args: argparse.Namespace) -> int:
    from desk.store import backup

    if desk.store.path is None or desk.store.backup_dir is None:
        return EXIT_OK
    for info in backup.list_backups(desk.store.path, desk.store.backup_dir):
        print(f"{info.taken_at}  {info.reason:<28} {info.path}")
    return EXIT_OK


def _restore(url: str, args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from desk.store import backup
    from desk.store.engine import open_store

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise BadInput("restore works on SQLite files; restore a server database with its own tools")
    db = Path(parsed.database).expanduser().absolute()
    clock = _clock(args)
    safety = backup.restore(args.backup, db, db.parent / "backups", clock.now())
    if safety is not None:
        print(f"the previous database was saved as {safety}")
    store = open_store(url, clock=clock, daily_backup=False)  # migrates a restored older schema
    store.close()
    print(f"restored {args.backup} into {db}")
    return EXIT_OK


def _case_id(desk: Any, ref: str) -> uuid.UUID:
    from sqlalchemy import select

    from desk.store.models import Case

    with desk.store.read() as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == ref))
    if case_id is None:
        raise BadInput(f"no case {ref!r}")
    return case_id  # type: ignore[no-any-return]


def cmd_case(desk: Any, args: argparse.Namespace) -> int:
    sub = args.case_command
    if sub == "open":
        changes = desk.open_case(
            args.customer,
            args.title,
            args.severity,
            args.channel,
            ref=args.ref,
            assignee=args.assignee,
            description=args.description,
            third_party=args.third_party,
        )
        from desk.report_words import CASE_WARNINGS, label

        for warning in changes.warnings:
            print(f"warning: {label(CASE_WARNINGS, warning, 'en')}", file=sys.stderr)
        print(_refs(desk, changes.cases)[0])
        return EXIT_OK
    case_id = _case_id(desk, args.case)
    if sub == "show":
        return _show_case(desk, case_id)
    version = args.expect_version
    if sub == "respond":
        desk.record_response(case_id, args.reason, expected_version=version)
    elif sub == "note":
        desk.add_note(case_id, args.value, expected_version=version)
    elif sub == "regrade":
        desk.regrade(case_id, args.value, args.reason, expected_version=version)
    elif sub == "status":
        desk.set_status(case_id, args.value, args.reason, expected_version=version)
    elif sub == "assign":
        desk.assign(case_id, args.value, expected_version=version)
    elif sub == "reopen":
        desk.reopen(case_id, args.reason, expected_version=version)
    elif sub == "replied":
        desk.customer_replied(case_id, expected_version=version)
    print(args.case)
    return EXIT_OK


def _show_case(desk: Any, case_id: Any) -> int:
    from desk.caseviews import case_detail
    from desk.cli_replica import conflict_lines

    d = case_detail(desk, case_id)
    print(f"{d.ref}  {d.title}")
    print(f"customer:  {d.customer_name} ({d.customer_ref}), contract {d.contract_ref or '-'} tier {d.tier or '-'}")
    print(f"status:    {d.status}   severity: {d.severity}   assignee: {d.assignee or '-'}")
    for clock in d.clocks:
        due = clock.deadline.strftime("%Y-%m-%d %H:%M UTC") if clock.deadline is not None else "-"
        print(f"clock:     {clock.name}: {clock.state}, due {due}")
    for conflict in d.conflicts:  # the case says so until an agent resolves it
        print("CONFLICT: two values were set while apart; the case shows the later one until one of you chooses")
        print("\n".join(conflict_lines(conflict, desk.actor)))
    return EXIT_OK


def _refs(desk: Any, ids: Any) -> list[str]:
    from sqlalchemy import select

    from desk.store.models import Case

    with desk.store.read() as session:
        return list(session.scalars(select(Case.ref).where(Case.id.in_(list(ids)))))


def _parse_day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{name}: {text!r} is not a date (YYYY-MM-DD)") from None


def cmd_book(desk: Any, args: argparse.Namespace) -> int:
    changes = desk.book_quota(
        args.contract,
        args.kind,
        _parse_day(args.start, "start"),
        _parse_day(args.end, "end"),
        persons=args.persons,
        course=args.course,
        goals=args.goals,
        override_reason=args.override,
        ref=args.ref,
    )
    print(_booking_ref(desk, changes.quota_uses))
    return EXIT_OK


def _booking_ref(desk: Any, ids: Any) -> str:
    from sqlalchemy import select

    from desk.store.models import QuotaUse

    with desk.store.read() as session:
        return str(session.scalar(select(QuotaUse.ref).where(QuotaUse.id.in_(list(ids)))))


def cmd_cancel(desk: Any, args: argparse.Namespace) -> int:
    desk.cancel_booking(args.booking, args.reason)
    print("cancelled")
    return EXIT_OK


COMMANDS = {
    "init": cmd_init,
    "import": cmd_import,
    "export": cmd_export,
    "sla": cmd_sla,
    "quota": cmd_quota,
    "demo": cmd_demo,
    "check": cmd_check,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "case": cmd_case,
    "book": cmd_book,
    "cancel": cmd_cancel,
    "handover": cmd_handover,
    "report": cmd_report,
    **REPLICA_HANDLERS,
}


if __name__ == "__main__":
    raise SystemExit(main())
