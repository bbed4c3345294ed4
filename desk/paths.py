"""Where the desk keeps things: resources inside the installed package, data in the platformdirs user
directory.

Resources (support-plan catalogs, compiled translations) are package data of ``desk`` in a wheel
(``desk/resources``, put there by the build: see setup.py); a source checkout reads the top-level
``resources/`` folder instead. Overrides: ``DESK_RESOURCES`` (resource folder), ``DESK_DATA_DIR`` (data
folder, used by tests), ``DESK_DB_URL`` (the database, any SQLAlchemy URL).
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

# The reverse-DNS application id: the desktop file's and AppStream's name, the icon's name and
# QGuiApplication.desktopFileName. Changing it orphans installed launchers: keep it stable.
APP_ID = "io.github.supportdesk.Desk"
APP_NAME = "desk"
APP_ID = "io.github.supportdesk.Desk"  # reverse-DNS id: desktop file, AppStream id, the window's desktop file name
APP_AUTHOR = "support-desk"


def resource_dir() -> Path:
    override = os.environ.get("DESK_RESOURCES")
    if override:
        return Path(override)
    packaged = Path(str(files("desk") / "resources"))
    if packaged.is_dir():  # an installed wheel
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"  # a source checkout (editable install)


def data_dir() -> Path:
    override = os.environ.get("DESK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def default_db_url() -> str:
    override = os.environ.get("DESK_DB_URL")
    if override:
        return override
    return f"sqlite:///{data_dir() / 'desk.sqlite'}"
