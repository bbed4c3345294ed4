"""The handover dialog's parts built when first shown (the start form, the running shift's panel), reached
through the dialog's own attributes, and its growing around its centre once the shift it read arrives."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from ui.handover.start_form import ShiftStartForm, desk_zone

if TYPE_CHECKING:
    from ui.handover.dialog import HandoverDialog
    from ui.handover.shift_panel import ShiftPanel

Part = TypeVar("Part")


class OfPanel(Generic[Part]):
    """One of the shift panel's widgets, reached through the dialog: asking for it builds the panel."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, dialog: HandoverDialog, owner: type | None = None) -> Part:
        part: Part = getattr(dialog.panel, self.name)
        return part


def _layout(dialog: HandoverDialog) -> QVBoxLayout:
    layout = dialog.layout()
    assert isinstance(layout, QVBoxLayout)
    return layout


def build_start_form(dialog: HandoverDialog) -> ShiftStartForm:
    """The form that starts a shift, hidden, above the dialog's status line, wired to the dialog."""
    form = ShiftStartForm(desk_zone(dialog.handover.desk), dialog)
    form.hide()
    _layout(dialog).insertWidget(0, form, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    form.start_button.clicked.connect(dialog.start_shift)
    return form


def build_panel(dialog: HandoverDialog) -> ShiftPanel:
    """The running shift's widgets, hidden, above the dialog's status line, wired to the dialog."""
    from ui.handover.shift_panel import ShiftPanel

    p = ShiftPanel(dialog.handover, dialog._settings, dialog._save_entry, dialog)
    p.hide()
    layout = _layout(dialog)
    layout.insertWidget(layout.indexOf(dialog.status), p)
    p.incoming.editingFinished.connect(dialog._save_incoming)
    p.scope_picker.changed.connect(dialog.set_scope)
    p.save_notes_button.clicked.connect(dialog.save_notes)
    p.check_button.clicked.connect(lambda: dialog.check_readiness())  # every case (not the "checked" flag)
    p.end_button.clicked.connect(dialog.end_shift)
    p.generate_button.clicked.connect(dialog.generate)
    p.sign_button.clicked.connect(dialog.sign)
    p.ack_button.clicked.connect(dialog.acknowledge)
    p.correct_button.clicked.connect(dialog._ask_correction)
    p.exports.message.connect(dialog.status.setText)
    p.bulk.apply.connect(dialog.apply_to_selected)
    p.table.selectionModel().selectionChanged.connect(dialog._selection_changed)
    return p


def resize_centred(dialog: HandoverDialog, width: int, height: int) -> None:
    """Resize around the dialog's centre once it is shown (the shift arrives after it opened): it grows
    on every side as it opened, over its window, instead of off the screen's edge."""
    if not dialog.isVisible():
        dialog.resize(width, height)
        return
    centre = dialog.frameGeometry().center()
    dialog.resize(width, height)
    frame = dialog.frameGeometry()
    frame.moveCenter(centre)
    screen = dialog.screen().availableGeometry()
    frame.moveTop(max(screen.top(), min(frame.top(), screen.bottom() - frame.height())))
    frame.moveLeft(max(screen.left(), min(frame.left(), screen.right() - frame.width())))
    dialog.move(frame.topLeft())
