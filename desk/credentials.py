"""Team-server passwords: in the system keyring, else in a file only the user can read; never in the settings.

A server URL is stored (settings, logs, messages) without its password. The password is kept under the
account ``user@host:port/database`` in the system keyring (the ``keyring`` library: Windows Credential
Manager, macOS Keychain, the Secret Service on Linux desktops). Where no keyring works (a server without
a desktop session, a minimal Linux), it goes to ``server-passwords.json`` in the user data folder, a
file only its owner may read (0600), and the caller is told so. libpq's own ``~/.pgpass`` also works:
a URL without a password and nothing saved here is passed on as it is.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desk.atomic import atomic_write
from desk.paths import data_dir

SERVICE = "desk"
FILE_NAME = "server-passwords.json"


class Keyring(Protocol):
    def get_password(self, service_name: str, username: str) -> str | None: ...

    def set_password(self, service_name: str, username: str, password: str) -> None: ...


@dataclass(frozen=True)
class Saved:
    """Where a password went: the keyring (``file`` None), or a 0600 file and why the keyring could not."""

    file: Path | None = None
    keyring_problem: str = ""


def _server(url: str) -> URL | None:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    return parsed if parsed.get_backend_name() == "postgresql" else None


def account(url: URL) -> str:
    return f"{url.username or ''}@{url.host or ''}:{url.port or 5432}/{url.database or ''}"


def split(url: str) -> tuple[str, str | None]:
    """``url`` without its password, and the password (None: none given)."""
    parsed = _server(url)
    if parsed is None or parsed.password is None:
        return url, None
    return parsed._replace(password=None).render_as_string(hide_password=False), str(parsed.password)


def with_password(url: str, password: str) -> str:
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def _system_keyring() -> Keyring:
    import keyring

    return keyring  # the module's functions are the protocol


class Passwords:
    """The saved passwords: ``keyring`` (the system's by default) first, the 0600 file second."""

    def __init__(self, keyring: Keyring | None = None, folder: Path | None = None) -> None:
        self._keyring = keyring
        self._folder = folder

    @property
    def file(self) -> Path:
        return (self._folder or data_dir()) / FILE_NAME

    def _ring(self) -> Keyring:
        return self._keyring if self._keyring is not None else _system_keyring()

    def save(self, url: str, password: str) -> Saved:
        parsed = _server(url)
        if parsed is None:
            raise ValueError("passwords are kept for server (PostgreSQL) URLs only")
        key = account(parsed)
        try:
            self._ring().set_password(SERVICE, key, password)
        except Exception as exc:  # no backend, no desktop session, locked or refused keyring
            problem = str(exc) or type(exc).__name__
            self._write_file({**self._read_file(), key: password})
            return Saved(file=self.file, keyring_problem=problem)
        if key in (known := self._read_file()):  # an older copy in the file is not kept beside the keyring's
            del known[key]
            self._write_file(known)
        return Saved()

    def lookup(self, url: str) -> str | None:
        parsed = _server(url)
        if parsed is None:
            return None
        key = account(parsed)
        try:
            found = self._ring().get_password(SERVICE, key)
        except Exception:  # no keyring: the file is the only place a password can be
            found = None
        return found if found is not None else self._read_file().get(key)

    def complete(self, url: str) -> str:
        """``url`` with its saved password when it names a server and carries none."""
        parsed = _server(url)
        if parsed is None or parsed.password is not None:
            return url
        password = self.lookup(url)
        if password is None:
            return url
        return parsed.set(password=password).render_as_string(hide_password=False)

    def _read_file(self) -> dict[str, str]:
        try:
            data: Any = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_file(self, data: dict[str, str]) -> None:
        with atomic_write(self.file) as fh:  # a new file: created 0600, then renamed over the old one
            json.dump(data, fh, indent=1, sort_keys=True)
        os.chmod(self.file, 0o600)
