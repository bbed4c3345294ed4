"""The schema revisions the migration scripts define, read from their text without importing Alembic.

Opening a database at the newest schema (every start but the one after an update) needs only the head
revision's id; Alembic, and Mako and Pygments behind it, are imported only when a migration is due.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]*)?\s*=\s*(.+)$", re.MULTILINE)
_IDS = re.compile(r"['\"]([^'\"]+)['\"]")


@cache
def _graph() -> dict[str, frozenset[str]]:
    """Each revision and the revisions it follows, from the ``revision =`` / ``down_revision =`` lines."""
    graph: dict[str, frozenset[str]] = {}
    for script in sorted(VERSIONS.glob("*.py")):
        text = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision is None or down is None:
            continue  # not a migration script (the package's __init__)
        graph[revision.group(1)] = frozenset(_IDS.findall(down.group(1)))
    return graph


def known_revisions() -> set[str]:
    return set(_graph())


def head_revision() -> str:
    """The one revision no other follows; a fork in the scripts is a packaging bug and fails loudly."""
    graph = _graph()
    followed = set().union(*graph.values()) if graph else set()
    heads = sorted(set(graph) - followed)
    if len(heads) != 1:
        raise RuntimeError(f"the migration scripts in {VERSIONS} have {len(heads)} heads: {heads}")
    return heads[0]
