"""What a write changed: one type for cases, customers, quota bookings, shifts and handover reports.

Every write of the desk returns a ``ChangeSet`` or a result that carries one (``Changed``: a stored
shift or report names itself), so the window runs every write one way and views refresh exactly what
it names.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ChangeSet:
    """What an operation changed, so views refresh exactly that."""

    cases: frozenset[uuid.UUID] = frozenset()
    customers: frozenset[uuid.UUID] = frozenset()
    quota_uses: frozenset[uuid.UUID] = frozenset()
    warnings: tuple[str, ...] = ()
    shifts: frozenset[uuid.UUID] = frozenset()
    reports: frozenset[uuid.UUID] = frozenset()

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.cases | other.cases,
            self.customers | other.customers,
            self.quota_uses | other.quota_uses,
            self.warnings + other.warnings,
            self.shifts | other.shifts,
            self.reports | other.reports,
        )

    @property
    def changes(self) -> ChangeSet:
        return self


class Changed(Protocol):
    """A write's result: a ``ChangeSet`` itself, or a value that says what its write changed."""

    @property
    def changes(self) -> ChangeSet: ...
