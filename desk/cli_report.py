"""``desk report sla|quota|handovers``: the team lead's reviews over a period, exported to a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.errors import InvalidInput
from desk.review_period import Period, parse_day

if TYPE_CHECKING:  # the reviews read the store through SQLAlchemy: loaded only when a report runs
    from desk.services import Desk

EXIT_OK, EXIT_FAIL = 0, 1
REPORTS = ("sla", "quota", "handovers")
FORMATS = ("json", "csv", "html", "pdf")
DIMENSIONS = ("tier", "severity", "channel", "agent", "customer")


def add_report_parser(sub: Any) -> None:
    """Add ``report`` to the ``desk`` parser's subparsers."""
    rep = sub.add_parser(
        "report",
        help="reviews over a period: sla (first responses met/missed), quota (use across customers), "
        "handovers (signed, acknowledged, how late); read-only",
    )
    rep.add_argument("report", choices=REPORTS)
    rep.add_argument("--from", dest="first", required=True, help="the first day (YYYY-MM-DD)")
    rep.add_argument("--to", dest="last", required=True, help="the last day, included (YYYY-MM-DD)")
    rep.add_argument("--zone", help="the time zone the days are in (default: the plan's)")
    rep.add_argument(
        "--by",
        default="tier,severity",
        help=f"sla: the breakdowns, comma-separated, of {','.join(DIMENSIONS)} (default tier,severity)",
    )
    rep.add_argument(
        "--cases",
        action="store_true",
        help="sla: list every case of the period with its outcome too (the figures alone by default)",
    )
    rep.add_argument("--format", required=True, choices=FORMATS)
    rep.add_argument("--out", required=True, type=Path)


def dimensions(text: str) -> tuple[str, ...]:
    chosen = tuple(d.strip() for d in text.split(",") if d.strip())
    unknown = [d for d in chosen if d not in DIMENSIONS]
    if unknown or not chosen:
        named = ", ".join(unknown) if unknown else repr(text)
        raise InvalidInput("by", f"{named}: choose from {', '.join(DIMENSIONS)}")
    return chosen


def cmd_report(desk: Desk, args: argparse.Namespace) -> int:
    from desk.cli_handover import private_dir
    from desk.review_render import export_review, handover_data, quota_data, sla_data

    by = dimensions(args.by)
    zone = args.zone or desk.catalogs.latest.timezone.key
    period = Period(parse_day(args.first, "from"), parse_day(args.last, "to"), zone)
    now = desk.clock.now()
    if args.report == "sla":
        from desk.review_sla import cases_behind, sla_review

        review = sla_review(desk, period, by=by)
        data = sla_data(review, now, by, cases_behind(desk, review) if args.cases else ())
    elif args.report == "quota":
        from desk.review_quota import quota_review

        data = quota_data(quota_review(desk, period), now)
    else:
        from desk.review_handover import handover_review

        data = handover_data(handover_review(desk, period), now)
    private_dir(args.out.parent)  # a review names customers and agents: a new folder for it is the user's alone
    try:
        path = export_review(data, args.format, args.out, getattr(args, "renderers", None))
    except LookupError as exc:
        print(f"desk: {exc}", file=sys.stderr)
        return EXIT_FAIL
    print(path)
    return EXIT_OK
