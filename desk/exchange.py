"""Import and export as the window runs them: a preview of chosen files, the import itself, an export to a
JSON file or a folder of CSV files with a record count for progress. The CLI's rules and messages, reused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from desk.atomic import atomic_write
from desk.changes import ChangeSet
from desk.cli_handover import private_dir
from desk.interchange import (
    Preview,
    count_rows,
    export_arrays,
    import_batch,
    preview_batch,
    read_files,
    write_csv_files,
    write_json,
)
from desk.interchange.merging import Progress
from desk.services import Desk


def preview_files(desk: Desk, paths: Sequence[Path], progress: Progress | None = None) -> Preview:
    """What importing ``paths`` would add, change and leave; ImportFailed names every refused row."""
    return preview_batch(desk, read_files(paths), progress)


def import_files(desk: Desk, paths: Sequence[Path], progress: Progress | None = None) -> ChangeSet:
    """Import ``paths`` all or nothing, signed by the desk's agent in the customer history."""
    return import_batch(desk, read_files(paths), actor=desk.actor, progress=progress)


def records_to_export(desk: Desk) -> int:
    return count_rows(desk)


def export_files(desk: Desk, target: Path, as_csv: bool, on_row: Callable[[], None] | None = None) -> list[Path]:
    """Everything in the interchange format: one JSON file at ``target``, or one CSV per array in the folder
    ``target``. Files are written whole or not at all, readable by their owner only (customers' data)."""
    arrays = export_arrays(desk, on_row=on_row)
    if not as_csv:
        private_dir(target.parent)
        with atomic_write(target) as fh:
            write_json(arrays, fh)
        return [target]
    private_dir(target)
    return write_csv_files(arrays, target, lambda p: atomic_write(p, encoding="utf-8-sig"))
