"""The desktop file, AppStream metainfo and icons: named by the one application id, valid for the
freedesktop validators (run when installed), the icon in every hicolor size."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desk import __version__
from desk.paths import APP_ID

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def test_desktop_file_passes_desktop_file_validate() -> None:
    done = subprocess.run([validator("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_metainfo_passes_appstreamcli_validate() -> None:
    done = subprocess.run(
        [validator("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_desktop_file_starts_the_window_with_the_app_icon_in_both_languages() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]  # keys read lower-cased
    assert entry["exec"] == "desk-gui"
    assert entry["icon"] == APP_ID
    assert {"name", "name[zh_cn]", "comment", "comment[zh_cn]", "categories"} <= set(entry)


def test_metainfo_names_the_app_id_its_launcher_and_the_current_release() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    releases = [release.get("version") for release in component.iter("release")]
    assert __version__ in releases
    assert [rating.get("type") for rating in component.iter("content_rating")] == ["oars-1.1"]


def test_icon_comes_as_svg_and_in_every_hicolor_size() -> None:
    assert ET.parse(LINUX / f"{APP_ID}.svg").getroot().tag == "{http://www.w3.org/2000/svg}svg"
    for size in ICON_SIZES:
        png = (LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (size, size)
