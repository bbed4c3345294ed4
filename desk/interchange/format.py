"""The interchange format's shape: its arrays and fields, limits, parsed rows, the import error and CSV cell quoting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desk.errors import BadInput

ARRAYS = ("customers", "contracts", "cases", "quota_uses")
FIELDS: dict[str, tuple[str, ...]] = {
    "customers": ("id", "name", "technical_contact", "ops_contact", "business_goals"),
    "contracts": ("id", "customer_id", "tier", "start", "end"),
    "cases": (
        "id",
        "customer_id",
        "title",
        "description",
        "product",
        "severity",
        "channel",
        "opened_at",
        "first_response_at",
        "resolved_at",
        "closed_at",
        "status",
        "assignee",
        "severity_changes",
    ),
    "quota_uses": ("id", "contract_id", "kind", "start", "end", "course", "persons", "note"),
}
FORMULA_SIGNS = ("=", "+", "-", "@")
FORMULA_STARTS = (*FORMULA_SIGNS, "\t", "\r")
MAX_TEXT = {"title": 1_000, "name": 1_000, "id": 200, "description": 200_000}
DEFAULT_MAX_TEXT = 20_000
MAX_FILE_BYTES = 512 * 1024 * 1024
IMPORT_ACTOR = "import"


@dataclass(frozen=True)
class Problem:
    """One refused row's field: its English reason as the CLI prints it, and a code the window translates."""

    source: str  # "file: row N"
    field: str
    reason: str
    code: str = ""  # "" : no translated sentence, the window shows ``reason``
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return f"{self.source}: field {self.field}: {self.reason}"


class ImportFailed(BadInput):
    """Bad input; nothing was written. ``problems`` name file, row and field (``details``: the same, structured,
    for problems found in rows; problems of a whole file have no details)."""

    def __init__(self, problems: list[str], details: tuple[Problem, ...] = ()) -> None:
        shown = problems[:20]
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__("\n".join(shown) + more, code="import_refused", count=len(problems))
        self.problems = problems
        self.details = details


@dataclass
class Row:
    source: str  # "file: row N"
    values: dict[str, Any]


@dataclass
class Batch:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in ARRAYS})


def _would_run(text: str) -> bool:
    """A spreadsheet could evaluate this text: a formula sign first, or after blanks it may trim."""
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_SIGNS)


def _marked(text: str) -> bool:
    """``text`` (a cell without its first character) is what a neutralised cell holds after the ``'``."""
    return _would_run(text) or text[:1] == "'"


_RISKY_FIRST = frozenset((*FORMULA_STARTS, "'"))


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs as a formula (reversed by ``csv_text``)."""
    if not isinstance(value, str) or not value or (value[0] not in _RISKY_FIRST and not value[0].isspace()):
        return value  # the common case, decided by the first character (no copy of a long text stripped)
    if _would_run(value) or (value[:1] == "'" and _marked(value[1:])):
        return "'" + value
    return value


def csv_text(cell: str) -> str:
    if cell[:1] == "'" and len(cell) > 1 and _marked(cell[1:]):
        return cell[1:]
    return cell
