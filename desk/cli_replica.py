"""``desk status``, ``desk sync``, ``desk conflicts``, ``desk resolve``: a desk on a team server and its replica.

With ``--db`` naming a server, every command runs on the server when it answers and on this
workstation's replica when it does not (saying so); ``sync`` pushes the writes made meanwhile.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from desk.clock import Clock
from desk.errors import BadInput, DeskError

EXIT_OK, EXIT_FAIL = 0, 1
REPLICA_COMMANDS = ("status", "sync", "conflicts", "resolve")


def add_replica_parser(sub: Any) -> None:
    status = sub.add_parser("status", help="online or offline, writes waiting, last sync (a server database)")
    status.add_argument("--json", action="store_true")
    sub.add_parser("sync", help="push the writes made offline, then pull the server's changes")
    conflicts = sub.add_parser("conflicts", help="fields changed differently here and on the server while apart")
    conflicts.add_argument("--all", action="store_true", help="resolved ones too")
    resolve = sub.add_parser(
        "resolve",
        help="resolve a conflict: keep mine, theirs, or give the value (a case's status or assignee)",
    )
    resolve.add_argument("conflict", help="the conflict's number, as `desk conflicts` lists it (e.g. 3, or r2)")
    resolve.add_argument("choice", metavar="mine|theirs|VALUE")


def open_server_for(url: str, given: str | None, clock: Clock, *, read_only: bool, command: str) -> Any:
    """What a command on ``url`` works on: None (not a server), the server's store, or a ``TeamDesk``.

    A workstation that has no replica yet keeps none until `desk sync` (or the window) makes one: an
    ordinary command on the server does not copy the whole server first. Once there is a replica, every
    command goes through it (the server when it answers, the replica when not) and keeps it fresh.
    """
    from desk.replica.link import Unreachable, is_server_url, open_server, replica_path
    from desk.replica.sync import TeamDesk, no_replica_yet

    if not is_server_url(url):
        return None
    path = replica_path(url, given)
    if not path.exists() and command not in REPLICA_COMMANDS:
        opened = open_server(url, clock, read_only=read_only)
        if isinstance(opened, Unreachable):
            raise no_replica_yet(opened, path)
        return opened  # the server's store
    return TeamDesk(url, path, clock, read_only=read_only)


def link_lost(url: str, exc: BaseException) -> str:
    """The server stopped answering in the middle of a command (it answered when the command began)."""
    from desk.replica.link import shown

    orig = getattr(exc, "orig", None) or exc
    reason = next((line.strip() for line in str(orig).splitlines() if line.strip()), type(orig).__name__)
    return (
        f"the server {shown(url)} stopped answering during the command ({reason}). Whether its last write "
        "reached the server is not known: run `desk sync` (or `desk status`) and look at the case before "
        "doing it again. While the server cannot be reached, commands work on this workstation's replica."
    )


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S UTC") if at is not None else "never"


def announce(team: Any, command: str) -> None:
    """Say on stderr that the desk works on the replica (not for `status`, which says it itself)."""
    if team.online or command == "status":
        return
    st = team.status()
    print(
        f"desk: offline: the server {st.server} cannot be reached ({st.reason}); working on the replica "
        f"{st.replica} (last sync {_when(st.last_sync_at)}, {st.waiting} writes waiting for `desk sync`)",
        file=sys.stderr,
    )


def after_command(team: Any, desk: Any, command: str) -> None:
    """Online, every command ends with a sync, so the replica is fresh for the next outage."""
    if not team.online or command in REPLICA_COMMANDS or team.read_only:
        return  # a read-only run never writes the server, not even the writes waiting in the outbox
    try:
        result = team.sync(desk.catalogs, desk.actor)
    except DeskError as exc:  # the command itself is done; what waits is pushed by the next sync
        print(f"desk: warning: the sync after the command stopped: {exc}", file=sys.stderr)
        return
    _report_conflicts(result)
    if result.unreachable is not None:
        print(f"desk: warning: the sync stopped: {result.unreachable.reason}", file=sys.stderr)


def _report_conflicts(result: Any) -> None:
    for old, new in result.renamed.items():
        print(f"desk: case {old} was opened elsewhere meanwhile; yours is now {new}", file=sys.stderr)
    if result.conflicts:
        print(
            f"desk: {len(result.conflicts)} conflict(s) to resolve: see `desk conflicts`, then `desk resolve`",
            file=sys.stderr,
        )


def _team(args: argparse.Namespace) -> Any:
    if args.team is None:
        raise BadInput(f"`desk {args.command}` works with a server database: give --db postgresql://...")
    return args.team


def cmd_status(desk: Any, args: argparse.Namespace) -> int:
    st = _team(args).status()
    if args.json:
        sys.stdout.write(
            json.dumps(
                {
                    "server": st.server,
                    "online": st.online,
                    "offline_reason": st.reason or None,
                    "replica": str(st.replica),
                    "waiting": st.waiting,
                    "last_sync_at": st.last_sync_at.isoformat() if st.last_sync_at else None,
                    "open_conflicts": st.open_conflicts,
                },
                indent=2,
            )
            + "\n"
        )
        return EXIT_OK
    print(f"server:    {st.server}: " + ("online" if st.online else f"OFFLINE ({st.reason})"))
    print(f"replica:   {st.replica}")
    print(f"waiting:   {st.waiting} write(s) not yet on the server")
    print(f"last sync: {_when(st.last_sync_at)}")
    print(f"conflicts: {st.open_conflicts} to resolve" + (" (desk conflicts)" if st.open_conflicts else ""))
    return EXIT_OK


def cmd_sync(desk: Any, args: argparse.Namespace) -> int:
    team = _team(args)
    result = team.sync(desk.catalogs, desk.actor)
    _report_conflicts(result)
    waiting = team.status().waiting
    print(f"pushed {result.pushed}, pulled {result.pulled}, {len(result.conflicts)} new conflict(s), {waiting} waiting")
    if result.unreachable is not None:
        print(f"desk: the sync stopped: {result.unreachable.reason}; run it again", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def side(value: str | None, by: str, agent: str) -> str:
    """One side of a conflict: the value, and who set it ("you" for the agent reading it)."""
    who = "you" if by and by == agent else by
    return f"{value!r}" + (f" ({who})" if who else "")


def conflict_lines(c: Any, agent: str) -> list[str]:
    """A conflict in plain words: both values with who set them and when, and what the case shows."""
    what = f"case {c.ref} {c.field}" if c.field != "*" else f"{c.table} {c.ref}"
    lines = [f"#{c.key}  {what}"]
    sides = (("mine:  ", c.mine, c.mine_by, c.mine_at), ("theirs:", c.theirs, c.theirs_by, c.theirs_at))
    for name, value, by, at in sides:
        lines.append(f"    {name} {side(value, by, agent)}" + (f" at {_when(at)}" if by else ""))
    if c.resolved_at is not None:
        lines.append(f"    resolved: {c.resolved_value!r} by {c.resolved_by} at {_when(c.resolved_at)}")
    elif c.field != "*":
        lines.append(f"    the case shows {c.merged!r} until one of you resolves it (desk resolve {c.key} ...)")
    return lines


def cmd_conflicts(desk: Any, args: argparse.Namespace) -> int:
    from desk.replica.conflicts import open_conflicts

    found = open_conflicts(_team(args), desk.actor, include_resolved=args.all)
    for c in found:
        print("\n".join(conflict_lines(c, desk.actor)))
    if not found:
        print("no conflicts to resolve")
    return EXIT_OK


def cmd_resolve(desk: Any, args: argparse.Namespace) -> int:
    from desk.replica.conflicts import resolve

    team = _team(args)
    resolve(team, args.conflict, args.choice, desk.catalogs, desk.actor)
    print(f"conflict {args.conflict} resolved")
    if not team.online:
        print("desk: the resolution waits in the outbox; `desk sync` sends it when the server is back", file=sys.stderr)
    return EXIT_OK


REPLICA_HANDLERS = {"status": cmd_status, "sync": cmd_sync, "conflicts": cmd_conflicts, "resolve": cmd_resolve}
