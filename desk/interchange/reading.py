"""Reading interchange files (JSON, CSV, a folder of CSV files) into a ``Batch`` of rows, each naming its source."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from desk.interchange.format import ARRAYS, FIELDS, MAX_FILE_BYTES, Batch, ImportFailed, Row, csv_text


def read_files(paths: Iterable[Path]) -> Batch:
    batch = Batch()
    problems: list[str] = []
    for path in paths:
        try:
            if path.is_dir():
                for name in ARRAYS:
                    if (path / f"{name}.csv").exists():
                        _read_csv(path / f"{name}.csv", name, batch)
            elif path.suffix.lower() == ".json":
                _read_json(path, batch)
            elif path.suffix.lower() == ".csv":
                name = path.stem
                if name not in ARRAYS:
                    raise ImportFailed([f"{path}: a CSV file must be named after its array: {', '.join(ARRAYS)}"])
                _read_csv(path, name, batch)
            else:
                raise ImportFailed([f"{path}: unknown file type (use .json, .csv or a folder of CSV files)"])
        except ImportFailed as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(f"{path}: cannot read: {exc.strerror}")
    if problems:
        raise ImportFailed(problems)
    return batch


def _decode(path: Path) -> str:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ImportFailed([f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB"])
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed([f"{path}: line {line}: not UTF-8 (byte {exc.start}); save the file as UTF-8"]) from None


def _read_json(path: Path, batch: Batch) -> None:
    text = _decode(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed([f"{path}: line {exc.lineno} column {exc.colno}: not valid JSON: {exc.msg}"]) from None
    except RecursionError:
        raise ImportFailed([f"{path}: JSON nested too deeply"]) from None
    if not isinstance(doc, dict):
        raise ImportFailed([f"{path}: the top level must be an object with arrays {', '.join(ARRAYS)}"])
    unknown = sorted(set(doc) - set(ARRAYS))
    if unknown:
        raise ImportFailed([f"{path}: unknown key(s) {', '.join(unknown)}; expected {', '.join(ARRAYS)}"])
    problems = []
    for name in ARRAYS:
        items = doc.get(name, [])
        if not isinstance(items, list):
            problems.append(f"{path}: {name}: must be an array")
            continue
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append(f"{path}: {name} row {i}: must be an object")
                continue
            batch.rows[name].append(Row(f"{path}: {name} row {i}", dict(item)))
    if problems:
        raise ImportFailed(problems)


def _read_csv(path: Path, name: str, batch: Batch) -> None:
    text = _decode(path)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    batch.rows[name].extend(csv_values(path, name, reader))


def csv_values(path: Path, name: str, reader: csv.DictReader[str]) -> Iterator[Row]:
    """The rows of one CSV file of array ``name``, a line at a time; ImportFailed names the line at fault."""
    try:
        headers = reader.fieldnames or []
        missing = [f for f in ("id",) if f not in headers]
        if missing:
            raise ImportFailed([f"{path}: row 1: missing column(s) {', '.join(missing)}"])
        unknown = [h for h in headers if h not in FIELDS[name]]
        if unknown:
            raise ImportFailed([f"{path}: row 1: unknown column(s) {', '.join(map(repr, unknown))}"])
        for record in reader:
            line = reader.line_num
            if None in record:
                raise ImportFailed([f"{path}: row {line}: more cells than headers"])
            values: dict[str, Any] = {k: (csv_text(v) if v else None) for k, v in record.items()}
            if name == "cases" and values.get("severity_changes"):
                try:
                    values["severity_changes"] = json.loads(values["severity_changes"])
                except (json.JSONDecodeError, RecursionError):
                    raise ImportFailed([f"{path}: row {line}: field severity_changes: not a JSON list"]) from None
            if name == "quota_uses" and values.get("persons") is not None:
                raw = values["persons"].strip()
                values["persons"] = int(raw) if raw.isascii() and raw.isdigit() else raw
            yield Row(f"{path}: row {line}", values)
    except csv.Error as exc:
        raise ImportFailed([f"{path}: row {reader.line_num}: {exc}"]) from None
