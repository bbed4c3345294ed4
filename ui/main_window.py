"""The agent's window: the queue beside the case and customer panels, alerts, menus with shortcuts."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.about import about
from desk.clock import Clock
from desk.firstrun import has_data
from desk.paths import data_dir
from desk.queue import QueueEntry, load_entries
from desk.queue_order import RECENT_BREACH
from desk.queue_plain import read_open_columns
from desk.services import ChangeSet, Desk, DeskError
from desk.store.engine import StoreError
from desk.vocabulary import CaseStatus
from ui import settings as keys
from ui.alerts import AlertBanner, AlertCenter
from ui.backup_task import FirstPaint
from ui.conflict_marks import ConflictMarks
from ui.customer_panel import CustomerPanel
from ui.customer_upkeep import contract_action
from ui.detail_panel import CaseDetailPanel
from ui.errors import error_text
from ui.handover import handover_actions, shift_status
from ui.i18n import catalog_language
from ui.live import LiveChanges
from ui.loader import QueueLoader
from ui.operations import Operations
from ui.plain import plain_labels
from ui.queue_model import COUNTDOWN, QueueModel
from ui.queue_panel import QueuePanel
from ui.queue_rows import Prepared, prepare_columns
from ui.settings import Settings
from ui.sync import SharedChanges
from ui.tasks import Tasks
from ui.text import CatalogWords, warning_text
from ui.ticker import Ticker

# The dialogs (and a first run's welcome page) are imported when first needed: the first paint needs none.
if TYPE_CHECKING:
    from ui.about_dialog import AboutDialog
    from ui.closed_cases import EndedCasesDialog
    from ui.customer_forms import CustomerDialog
    from ui.customer_list import CustomerListDialog
    from ui.export_dialog import ExportDialog
    from ui.help_dialog import HelpDialog
    from ui.import_dialog import ImportDialog
    from ui.new_case_dialog import NewCaseDialog
    from ui.review.window import ReviewWindow
    from ui.settings_dialog import SettingsDialog
    from ui.welcome import WelcomePage

FIRST_PAGE = 200  # rows painted before the whole queue has loaded (more than a screen)


class PanelTabs(QTabWidget):
    """The case and customer panels, each scrolling inside its tab, so the window can be narrower or
    shorter than a panel's own minimum (half a 1920-pixel screen) and every control stays reachable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: dict[QWidget, QScrollArea] = {}

    def add_panel(self, panel: QWidget, title: str) -> None:
        page = QScrollArea(self)
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setWidget(panel)
        page.setAccessibleName(panel.accessibleName() or title.replace("&", ""))
        self._pages[panel] = page
        self.addTab(page, title)

    def setCurrentWidget(self, widget: QWidget) -> None:
        super().setCurrentWidget(self._pages.get(widget, widget))


class MainWindow(QMainWindow):
    settings_applied = Signal()  # language or agent changed: the composition root rebuilds the window
    database_chosen = Signal(str)  # another database to use (a demo, a server): the composition root switches
    _split_chosen = False  # the agent moved the splitter (now or in a previous session)

    def __init__(
        self, desk: Desk, clock: Clock, settings: Settings, language: str, agent: str, tray: bool = True
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("The desk — %1").replace("%1", agent))
        self.desk, self.clock, self.settings, self.language, self.agent = desk, clock, settings, language, agent
        lang = catalog_language(language)
        # The database is used off the GUI thread: one writer thread, reader threads beside it.
        self.tasks = Tasks(self)
        self.ops = Operations(desk, self, self.tasks)
        # One ticker, one instant per second for every live view: the queue's model and countdowns read
        # it as their clock, the case pane's clocks are refilled from its tick.
        self.ticker = Ticker(clock, self)
        self.ticker.watch(self)
        self.model = QueueModel(self.ticker, self, words=CatalogWords(desk.catalogs, lang))
        self.loading = True
        self._live_started = False
        self._changed_while_loading: set[uuid.UUID] = set()
        self._to_select: uuid.UUID | None = None  # a case just opened: selected once its row is read
        self.loader = QueueLoader(desk, self, column=lambda: self.model.sort_column)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        # The whole queue is read from now on, while this window is built; its rows are decoded once the
        # first screen is painted (at once for a window not shown by then).
        FirstPaint(self, self.loader.painted)
        QTimer.singleShot(0, self, self._unless_shown)
        self.loader.start()
        self.conflict_marks = ConflictMarks(desk, self.tasks, self.model, agent, self)
        self.sync = SharedChanges(desk, clock, self.model.version_of, self)
        # A team server pushes colleagues' changes; the poll then remains only as the fallback.
        self.live = None if desk.store.is_sqlite else LiveChanges(desk.store, self.model.version_of, self.sync, self)
        self.queue = QueuePanel(self.model, self.ticker, agent, desk.catalogs, self)
        self.detail = CaseDetailPanel(self.ops, lang, agent, self)
        self.ticker.tick.connect(self.queue.tick)
        self.detail.follow_ticker(self.ticker)
        self.detail.follow_queue(self.model)
        self.customer = CustomerPanel(self.ops, lang, self)
        self.tabs = PanelTabs(self)
        self.tabs.setAccessibleName(self.tr("Case and customer"))
        self.tabs.add_panel(self.detail, self.tr("Case"))
        self.tabs.add_panel(self.customer, self.tr("Customer"))
        self.banner = AlertBanner(self)
        self.alerts = AlertCenter(self.banner, clock, self, tray=tray)
        muted = settings.text(keys.MUTED)
        self.alerts.muted = {uuid.UUID(m) for m in muted.split(",") if m}
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)  # either side shrinks to its minimum, never to nothing
        # Below these the columns or the panel's fields would be too cramped to work with.
        self.queue.setMinimumWidth(400)
        self.tabs.setMinimumWidth(280)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(central)
        self.welcome: WelcomePage | None = None
        if not self._has_data():  # first run: ways to start instead of an empty queue
            from ui.welcome import WelcomePage  # a first run's page, and the forms it opens

            self.welcome = WelcomePage(self.ops, data_dir(), lang, self)
            self.welcome.database_chosen.connect(self.database_chosen)
            self.welcome.customer_added.connect(self._first_customer)
            self.welcome.imported.connect(lambda words: self.statusBar().showMessage(words, 30_000))
            self.pages.addWidget(self.welcome)
            self.pages.setCurrentWidget(self.welcome)
        self.setCentralWidget(self.pages)
        self.new_case_dialog: NewCaseDialog | None = None
        self.customer_dialog: CustomerDialog | None = None
        self.customer_list: CustomerListDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.ended_dialog: EndedCasesDialog | None = None
        self.review_window: ReviewWindow | None = None
        self._build_menus()

        self.model.transitions.connect(self.alerts.on_transitions)
        self.ops.changed.connect(self._changed)
        self.ops.failed.connect(self._failed)
        self.queue.case_selected.connect(self._case_selected)
        self.queue.case_activated.connect(self._open_case)
        self.banner.open_requested.connect(self._open_case)
        self.detail.case_actions.reopened.connect(self.select_when_shown)
        self._restore()
        self.sync.changed.connect(self._changed_elsewhere)
        self.sync.failed.connect(self._shared_changes_failed)
        if self.live is not None:
            self.live.changed.connect(self._changed_elsewhere)
        # The queue's count lives in the status bar (one count, whatever the filter); messages go beside it.
        self.statusBar().addPermanentWidget(self.queue.count)
        # The agent's shift (or an offer to start it) and handovers waiting for them, from the moment it opens.
        self.shift_status = shift_status(self, desk, agent, settings, self.ops)
        self.statusBar().addPermanentWidget(self.shift_status)
        # Work that lasts more than a moment (a write behind a colleague's lock, a column's first sort on a
        # large queue) shows that it is under way; the window stays usable meanwhile.
        self.working = QProgressBar(self)
        self.working.setRange(0, 0)
        self.working.setMaximumWidth(120)
        self.working.setFormat(self.tr("Working…"))
        self.working.setAccessibleName(self.tr("Work under way"))
        self.working.hide()
        self.statusBar().addPermanentWidget(self.working)
        self.tasks.busy_changed.connect(self._show_working)
        self.model.busy_changed.connect(self._show_working)
        self._loading_words = self.tr("Loading the open cases…")
        self.statusBar().showMessage(self._loading_words)
        # The most urgent rows first, straight from the deadline index, so the screen is never empty;
        # a failure here is the loader's to report.
        with contextlib.suppress(DeskError, StoreError):
            now = self.ticker.now()
            self.model.adopt(
                prepare_columns(read_open_columns(desk, now, limit=FIRST_PAGE), now, RECENT_BREACH, ordered=True)
            )

        plain_labels(self)

    def _has_data(self) -> bool:
        try:
            return has_data(self.desk.store)
        except (DeskError, StoreError):
            return True  # a database that cannot be read: the queue's loader says why

    def _unless_shown(self) -> None:
        if not self.isVisible():
            self.loader.painted()

    def showing_welcome(self) -> bool:
        return self.welcome is not None and self.pages.currentWidget() is self.welcome

    def _loaded(self, prepared: Prepared) -> None:
        with self.queue.keeping_selection():
            self.model.adopt(prepared)
        if self._changed_while_loading:  # writes that may have raced the load: reload those rows
            self._reload(frozenset(self._changed_while_loading))
        self.loading = False
        self._changed_while_loading.clear()
        self.conflict_marks.refresh()
        self.sync.timer.start()
        if self.live is not None and not self._live_started:
            self._live_started = True
            self.live.start()
        if self.statusBar().currentMessage() == self._loading_words:  # not a warning shown since
            self.statusBar().clearMessage()

    def _action(
        self, menu_name: str, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str, slot: object
    ) -> QAction:
        menu = self._menus[menu_name]
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._menus = {
            "file": bar.addMenu(self.tr("&File")),
            "case": bar.addMenu(self.tr("&Case")),
            "view": bar.addMenu(self.tr("&View")),
            "customer": bar.addMenu(self.tr("C&ustomer")),
            "handover": bar.addMenu(self.tr("&Handover")),
            "review": bar.addMenu(self.tr("Revie&w")),
            "help": bar.addMenu(self.tr("He&lp")),
        }
        self.act_new = self._action("file", self.tr("&New case…"), QKeySequence.StandardKey.New, self.new_case)
        self._action("file", self.tr("&Import…"), "Ctrl+I", self.open_import)
        self._action("file", self.tr("&Export…"), "Ctrl+E", self.open_export)
        self._action("file", self.tr("&Settings…"), "Ctrl+,", self.open_settings)
        self._action("file", self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self._action(
            "case", self.tr("&Open selected case"), "Ctrl+O", lambda: self._open_case(self.queue.selected_case())
        )
        acts = self.detail.case_actions
        self.act_respond = self._action(
            "case", self.tr("Record &response…"), "Ctrl+R", self._on_case(acts.record_response)
        )
        self._action("case", self.tr("Customer repl&ied"), "Ctrl+Shift+R", self._on_case(acts.customer_replied))
        self._action("case", self.tr("&Waiting on customer"), "", self._on_case(acts.set_waiting))
        self._action("case", self.tr("Re-&grade…"), "Ctrl+G", lambda: self._focus(acts.regrade_to))
        self._action("case", self.tr("Re&solve…"), "", self._on_case(lambda: acts.end_case(CaseStatus.RESOLVED)))
        self._action("case", self.tr("C&lose…"), "", self._on_case(lambda: acts.end_case(CaseStatus.CLOSED)))
        self._action("case", self.tr("Reop&en…"), "", self._on_case(acts.reopen_case))
        self._action("case", self.tr("Add &note…"), "Ctrl+M", lambda: self._focus(acts.note))
        self._action("case", self.tr("&Assign…"), "Ctrl+Shift+A", lambda: self._focus(acts.assignee))
        self._action("case", self.tr("Next &breach"), "F8", lambda: self.queue.jump_to_breach(1))
        self._action("case", self.tr("&Previous breach"), "Shift+F8", lambda: self.queue.jump_to_breach(-1))
        self._action("case", self.tr("&Mute alerts for this case"), "Ctrl+Shift+M", self.mute_selected)
        self._action("view", self.tr("&Search"), QKeySequence.StandardKey.Find, self.queue.search.focus_for_new_words)
        self._action("view", self.tr("&My cases"), "Ctrl+1", self.queue.mine.toggle)
        self._action("view", self.tr("&Queue"), "Ctrl+0", lambda: self._focus(self.queue.view))
        self._action("view", self.tr("Recently resolved and &closed…"), "Ctrl+Shift+F", self.open_ended_cases)
        self.act_default_order = self._action(
            "view", self.tr("&Default order (breaching next)"), "Ctrl+Shift+0", self.queue.default_order
        )
        self._action("customer", self.tr("Show &customer"), "Ctrl+U", lambda: self.tabs.setCurrentWidget(self.customer))
        self._action("customer", self.tr("&Book quota…"), "Ctrl+B", self.customer.open_booking)
        self._customer_actions()
        self._action("customer", self.tr("Customer &list…"), "Ctrl+Shift+U", self.open_customer_list)
        self._menus["handover"].addActions(handover_actions(self, self.desk, self.agent, self.settings, self.ops))
        self._action("review", self.tr("&SLA performance…"), "Ctrl+Alt+1", lambda: self.open_review("sla"))
        self._action("review", self.tr("&Quota use…"), "Ctrl+Alt+2", lambda: self.open_review("quota"))
        self._action("review", self.tr("&Handover discipline…"), "Ctrl+Alt+3", lambda: self.open_review("handovers"))
        self._action("help", self.tr("How the desk &counts…"), QKeySequence.StandardKey.HelpContents, self.open_help)
        self._action("help", self.tr("&About the desk…"), "", self.open_about)

    def _customer_actions(self) -> None:
        """Keeping customers and contracts: the forms act on the customer the Customer tab shows."""
        upkeep = self.customer.upkeep
        self._menus["customer"].addSeparator()
        self._action("customer", self.tr("&New customer…"), "Ctrl+Shift+N", self.new_customer)
        self._action("customer", self.tr("&Edit customer…"), "", self._on_customer(upkeep.edit_customer))
        self._action(
            "customer",
            self.tr("New contract &period…"),
            "",
            self._on_customer(lambda: upkeep.contract_form(contract_action("ADD"))),
        )
        self._action(
            "customer",
            self.tr("&Renew contract…"),
            "",
            self._on_customer(lambda: upkeep.contract_form(contract_action("RENEW"))),
        )
        self._action(
            "customer",
            self.tr("Change &tier from a date…"),
            "",
            self._on_customer(lambda: upkeep.contract_form(contract_action("CHANGE_TIER"))),
        )

    def _on_customer(self, slot: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            self.tabs.setCurrentWidget(self.customer)
            if self.customer.data is None:
                self._failed(self.tr("Select a case or a customer first."))
                return
            slot()

        return run

    def new_customer(self) -> CustomerDialog:
        from ui.customer_forms import CustomerDialog

        dialog = CustomerDialog(self.ops, catalog_language(self.language), parent=self)
        dialog.accepted.connect(lambda: self._show_customer(dialog.entered().ref))
        dialog.open()
        self.customer_dialog = dialog
        return dialog

    def open_import(self) -> ImportDialog:
        from ui.import_dialog import ImportDialog

        self.import_dialog = ImportDialog(self.ops, self)
        self.import_dialog.open()
        return self.import_dialog

    def open_export(self) -> ExportDialog:
        from ui.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self.ops, self)
        self.export_dialog.open()
        return self.export_dialog

    def open_customer_list(self) -> CustomerListDialog:
        from ui.customer_list import CustomerListDialog

        if self.customer_list is None:
            self.customer_list = CustomerListDialog(self.ops, self.settings.number(keys.EXPIRING_DAYS), self)
            self.customer_list.open_requested.connect(self._show_customer)
            self.customer_list.new_requested.connect(self.new_customer)
        self.customer_list.show()
        self.customer_list.raise_()
        self.customer_list.activateWindow()
        self.customer_list.search.setFocus()
        return self.customer_list

    def _show_customer(self, customer_ref: str) -> None:
        self.customer.show_customer(customer_ref)
        self.tabs.setCurrentWidget(self.customer)

    def _on_case(self, slot: Callable[[], None]) -> Callable[[], None]:
        """A case action from the menu or its key: on the Case tab, so its dialog or refusal is seen there."""

        def run() -> None:
            self.tabs.setCurrentWidget(self.detail)
            slot()

        return run

    def _focus(self, widget: QWidget) -> None:
        if widget is not self.queue.search and widget is not self.queue.view:
            self.tabs.setCurrentWidget(self.detail)
        widget.setFocus()

    # ---------------------------------------------------------------- reactions

    def _case_selected(self, case_id: uuid.UUID | None) -> None:
        """The case and its customer, read on a reader thread: choosing a row never waits for the database."""

        def customer() -> None:
            if self.detail.detail is not None:
                self.customer.load_customer(self.detail.detail.customer_ref)

        self.detail.load_case(case_id, customer)

    def _open_case(self, case_id: uuid.UUID | None) -> None:
        if case_id is None:
            return
        if not self.queue.select_case(case_id):  # e.g. an alert's case the current filter hides
            self.queue.clear_filter()
            self.queue.select_case(case_id)
        self.tabs.setCurrentWidget(self.detail)
        self.detail.case_actions.respond.setFocus()

    def _changed(self, changes: ChangeSet) -> None:
        if self.loading:
            self._changed_while_loading |= changes.cases
        if changes.cases:
            self._reload(changes.cases)
            self.conflict_marks.refresh(changes.cases)
        if changes.warnings:
            self.statusBar().showMessage(" ".join(warning_text(w) for w in changes.warnings), 15_000)
        if self.showing_welcome() and (changes.cases or changes.customers) and self._has_data():
            self.pages.setCurrentIndex(0)  # there is data now: the page gives way to the queue
            self.queue.view.setFocus()

    def _first_customer(self, customer_ref: str) -> None:
        """The first customer is in: show it, and offer its first case straight away."""
        self.customer.show_customer(customer_ref)
        self.tabs.setCurrentWidget(self.customer)
        dialog = self.new_case()
        dialog.customer.setText(customer_ref)

    def _reload(self, case_ids: frozenset[uuid.UUID]) -> None:
        """Read these cases' rows on a reader thread, then show them."""
        self.tasks.read(lambda: load_entries(self.desk, case_ids), self._reloaded, self._read_failed)

    def _reloaded(self, fresh: dict[uuid.UUID, QueueEntry | None]) -> None:
        # Two reloads of one case may answer out of order: never show an older version over a newer one.
        known = self.model.version_of
        fresh = {c: e for c, e in fresh.items() if e is None or (known(c) or 0) <= e.version}
        with self.queue.keeping_selection():
            self.model.apply(fresh)
        if self._to_select in fresh:
            self.queue.select_case(self._to_select)
            self._to_select = None

    def _read_failed(self, exc: Exception) -> None:
        if not isinstance(exc, DeskError | StoreError):
            raise exc
        self.statusBar().showMessage(error_text(exc), 15_000)

    def _show_working(self) -> None:
        self.working.setVisible(self.tasks.slow() or self.model.busy())

    def busy(self) -> bool:
        """Work the window asked for has not answered yet (a write, a read, a column's order)."""
        return self.tasks.busy() or self.model.busy()

    def _changed_elsewhere(self, case_ids: frozenset[uuid.UUID]) -> None:
        """Another desk on the same database changed these cases: show their current state."""
        self._changed(ChangeSet(cases=case_ids))
        self.detail.reload_changed(case_ids)

    def _shared_changes_failed(self, exc: DeskError) -> None:
        """Colleagues' changes cannot be fetched now: say why; the next poll asks again for all of them."""
        self.statusBar().showMessage(error_text(exc), 10_000)

    def _failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not done"), message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # refusals quote case ids and names as typed
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def mute_selected(self) -> None:
        case_id = self.queue.selected_case()
        if case_id is not None:
            self.alerts.mute(case_id)

    def new_case(self) -> NewCaseDialog:
        from ui.new_case_dialog import NewCaseDialog

        self.new_case_dialog = NewCaseDialog(self.ops, catalog_language(self.language), self.agent, self)
        self.new_case_dialog.accepted.connect(self._new_case_done)
        self.new_case_dialog.open()
        return self.new_case_dialog

    def _new_case_done(self) -> None:
        if self.new_case_dialog is not None and self.new_case_dialog.opened is not None:
            self.select_when_shown(self.new_case_dialog.opened)

    def select_when_shown(self, case_id: uuid.UUID) -> None:
        """Select a case now if the queue shows it, else as soon as its row (being read) arrives."""
        if not self.queue.select_case(case_id):
            self._to_select = case_id

    def open_settings(self) -> SettingsDialog:
        from ui.settings_dialog import SettingsDialog

        catalogs = self.desk.catalogs
        plan_zones = tuple(dict.fromkeys(str(catalogs.get(v).timezone) for v in catalogs.versions()))
        self.settings_dialog = SettingsDialog(self.settings, self, plan_zones)
        self.settings_dialog.accepted.connect(self.settings_applied)
        self.settings_dialog.open()
        return self.settings_dialog

    def open_ended_cases(self) -> EndedCasesDialog:
        from ui.closed_cases import EndedCasesDialog

        if self.ended_dialog is None:
            self.ended_dialog = EndedCasesDialog(self.ops, self)
            self.ended_dialog.open_requested.connect(self.show_any_case)
            self.ended_dialog.reopen_requested.connect(self._reopen_from_list)
        self.ended_dialog.show()
        self.ended_dialog.raise_()
        self.ended_dialog.activateWindow()
        self.ended_dialog.search.setFocus()
        return self.ended_dialog

    def _reopen_from_list(self, case_id: uuid.UUID) -> None:
        self.show_any_case(case_id)
        self.detail.case_actions.reopen_case()

    def show_any_case(self, case_id: uuid.UUID) -> None:
        """A case from outside the queue (e.g. resolved): in the case pane, and selected in the queue if shown there."""
        self.detail.show_case(case_id)
        self.tabs.setCurrentWidget(self.detail)
        self.queue.select_case(case_id)

    def open_review(self, view: str) -> ReviewWindow:
        """The team lead's review (read-only), on ``view``: one window, its period kept between views."""
        from ui.review.window import ReviewWindow

        if self.review_window is None:
            self.review_window = ReviewWindow(self.desk, self.clock, catalog_language(self.language), self)
            self.review_window.open_case.connect(self.show_any_case)
        self.review_window.show_view(view)
        return self.review_window

    def open_help(self) -> HelpDialog:
        from ui.help_dialog import HelpDialog

        dialog = HelpDialog(self.desk.catalogs.latest, catalog_language(self.language), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_about(self) -> AboutDialog:
        from ui.about_dialog import AboutDialog

        dialog = AboutDialog(about(self.desk.store, self.desk.catalogs), catalog_language(self.language), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def stop_timers(self) -> None:
        for timer in (self.ticker.timer, self.sync.timer):
            timer.stop()
        self.tasks.close()  # writes given are finished; their answers are not shown any more
        if self.live is not None:
            self.live.stop()
        if self.welcome is not None:
            self.welcome.stop()
        for dialog in (self.import_dialog, self.export_dialog):
            if dialog is not None:
                dialog.wait()  # a write or export under way finishes before the window goes

    # ---------------------------------------------------------------- settings

    def _restore(self) -> None:
        geometry = self.settings.blob(keys.WINDOW_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 820)
        header = self.settings.blob(keys.QUEUE_HEADER)
        if header is not None:
            restored = self.queue.view.horizontalHeader()
            restored.restoreState(header)
            if (
                restored.sortIndicatorSection() == COUNTDOWN
                and restored.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            ):
                # The default before "breaching next" existed: its successor, not a choice to keep.
                self.queue.default_order()
        splitter = self.settings.blob(keys.SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self._split_chosen = splitter is not None  # the agent's own split is kept as the window resizes
        self.splitter.splitterMoved.connect(self._split_moved)
        self._first_split()

    def _split_moved(self) -> None:
        self._split_chosen = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._first_split()

    def _first_split(self) -> None:
        """Without a remembered split: the case panel gets the width it needs (and at least a third) as
        long as the queue keeps a working width; on half a screen the queue gives up its last columns."""
        if self._split_chosen:
            return
        width = max(self.width() - 8, self.splitter.minimumSizeHint().width())
        panel = max(self.tabs.sizeHint().width(), width // 3)
        panel = max(self.tabs.minimumWidth(), min(panel, width - max(self.queue.minimumWidth(), 440)))
        self.splitter.setSizes([width - panel, panel])

    def save_settings(self) -> None:
        self.settings.set_blob(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set_blob(keys.QUEUE_HEADER, self.queue.view.horizontalHeader().saveState())
        if self._split_chosen:  # otherwise the split keeps following the window's width
            self.settings.set_blob(keys.SPLITTER, self.splitter.saveState())
        self.settings.set_text(keys.MUTED, ",".join(sorted(str(m) for m in self.alerts.muted)))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
