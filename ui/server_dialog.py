"""Connect to a team server: a PostgreSQL URL and password, tested with a real connection (off the GUI thread)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk.credentials import Passwords, Saved, split, with_password
from desk.firstrun import SERVER_TIMEOUT_S, check_server, server_url, shown_url
from desk.store.engine import StoreError
from ui.errors import error_text
from ui.plain import plain_labels


class ServerCheck(QObject):
    """One connection attempt on a worker thread; the answer comes back queued."""

    reachable = Signal(str)
    unreachable = Signal(object)  # the StoreError

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def start(self, url: str) -> None:
        self._thread = threading.Thread(target=self._run, args=(url,), name="server-check", daemon=True)
        self._thread.start()

    def _run(self, url: str) -> None:
        try:
            check_server(url)
        except StoreError as exc:
            self.unreachable.emit(exc)
            return
        self.reachable.emit(url)

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)


def remember(url: str, passwords: Passwords) -> tuple[str, Saved | None]:
    """The URL to keep in the settings (no password), after saving its password (None: it had none)."""
    bare, password = split(url)
    if password is None:
        return url, None
    return bare, passwords.save(bare, password)


class ServerDialog(QDialog):
    chosen = Signal(str)  # a URL the desk could connect to (nothing is saved before that)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a team server"))
        explain = QLabel(
            self.tr(
                "The address of the team's PostgreSQL database, e.g. postgresql://agent@db.example.com/desk, "
                "and your password. The desk connects once to test it before using it; the certificate of the "
                "server is verified."
            ),
            self,
        )
        explain.setWordWrap(True)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("postgresql://user@host/desk")
        self.url.setAccessibleName(self.tr("Server address"))
        self.url.setEchoMode(QLineEdit.EchoMode.Normal)
        # The password never shows: typed here (masked), or moved here out of a pasted address.
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password (kept in the system keyring)"))
        self.password.setAccessibleName(self.tr("Server password"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Connection test"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = QPushButton(self.tr("Test and connect"), self)
        self.connect_button.setDefault(True)
        self.connect_button.setAccessibleName(self.tr("Test and connect"))
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.url)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.check = ServerCheck(self)
        self.check.reachable.connect(self._reachable)
        self.check.unreachable.connect(self._unreachable)
        self.connect_button.clicked.connect(self.test)
        self.resize(620, 200)
        plain_labels(self)

    def test(self) -> None:
        bare, typed = split(self.url.text().strip())
        if typed is not None:  # a pasted address with its password: move it out of sight
            self.password.setText(typed)
            self.url.setText(bare)
        try:
            url = server_url(bare)
        except StoreError as exc:
            self._say(self._sentence(exc))
            return
        if self.password.text():
            url = with_password(url, self.password.text())
        self.connect_button.setEnabled(False)
        waiting = self.tr("Connecting to %1 (at most %2 s)…")
        self._say(waiting.replace("%1", shown_url(url)).replace("%2", str(SERVER_TIMEOUT_S)))
        self.check.start(url)

    def _reachable(self, url: str) -> None:
        self.connect_button.setEnabled(True)
        self.accept()
        self.chosen.emit(url)

    def _unreachable(self, exc: StoreError) -> None:
        self.connect_button.setEnabled(True)
        self._say(self._sentence(exc))

    def _sentence(self, exc: StoreError) -> str:
        where = str(exc.params.get("where", exc.params.get("url", "")))
        if exc.code in ("bad_url", "not_a_server"):
            return self.tr(
                "%1 is not the address of a PostgreSQL server. Type one like postgresql://user@host/desk."
            ).replace("%1", where)
        if exc.code == "cannot_connect":
            sentence = self.tr(
                "The desk could not connect to %1. Nothing was saved: check the host, port, database, "
                "user name and password, and that the server accepts connections from this computer."
            ).replace("%1", where)
            answer = self.tr("The server's answer: %1").replace("%1", str(exc.params.get("detail", "")))
            return f"{sentence}\n\n{answer}"
        return error_text(exc)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        needed = self._layout.totalHeightForWidth(self.width())  # a long server answer wraps onto more lines
        if needed > self.height():
            self.resize(self.width(), needed)

    def wait(self, timeout: float | None = None) -> None:
        self.check.wait(timeout)
