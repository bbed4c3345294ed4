"""The wheel is the product: built from this tree, installed in a fresh virtual environment outside it,
it runs the CLI, exports a PDF and paints the window with no checkout in sight."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAINT = """
import sys
from ui.app import start
started = start(["--db", sys.argv[1], "--language", "zh_CN", "--agent", "alice", "--settings", sys.argv[2]])
app, window = started.app, started.window
while window.loading:
    app.processEvents()
picture = window.grab()
print("painted", window.model.rowCount(), window.menuBar().actions()[0].text(), picture.width() > 0)
started.stop()
"""

pytestmark = pytest.mark.slow


def run(env_bin: Path, *args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run([str(env_bin / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return done.stdout


def test_the_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("support_desk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "desk/resources/catalog/aliyun-2018-04-24.toml" in names
    assert {"desk/resources/translations/desk_zh_CN.qm", "desk/resources/translations/desk_en.qm"} <= set(names)

    home = tmp_path / "home"  # a user with no checkout, no settings, no data yet
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DESK_", "PYTHON", "QT_", "DISPLAY", "WAYLAND"))}
    env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    env_bin = env_dir / "bin"
    cache = {"PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))}
    run(env_bin, "pip", "install", "--quiet", str(wheel), cwd=tmp_path, env=env | cache)

    version = run(env_bin, "desk", "--version", cwd=home, env=env)
    assert version.strip() == "desk 0.1.0"
    assert run(env_bin, "desk-gui", "--version", cwd=home, env=env).strip() == "desk-gui 0.1.0"  # no display
    assert "--language" in run(env_bin, "desk-gui", "--help", cwd=home, env=env)

    db = f"sqlite:///{home / 'demo.sqlite'}"
    run(env_bin, "desk", "--db", db, "demo", "--cases", "300", "--open", "60", "--seed", "3", cwd=home, env=env)
    assert run(env_bin, "desk", "--db", db, "sla", "--json", cwd=home, env=env).startswith("[")
    end = datetime.now(UTC).replace(microsecond=0)  # the demo is made relative to now, and so is the shift
    window = ["--from", (end - timedelta(hours=8)).isoformat(), "--to", end.isoformat(), "--outgoing", "alice"]
    report = run(env_bin, "desk", "--db", db, "handover", "create", *window, cwd=home, env=env).strip()
    pdf = home / "handover.pdf"
    run(
        env_bin,
        "desk",
        "--db",
        db,
        "handover",
        "export",
        report,
        "--format",
        "pdf",
        "--out",
        str(pdf),
        cwd=home,
        env=env,
    )
    assert pdf.read_bytes().startswith(b"%PDF")

    painted = run(
        env_bin, "python", "-c", PAINT, db, str(home / "gui.ini"), cwd=home, env=env | {"QT_QPA_PLATFORM": "offscreen"}
    )
    assert painted.startswith("painted 60 文件(&F) True")  # the queue, in Chinese: translations in the wheel
