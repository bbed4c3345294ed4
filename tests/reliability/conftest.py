"""Helpers for the reliability tests: a small real database, the CLI in-process or as a process, hashes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from desk.cli import main as desk_main

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-26T01:00:00Z"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_desk(capsys: pytest.CaptureFixture[str], db: Path, *args: str, now: str = NOW) -> Result:
    """The CLI in this process: an exception escaping ``main`` (a traceback for the user) fails the test."""
    capsys.readouterr()
    code = desk_main(["--db", f"sqlite:///{db}", "--now", now, *args])
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def run_desk_process(
    db: Path,
    *args: str,
    now: str = NOW,
    prefix: Sequence[str] = (),
    preexec: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    """The CLI as its own process (privileges dropped, resource limits, another instance)."""
    cmd = [*prefix, sys.executable, "-m", "desk.cli", "--db", f"sqlite:///{db}", "--now", now, *args]
    proc = subprocess.run(
        cmd,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def run_desk_batch(
    db: Path, runs: Sequence[Sequence[str]], *, now: str = NOW, prefix: Sequence[str] = ()
) -> list[Result]:
    """Several CLI runs in one other process (e.g. without the power to ignore permissions)."""
    argvs = [["--db", f"sqlite:///{db}", "--now", now, *args] for args in runs]
    proc = subprocess.run(
        [*prefix, sys.executable, str(Path(__file__).with_name("cli_batch.py"))],
        input=json.dumps(argvs),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return [Result(r["code"], r["out"], r["err"]) for r in json.loads(proc.stdout)]


def unprivileged_prefix() -> list[str]:
    """Run a command without the power to ignore file permissions (root ignores chmod otherwise)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


def hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith("-shm")  # SQLite's shared-memory index, not data
    }


def assert_nothing_lost(before: dict[str, str], after: dict[str, str]) -> None:
    """Every file there before is still there, byte for byte (new -wal/-shm files may appear)."""
    changed = {name for name in before if after.get(name) != before[name]}
    assert not changed, f"changed or deleted: {sorted(changed)}"


def assert_clear_failure(result: Result, path: Path, *way_out: str) -> None:
    assert result.code == 1, result
    assert "Traceback" not in result.err, result.err
    assert str(path) in result.err, result.err
    for words in way_out:
        assert words in result.err, f"{words!r} not in {result.err!r}"


@pytest.fixture
def made_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A real desk database with a few cases, closed (folder: tmp_path/db)."""
    folder = tmp_path / "db"
    folder.mkdir()
    db = folder / "desk.sqlite"
    assert run_desk(capsys, db, "demo", "--cases", "40", "--open", "15", "--seed", "3").code == 0
    return db
