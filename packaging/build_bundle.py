"""Build the standalone Linux bundle: dist/desk/ (PyInstaller), its tarball and a .deb (`make bundle`).

The build has its own virtual environment (build/bundle-venv) holding PyInstaller and the desk installed
from this checkout as a wheel would be, so the bundle is made from the installed package: its catalogs,
compiled translations, migrations and version. The .deb puts the folder under /opt/desk, links `desk` and
`desk-gui` into /usr/bin and installs the desktop file, AppStream metainfo and icons under /usr/share.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
BUILD = ROOT / "build" / "bundle"
VENV = ROOT / "build" / "bundle-venv"
DIST = ROOT / "dist"
PYINSTALLER = "pyinstaller>=6.10,<7"
# What Qt's xcb platform plugin and the window need from the system (the bundle carries Python and Qt),
# and the CJK font without which Chinese text shows as boxes.
DEPENDS = [
    "libc6 (>= 2.36)",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxkbcommon-x11-0",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libdbus-1-3",
    "fonts-noto-cjk",
]


# The build sees only its own environment: a PYTHONPATH pointing at a checkout would freeze that instead.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "DESK_RESOURCES")}


def step(what: str) -> None:
    print(f"== {what}", flush=True)


def build_venv() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        step(f"build environment {VENV}")
        venv.create(VENV, with_pip=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    step("PyInstaller and the desk from this checkout into the build environment")
    subprocess.run([*pip, PYINSTALLER, str(ROOT)], check=True, env=CLEAN_ENV)
    # Same version number, new code: reinstall the desk itself on every build.
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(ROOT)], check=True, env=CLEAN_ENV)
    return python


def freeze(python: Path) -> Path:
    step("PyInstaller: dist/desk")
    shutil.rmtree(DIST / "desk", ignore_errors=True)
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(BUILD / "work"), str(ROOT / "packaging" / "desk.spec")]
    subprocess.run(command, check=True, cwd=BUILD, env=CLEAN_ENV)
    return DIST / "desk"


def add_desktop_files(folder: Path, app_id: str) -> None:
    """The desktop file, metainfo and icons inside the folder (share/), so the tarball carries them too."""
    share = folder / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    shutil.copy2(LINUX / f"{app_id}.desktop", share / "applications")
    shutil.copy2(LINUX / f"{app_id}.metainfo.xml", share / "metainfo")
    shutil.copytree(LINUX / "icons", share / "icons")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(LINUX / f"{app_id}.svg", scalable)


def tarball(folder: Path, version: str, arch: str) -> Path:
    path = DIST / f"desk-{version}-linux-{arch}.tar.gz"
    step(path.name)
    with tarfile.open(path, "w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname="desk")
    return path


def installed_size_kib(tree: Path) -> int:
    return sum(p.lstat().st_size for p in tree.rglob("*") if p.is_file() and not p.is_symlink()) // 1024 + 1


def deb(folder: Path, package: str, version: str, arch: str) -> Path:
    path = DIST / f"{package}_{version}_{arch}.deb"
    step(path.name)
    stage = BUILD / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(folder, stage / "opt" / "desk", symlinks=True)
    shutil.copytree(folder / "share", stage / "usr" / "share")
    (stage / "usr" / "bin").mkdir(parents=True)
    for command in ("desk", "desk-gui"):
        (stage / "usr" / "bin" / command).symlink_to(f"/opt/desk/{command}")
    control = {
        "Package": package,
        "Version": version,
        "Architecture": arch,
        "Maintainer": "The desk developers <desk@localhost>",
        "Installed-Size": str(installed_size_kib(stage)),
        "Depends": ", ".join(DEPENDS),
        "Section": "misc",
        "Priority": "optional",
        "Description": "SLA countdowns, quotas and shift handovers for support agents\n"
        " The desk: live SLA countdowns for every open case, each customer's support-plan\n"
        " entitlements and quotas, and shift-handover reports, in English or Chinese.\n"
        " A standalone build: it brings its own Python and Qt under /opt/desk.",
    }
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text("".join(f"{k}: {v}\n" for k, v in control.items()), encoding="utf-8")
    for item in stage.rglob("*"):  # dpkg-deb wants 0755 folders and readable files whatever the umask
        if not item.is_symlink():
            item.chmod(0o755 if item.is_dir() or os.access(item, os.X_OK) else 0o644)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(path)], check=True)
    return path


def size_mib(path: Path) -> str:
    total = path.stat().st_size if path.is_file() else installed_size_kib(path) * 1024
    return f"{total / 2**20:.0f} MiB"


def main() -> int:
    started = time.monotonic()
    BUILD.mkdir(parents=True, exist_ok=True)
    folder = freeze(build_venv())
    package, version, app_id = (folder / "BUNDLE").read_text(encoding="utf-8").split()
    add_desktop_files(folder, app_id)
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    machine = os.uname().machine
    outputs = [folder, tarball(folder, version, machine), deb(folder, package, version, arch)]
    for output in outputs:
        print(f"{output.relative_to(ROOT)}: {size_mib(output)}")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
