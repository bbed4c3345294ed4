"""The installed ``desk`` command run as a user runs it: a separate process, a temporary data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def desk_command() -> list[str]:
    """The console script beside this interpreter (what ``pip install`` made), else the module itself."""
    script = Path(sys.executable).with_name("desk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli_main"]


def run_desk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    env["DESK_DATA_DIR"] = str(cwd / "data")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run(
        [*desk_command(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = run_desk("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for command in ("demo", "sla", "import", "export", "handover", "check"):
        assert command in result.stdout


@pytest.mark.slow
def test_demo_then_sla_as_json(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    made = run_desk("--db", db, "demo", "--cases", "40", "--open", "8", "--seed", "3", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "40 cases" in made.stdout and "8 open" in made.stdout

    sla = run_desk("--db", db, "sla", "--json", cwd=tmp_path)
    assert sla.returncode == 0, sla.stderr
    cases = json.loads(sla.stdout)
    assert len(cases) >= 8  # every case not closed: the open ones at least
    assert all({"case_id", "deadline", "state", "clocks"} <= set(case) for case in cases)
    running = [c for c in cases if c["state"] in ("on_track", "at_risk", "breached")]
    assert cases[: len(running)] == running  # running clocks first, the soonest deadline first
    assert [c["deadline"] for c in running] == sorted(c["deadline"] for c in running)

    checked = run_desk("--db", db, "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
