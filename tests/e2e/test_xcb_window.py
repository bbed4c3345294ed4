"""The window on a real X11 display: Xvfb with Qt's ``xcb`` platform, which needs system libraries the
``offscreen`` platform of the other tests does not (the README's package list)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAINT = """
import sys
from PySide6.QtGui import QGuiApplication
from ui.app import start
started = start(["--db", sys.argv[1], "--language", "en", "--agent", "alice", "--settings", sys.argv[2]])
app, window = started.app, started.window
while window.loading:
    app.processEvents()
app.processEvents()
picture = window.grab()
print("platform", QGuiApplication.platformName())
print("rows", window.model.rowCount())
print("size", picture.width(), picture.height())
image = picture.toImage()
sampled = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 17)}
print("colours", len(sampled))
started.stop()
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed (apt-get install xvfb)"),
]


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DESK_", "QT_"))}
    env["DESK_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "runtime")
    (tmp_path / "runtime").mkdir(mode=0o700)
    return env


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A free X display: Xvfb picks the number itself and writes it to the pipe (-displayfd)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()  # returns once the server accepts connections
        assert number.isdigit(), f"Xvfb did not start: {server.stderr.read().decode() if server.stderr else ''}"
        yield f":{number}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        if server.stderr is not None:
            server.stderr.close()


def test_the_window_paints_on_a_real_x_display(tmp_path: Path, display: str) -> None:
    env = clean_env(tmp_path)
    db = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    made = subprocess.run(
        [sys.executable, "-m", "desk.cli", "--db", db, "demo", "--cases", "60", "--open", "12"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    shown = subprocess.run(
        [sys.executable, "-c", PAINT, db, str(tmp_path / "gui.ini")],
        env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert shown.returncode == 0, shown.stderr
    lines = dict(line.split(" ", 1) for line in shown.stdout.splitlines() if " " in line)
    assert lines.get("platform") == "xcb", shown.stdout
    assert int(lines["rows"]) >= 12  # every open case of the demo is in the queue
    width, height = (int(n) for n in lines["size"].split())
    assert width > 0 and height > 0
    assert int(lines["colours"]) > 8  # text, icons and bars, not a blank or black window
    assert shown.stderr.strip() == ""  # no Qt warning either (a missing library is reported there first)
