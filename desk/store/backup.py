"""Backups of the SQLite file with SQLite's online backup API (safe while the desk is running).

A backup is written to a temporary file, integrity-checked, made readable by the user only and then
renamed into place, so a crash never leaves a half backup that looks whole. Only the newest ``keep``
automatic backups (daily, before a migration) are kept; backups taken by hand and the safety copies a
restore makes of what it replaces are never pruned. A backup belongs to a database by its exact name
(``STEM-YYYYMMDDTHHMMSSZ-REASON.sqlite``): databases sharing a folder never prune each other's.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk.errors import EnvironmentProblem

BUSY_TIMEOUT_S = 10.0
PRUNED_REASONS = ("daily", "before-migration")
# Pages copied per step (16 MiB at SQLite's default 4 KiB pages): progress about every second of copying.
STEP_PAGES = 4096

# Called after each step with (pages copied, pages in all).
Progress = Callable[[int, int], None]
# Asked between steps and during the copy's integrity check: True stops the copy (BackupStopped).
Stop = Callable[[], bool]


class BackupError(EnvironmentProblem):
    """A backup could not be taken or restored; nothing was changed."""

    default_code = "backup_failed"


class BackupStopped(BackupError):
    """The caller asked the copy to stop (the desk is closing); the partial copy was removed."""

    default_code = "backup_stopped"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: str
    reason: str


def _name(db: Path, when: datetime, reason: str) -> str:
    return f"{db.stem}-{when.strftime('%Y%m%dT%H%M%SZ')}-{reason}.sqlite"


def _free_name(db: Path, backup_dir: Path, when: datetime, reason: str) -> Path:
    """A backup path that exists nowhere yet: a backup never overwrites another."""
    target = backup_dir / _name(db, when, reason)
    n = 1
    while target.exists() or Path(f"{target}-wal").exists():
        n += 1
        target = backup_dir / _name(db, when, f"{reason}-{n}")
    return target


def take(
    db: Path,
    backup_dir: Path,
    when: datetime,
    *,
    reason: str = "manual",
    keep: int | None = None,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> Path:
    """Copy the live database to ``backup_dir``; returns the backup's path."""
    try:
        backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise BackupError(f"cannot back up {db} into {backup_dir}: {exc.strerror}. Nothing was changed.") from exc
    target = _free_name(db, backup_dir, when, reason)
    copy_database(db, target, progress=progress, stop=stop)
    if keep is not None and reason != "manual":
        prune(db, backup_dir, keep)
    return target


def copy_database(source: Path, target: Path, *, progress: Progress | None = None, stop: Stop | None = None) -> None:
    """Online-backup ``source`` into a new file ``target`` (atomically, 0600, integrity-checked).

    The copy runs in steps of ``STEP_PAGES`` inside one read transaction on its own connection: in WAL
    mode writers go on meanwhile (they are never blocked), and their writes neither restart the copy
    nor make it inconsistent (it is the file as it was when the copy began).
    """
    tmp = target.with_name(target.name + ".partial")
    try:
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise BackupError(f"cannot back up {source} to {target}: {exc.strerror}. Nothing was changed.") from exc
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            dst = sqlite3.connect(str(tmp))
            if stop is not None:
                dst.set_progress_handler(lambda: int(stop()), 10_000)  # interrupts the integrity check
            try:
                src.execute("BEGIN")  # one snapshot for the whole copy (see above)
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
                src.backup(dst, pages=STEP_PAGES, progress=_reporter(progress, stop))
                dst.execute("PRAGMA journal_mode=DELETE")
                result = dst.execute("PRAGMA integrity_check").fetchone()[0]
                if result != "ok":
                    raise BackupError(f"the copy of {source} failed its integrity check: {result}")
            finally:
                dst.close()
        finally:
            src.close()
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        if stop is not None and stop():
            raise BackupStopped(f"the backup of {source} was stopped; nothing was changed") from exc
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BackupError(f"cannot back up {source} to {target}: {reason}. Nothing was changed.") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _reporter(progress: Progress | None, stop: Stop | None) -> Callable[[int, int, int], object] | None:
    if progress is None and stop is None:
        return None

    def step(_status: int, remaining: int, total: int) -> None:
        if stop is not None and stop():
            raise BackupStopped("the backup was stopped; nothing was changed")
        if progress is not None:
            progress(total - remaining, total)

    return step


def list_backups(db: Path, backup_dir: Path) -> list[BackupInfo]:
    if not backup_dir.is_dir():
        return []
    pattern = re.compile(rf"{re.escape(db.stem)}-(\d{{8}}T\d{{6}}Z)-(.+)\.sqlite")
    found = []
    for path in sorted(backup_dir.glob(f"{db.stem}-*.sqlite")):
        match = pattern.fullmatch(path.name)
        if match is not None:
            found.append(BackupInfo(path, match.group(1), match.group(2)))
    return found


def prune(db: Path, backup_dir: Path, keep: int) -> None:
    automatic = [b for b in list_backups(db, backup_dir) if b.reason.startswith(PRUNED_REASONS)]
    for info in automatic[: max(0, len(automatic) - keep)]:
        info.path.unlink(missing_ok=True)


def daily_due(db: Path, backup_dir: Path, now: datetime) -> bool:
    """Whether the day's automatic backup is still to take (none yet today, and something to back up)."""
    today = now.strftime("%Y%m%d")
    if any(b.taken_at.startswith(today) and b.reason.startswith("daily") for b in list_backups(db, backup_dir)):
        return False
    return db.exists() and db.stat().st_size > 0


def daily(
    db: Path,
    backup_dir: Path,
    now: datetime,
    *,
    keep: int,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> Path | None:
    """Take the day's automatic backup unless one exists already (None: nothing was due)."""
    if not daily_due(db, backup_dir, now):
        return None
    return take(db, backup_dir, now, reason="daily", keep=keep, progress=progress, stop=stop)


def check_file(path: Path) -> str:
    """``ok`` or what is wrong with an SQLite file (used before restoring it)."""
    try:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return "not an SQLite database"
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        return str(exc)


def _busy(problem: str) -> bool:
    words = problem.lower()
    return any(w in words for w in ("locked", "busy", "unable to open", "permission denied", "readonly"))


def restore(backup_file: Path, db: Path, backup_dir: Path, now: datetime) -> Path | None:
    """Replace the database's content with a backup's, after backing up the current file.

    Uses the backup API into the live file, so other connections see a consistent switch and the WAL
    is handled by SQLite. Returns the safety backup of what was there before (None if nothing was).
    """
    problem = check_file(backup_file)
    if problem != "ok":
        raise BackupError(f"{backup_file} cannot be restored: {problem}. Nothing was changed.")
    safety = None
    current = check_file(db) if db.exists() and db.stat().st_size > 0 else ""
    if current and current != "ok" and _busy(current):
        # Locked or unreadable is not damaged: moving a live file aside would strand another desk's writes.
        raise BackupError(
            f"{db} is in use or cannot be read ({current}): close the other desks using it and try again. "
            "Nothing was changed."
        )
    if current == "ok":
        safety = take(db, backup_dir, now, reason="before-restore")
    elif current:
        # A damaged current file is kept aside byte for byte, never overwritten.
        backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        safety = _free_name(db, backup_dir, now, "damaged-before-restore")
        os.replace(db, safety)
        # The -wal may hold committed changes: it goes aside with its file, byte for byte too.
        wal = Path(f"{db}-wal")
        if wal.exists():
            os.replace(wal, Path(f"{safety}-wal"))
        Path(f"{db}-shm").unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        if not db.exists():
            fd = os.open(db, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        dst = sqlite3.connect(str(db), timeout=BUSY_TIMEOUT_S)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return safety
