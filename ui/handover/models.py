"""Table models of the handover views: the shift's open cases (editable entries) and the report list."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desk.handover import HandoverCaseRow, ReportSummary
from ui.text import local_time, remaining_text, state_text, status_text, yes_no

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_TIP = Qt.ItemDataRole.ToolTipRole

# ``save(case_id, field=value)`` stores one change and says whether it was accepted (it never raises:
# a refusal is reported by the caller, and the cell keeps its stored value).
SaveEntry = Callable[..., bool]


class _ListModel(QAbstractTableModel):
    """A flat list of rows under fixed headers: what both handover tables share."""

    _rows: list[Any]
    _headers: list[str]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < len(self._headers):
            return self._headers[section]
        return None


class HandoverCasesModel(_ListModel):
    """Open cases of a shift, most urgent first; owner, next action, note and briefed are editable."""

    CASE, SEVERITY, TITLE, CUSTOMER, STATE, REMAINING, OWNER, NEXT_ACTION, NOTE, BRIEFED = range(10)
    EDITABLE: ClassVar[dict[int, str]] = {OWNER: "owner", NEXT_ACTION: "next_action", NOTE: "note"}

    def __init__(self, save: SaveEntry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HandoverCaseRow] = []
        self._save = save
        self.read_only = False
        self._headers = [
            self.tr("Case"), self.tr("Sev"), self.tr("Title"), self.tr("Customer"), self.tr("SLA"),
            self.tr("Left"), self.tr("Owner"), self.tr("Next action"), self.tr("Handover note"), self.tr("Briefed"),
        ]  # fmt: skip

    def set_rows(self, rows: Sequence[HandoverCaseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> HandoverCaseRow:
        return self._rows[index]

    def row_of(self, case_id: uuid.UUID) -> int:
        return next(i for i, r in enumerate(self._rows) if r.case_id == case_id)

    def update_rows(self, case_ids: set[uuid.UUID], **fields: Any) -> None:
        """Several rows took the same stored values (a bulk entry): repaint exactly those rows."""
        last = len(self._headers) - 1
        for i, row in enumerate(self._rows):
            if row.case_id in case_ids:
                self._rows[i] = _replace(row, **fields)
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        if not self.read_only and index.column() == self.BRIEFED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == _CHECK and col == self.BRIEFED:
            return Qt.CheckState.Checked if r.briefed else Qt.CheckState.Unchecked
        if role == _TIP and col == self.STATE and r.deadline is not None:
            return local_time(r.deadline)
        if role not in (_DISPLAY, _EDIT):
            return None
        values = {
            self.CASE: r.ref,
            self.SEVERITY: r.severity,
            self.TITLE: r.title,
            self.CUSTOMER: r.customer_name,
            self.STATE: f"{state_text(r.state)} · {status_text(r.status)}",
            self.REMAINING: remaining_text(r.state, r.remaining_s),
            self.OWNER: r.owner,
            self.NEXT_ACTION: r.next_action,
            self.NOTE: r.note,
            self.BRIEFED: yes_no(r.briefed) if role == _DISPLAY else r.briefed,
        }
        return values.get(col)

    def setData(self, index: Index, value: Any, role: int = _EDIT) -> bool:
        if not index.isValid() or self.read_only:
            return False
        r, col = self._rows[index.row()], index.column()
        if col in self.EDITABLE and role == _EDIT:
            field = self.EDITABLE[col]
            text = str(value)
            if getattr(r, field) == text:
                return False
            if not self._save(r.case_id, **{field: text}):
                return False
            self._rows[index.row()] = _replace(r, **{field: text})
        elif col == self.BRIEFED and role == _CHECK:
            briefed = Qt.CheckState(value) == Qt.CheckState.Checked
            if not self._save(r.case_id, briefed=briefed):
                return False
            self._rows[index.row()] = _replace(r, briefed=briefed)
        else:
            return False
        self.dataChanged.emit(index, index, [role, _DISPLAY])
        return True


def _replace(row: HandoverCaseRow, **changes: Any) -> HandoverCaseRow:
    from dataclasses import replace

    return replace(row, **changes)


class ReportListModel(_ListModel):
    """Handover reports, newest shift first (each revision a row)."""

    SHIFT, OUTGOING, INCOMING, REVISION, SIGNED, ACKNOWLEDGED = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReportSummary] = []
        self._headers = [
            self.tr("Shift"), self.tr("Outgoing"), self.tr("Incoming"), self.tr("Revision"), self.tr("Signed"),
            self.tr("Acknowledged"),
        ]  # fmt: skip

    def set_rows(self, rows: Sequence[ReportSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def report(self, row: int) -> ReportSummary:
        return self._rows[row]

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or role != _DISPLAY:
            return None
        r = self._rows[index.row()]
        zone = ZoneInfo(r.timezone)
        col = index.column()
        if col == self.SHIFT:
            return f"{r.starts_at.astimezone(zone):%Y-%m-%d %H:%M} – {r.ends_at.astimezone(zone):%H:%M}"
        if col == self.OUTGOING:
            return r.outgoing
        if col == self.INCOMING:
            return r.incoming
        if col == self.REVISION:
            return f"{r.revision}" + (self.tr(" (superseded)") if r.superseded else "")
        if col == self.SIGNED:
            return f"{r.signed_by} {r.signed_at.astimezone(zone):%H:%M}" if r.signed_at else self.tr("not signed")
        if col == self.ACKNOWLEDGED:
            if r.acknowledged_at is None:
                return self.tr("not acknowledged")
            return f"{r.acknowledged_by} {r.acknowledged_at.astimezone(zone):%H:%M}"
        return None
