"""User text stays text: labels set to plain text, tooltips escaped, so markup a user or an import typed
always shows as typed (Qt's labels, tooltips and message boxes otherwise guess rich text)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_labels(root: QWidget) -> QWidget:
    """Every label under ``root`` (form-row labels Qt made included) shows its text literally.

    Called at the end of each window's, dialog's and panel's constructor: no label of the desk needs rich
    text, and a label that shows a name today may show a title tomorrow. Returns ``root``.
    """
    for label in root.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    if isinstance(root, QLabel):
        root.setTextFormat(Qt.TextFormat.PlainText)
    return root


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` literally; wrapped in a paragraph so Qt also wraps long lines."""
    if not text:
        return ""
    body = html.escape(text).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def one_line(text: str) -> str:
    """Multi-line text for a single-line cell (the tooltip keeps the line breaks)."""
    return " ↵ ".join(part for part in text.splitlines() if part.strip()) if "\n" in text else text


def message_box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None = None) -> QMessageBox:
    """A message with an OK button whose text shows as typed (``QMessageBox.critical`` and friends guess rich
    text, and these messages quote file names, server answers and the core's own words)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
