"""Whose cases a handover covers: a button whose menu ticks known agents (several, for a team lead)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

Scope = tuple[str, ...] | None  # None: the whole desk


class ScopePicker(QToolButton):
    """``set_choices(known, scope)`` then read ``scope()``; ``changed`` carries the new scope."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName(self.tr("Whose cases the handover covers"))
        self.setToolTip(
            self.tr("Cases assigned to these agents, or that they acted on during the shift; a lead may tick several.")
        )
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self._whole = QAction(self.tr("The whole desk"), self)
        self._whole.setCheckable(True)
        self._agents: dict[str, QAction] = {}
        self._scope: Scope = ()
        self._whole.toggled.connect(lambda on: self._toggled(None, on))

    def set_choices(self, known: Sequence[str], scope: Scope) -> None:
        """Offer ``known`` agents (and those already in ``scope``); tick ``scope``; emit nothing."""
        self._menu.clear()
        self._menu.addAction(self._whole)
        self._menu.addSeparator()
        self._agents = {}
        names = {n.casefold(): n for n in (*known, *(scope or ()))}
        for key in sorted(names):
            action = QAction(_literal(names[key]), self)  # a name as typed: "&" is not a shortcut marker
            action.setData(names[key])
            action.setCheckable(True)
            action.toggled.connect(lambda on, name=names[key]: self._toggled(name, on))
            self._agents[key] = action
            self._menu.addAction(action)
        self._apply(scope)

    def scope(self) -> Scope:
        return self._scope

    def action_for(self, name: str | None) -> QAction:
        """The menu entry of an agent (None: the whole desk)."""
        return self._whole if name is None else self._agents[name.strip().casefold()]

    def _apply(self, scope: Scope) -> None:
        self._scope = scope
        for action in (self._whole, *self._agents.values()):
            action.blockSignals(True)
        self._whole.setChecked(scope is None)
        chosen = {n.casefold() for n in scope or ()}
        for key, action in self._agents.items():
            action.setChecked(key in chosen)
        for action in (self._whole, *self._agents.values()):
            action.blockSignals(False)
        if scope is None:
            self.setText(self.tr("Cases of: the whole desk"))
        else:
            self.setText(self.tr("Cases of: %1").replace("%1", _literal(", ".join(scope))))

    def _toggled(self, name: str | None, on: bool) -> None:
        if name is None:
            # The whole desk excludes a choice of agents; unticking it leaves the scope as it was.
            new: Scope = None if on else self._scope
        else:
            ticked = [str(a.data()) for a in self._agents.values() if a.isChecked()]
            new = tuple(ticked) if ticked else self._scope  # never nobody: the last agent stays ticked
        old = self._scope
        self._apply(new)
        if new != old:
            self.changed.emit(new)


def _literal(text: str) -> str:
    return text.replace("&", "&&")
