"""Server passwords are kept in the keyring, or in a file only the user can read, and never in a URL kept."""

from __future__ import annotations

import stat
from pathlib import Path

from keyring.backends.fail import Keyring as NoKeyring

from desk.credentials import Passwords, split
from tests.helpers.memory_keyring import MemoryKeyring

URL = "postgresql+psycopg://agent:s3cret@db.example.com/desk"
BARE = "postgresql+psycopg://agent@db.example.com/desk"


def test_a_password_goes_to_the_keyring_and_comes_back_for_the_same_server(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    passwords = Passwords(keyring=ring, folder=tmp_path)
    assert split(URL) == (BARE, "s3cret")
    saved = passwords.save(BARE, "s3cret")
    assert saved.file is None
    assert list(ring.saved.values()) == ["s3cret"]
    assert not passwords.file.exists()
    assert passwords.complete(BARE) == URL
    assert passwords.complete(BARE.replace("agent@", "lead@")) == BARE.replace("agent@", "lead@")
    assert passwords.complete("sqlite:///desk.sqlite") == "sqlite:///desk.sqlite"


def test_without_a_keyring_the_password_goes_to_a_file_only_its_owner_reads_and_the_caller_is_told(
    tmp_path: Path,
) -> None:
    passwords = Passwords(keyring=NoKeyring(), folder=tmp_path)
    saved = passwords.save(BARE, "s3cret")
    assert saved.file == tmp_path / "server-passwords.json"
    assert saved.keyring_problem  # the keyring's own reason, shown to the agent
    assert stat.S_IMODE(saved.file.stat().st_mode) == 0o600
    assert passwords.complete(BARE) == URL
    assert Passwords(keyring=NoKeyring(), folder=tmp_path).lookup(BARE) == "s3cret"  # kept for the next start
