"""Backups of the SQLite file with SQLite's online backup API (safe while the desk is running).

A backup is written to a temporary file, integrity-checked, made readable by the user only and then
renamed into place, so a crash never leaves a half backup that looks whole. Only the newest ``keep``
automatic backups are kept; backups taken by hand are never pruned.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

BUSY_TIMEOUT_S = 10.0


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: str
    reason: str


def _name(db: Path, when: datetime, reason: str) -> str:
    return f"{db.stem}-{when.strftime('%Y%m%dT%H%M%SZ')}-{reason}.sqlite"


def take(db: Path, backup_dir: Path, when: datetime, *, reason: str = "manual", keep: int | None = None) -> Path:
    """Copy the live database to ``backup_dir``; returns the backup's path."""
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = backup_dir / _name(db, when, reason)
    n = 1
    while target.exists():
        n += 1
        target = backup_dir / _name(db, when, f"{reason}-{n}")
    copy_database(db, target)
    if keep is not None and reason != "manual":
        prune(db, backup_dir, keep)
    return target


def copy_database(source: Path, target: Path) -> None:
    """Online-backup ``source`` into a new file ``target`` (atomically, 0600, integrity-checked)."""
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst, pages=1024)
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
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"cannot back up {source}: {exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def list_backups(db: Path, backup_dir: Path) -> list[BackupInfo]:
    if not backup_dir.is_dir():
        return []
    found = []
    for path in sorted(backup_dir.glob(f"{db.stem}-*.sqlite")):
        parts = path.stem[len(db.stem) + 1 :].split("-", 1)
        found.append(BackupInfo(path, parts[0], parts[1] if len(parts) > 1 else ""))
    return found


def prune(db: Path, backup_dir: Path, keep: int) -> None:
    automatic = [b for b in list_backups(db, backup_dir) if not b.reason.startswith("manual")]
    for info in automatic[: max(0, len(automatic) - keep)]:
        info.path.unlink(missing_ok=True)


def daily(db: Path, backup_dir: Path, now: datetime, *, keep: int) -> Path | None:
    """Take the day's automatic backup unless one exists already."""
    today = now.strftime("%Y%m%d")
    if any(b.taken_at.startswith(today) and b.reason.startswith("daily") for b in list_backups(db, backup_dir)):
        return None
    if not db.exists() or db.stat().st_size == 0:
        return None
    return take(db, backup_dir, now, reason="daily", keep=keep)


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


def restore(backup_file: Path, db: Path, backup_dir: Path, now: datetime) -> Path | None:
    """Replace the database's content with a backup's, after backing up the current file.

    Uses the backup API into the live file, so other connections see a consistent switch and the WAL
    is handled by SQLite. Returns the safety backup of what was there before (None if nothing was).
    """
    problem = check_file(backup_file)
    if problem != "ok":
        raise BackupError(f"{backup_file} cannot be restored: {problem}. Nothing was changed.")
    safety = None
    if db.exists() and db.stat().st_size > 0 and check_file(db) == "ok":
        safety = take(db, backup_dir, now, reason="before-restore")
    elif db.exists() and db.stat().st_size > 0:
        # A damaged current file is kept aside byte for byte, never overwritten.
        backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        safety = backup_dir / _name(db, now, "damaged-before-restore")
        os.replace(db, safety)
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
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
