"""Reading interchange files a row at a time: a JSON document's arrays element by element, CSV files line by line.

Memory holds one chunk of the file and the row being read, whatever the file's size. Rows come in file
order as ``(array, Row)``, named as ``reading`` names them (``file: cases row 4``, ``file: row 12``), and
every problem of a whole file is worded as ``reading`` words it (line and column of bad JSON, the line of
bytes that are not UTF-8).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from desk.interchange.format import ARRAYS, MAX_FILE_BYTES, ImportFailed, Row
from desk.interchange.reading import csv_values

CHUNK_CHARS = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class NotStreamable(Exception):
    """Files that cannot be read in one pass in the order they are merged (an array before the arrays it
    refers to, the same array twice, several JSON files): read whole instead."""


def stream_rows(paths: Iterable[Path], chunk: int = CHUNK_CHARS) -> Iterator[tuple[str, Row]]:
    """Every row of ``paths`` (one JSON file, or CSV files and folders) in the order customers, contracts,
    cases, quota uses; ``NotStreamable`` before any row if the files cannot be read in that order."""
    paths = list(paths)
    json_files = [p for p in paths if not p.is_dir() and p.suffix.lower() == ".json"]
    if json_files:
        if len(paths) > 1:
            raise NotStreamable
        yield from _json_rows(json_files[0], chunk)
        return
    csv_files: list[tuple[str, Path]] = []
    for path in paths:
        if path.is_dir():
            csv_files += [(name, path / f"{name}.csv") for name in ARRAYS if (path / f"{name}.csv").exists()]
        elif path.suffix.lower() == ".csv" and path.stem in ARRAYS:
            csv_files.append((path.stem, path))
        else:
            raise NotStreamable  # refused by the whole-file reader, in its words
    for name, path in sorted(csv_files, key=lambda item: ARRAYS.index(item[0])):
        yield from ((name, row) for row in _csv_rows(path, name))


# ---------------------------------------------------------------- JSON


class _Text:
    """A UTF-8 file read a chunk at a time; positions are in ``buf``, lines and columns counted as ``json`` does."""

    def __init__(self, path: Path, handle: BinaryIO, chunk: int) -> None:
        self.path, self.handle, self.chunk = path, handle, chunk
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf, self.pos, self.eof = "", 0, False
        self.line, self.column = 1, 0  # of buf[0]: its line, and the characters before it on that line
        self.bytes_read, self.bytes_lines = 0, 0

    def fill(self) -> None:
        """Read on (at least as much again as is held, so one long value is not decoded over and over)."""
        if self.eof:
            return
        data = self.handle.read(max(self.chunk, len(self.buf) - self.pos))
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            pending = len(exc.object) - len(data)  # bytes of an unfinished character held from the last read
            line = self.bytes_lines + exc.object[: exc.start].count(b"\n") + 1
            at = self.bytes_read - pending + exc.start
            raise ImportFailed([f"{self.path}: line {line}: not UTF-8 (byte {at}); save the file as UTF-8"]) from None
        self.bytes_read += len(data)
        self.bytes_lines += data.count(b"\n")
        self.eof = not data
        done = self.buf[: self.pos]
        lines = done.count("\n")
        self.line += lines
        self.column = len(done) - done.rfind("\n") - 1 if lines else self.column + len(done)
        self.buf, self.pos = self.buf[self.pos :] + text, 0

    def skip_space(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos : self.pos + 1]
            self.fill()

    def value(self) -> Any:
        """The JSON value at ``pos``, complete (a number cut by the chunk's end is read on)."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if not self.eof:
                    self.fill()
                    continue
                raise self.bad(exc.pos, exc.msg) from None
            except RecursionError:
                raise ImportFailed([f"{self.path}: JSON nested too deeply"]) from None
            if _SPACE.match(self.buf, end).end() < len(self.buf) or self.eof:  # type: ignore[union-attr]
                self.pos = end
                return value
            self.fill()

    def expect(self, wanted: str, message: str) -> str:
        found = self.skip_space()
        if not found or found not in wanted:
            raise self.bad(self.pos, message)
        self.pos += 1
        return found

    def bad(self, pos: int, message: str) -> ImportFailed:
        lines = self.buf.count("\n", 0, pos)
        last = self.buf.rfind("\n", 0, pos)
        column = pos - last if lines else self.column + pos + 1
        return ImportFailed([f"{self.path}: line {self.line + lines} column {column}: not valid JSON: {message}"])


def _json_rows(path: Path, chunk: int) -> Iterator[tuple[str, Row]]:
    _check_size(path)
    with open(path, "rb") as handle:
        text = _Text(path, handle, chunk)
        first = text.skip_space()
        if first != "{":  # refused: as valid JSON of another shape, or as the JSON error it is
            text.value()
            if text.skip_space():
                raise text.bad(text.pos, "Extra data")
            raise ImportFailed([f"{path}: the top level must be an object with arrays {', '.join(ARRAYS)}"])
        text.pos += 1
        yield from _members(path, text)
        if text.skip_space():
            raise text.bad(text.pos, "Extra data")


def _members(path: Path, text: _Text) -> Iterator[tuple[str, Row]]:
    unknown: list[str] = []
    problems: list[str] = []
    last = -1
    if text.skip_space() == "}":
        text.pos += 1
        return
    while True:
        if text.skip_space() != '"':
            raise text.bad(text.pos, "Expecting property name enclosed in double quotes")
        name = text.value()
        text.expect(":", "Expecting ':' delimiter")
        text.skip_space()
        if name not in ARRAYS:
            unknown.append(name)
            text.value()
        elif ARRAYS.index(name) <= last:
            raise NotStreamable
        else:
            last = ARRAYS.index(name)
            if text.skip_space() == "[":
                text.pos += 1
                yield from _elements(path, name, text, problems)
            else:
                text.value()
                problems.append(f"{path}: {name}: must be an array")
        if text.expect(",}", "Expecting ',' delimiter") == "}":
            break
    if unknown:
        problems.insert(0, f"{path}: unknown key(s) {', '.join(sorted(unknown))}; expected {', '.join(ARRAYS)}")
    if problems:
        raise ImportFailed(problems)


def _elements(path: Path, name: str, text: _Text, problems: list[str]) -> Iterator[tuple[str, Row]]:
    if text.skip_space() == "]":
        text.pos += 1
        return
    number = 0
    while True:
        number += 1
        text.skip_space()
        item = text.value()
        if isinstance(item, dict):
            yield name, Row(f"{path}: {name} row {number}", item)
        else:
            problems.append(f"{path}: {name} row {number}: must be an object")
        if text.expect(",]", "Expecting ',' delimiter") == "]":
            return


# ---------------------------------------------------------------- CSV


def _csv_rows(path: Path, name: str) -> Iterator[Row]:
    _check_size(path)
    with open(path, "rb") as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        try:
            yield from csv_values(path, name, csv.DictReader(handle, strict=True))
        except UnicodeDecodeError:
            raise ImportFailed([_not_utf8(path)]) from None


def _not_utf8(path: Path) -> str:
    """Where the first byte that is not UTF-8 is (read again: a text stream's error does not say)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return f"{path}: line {line}: not UTF-8 (byte {exc.start}); save the file as UTF-8"
    return f"{path}: not UTF-8; save the file as UTF-8"


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFailed([f"{path}: cannot read: {exc.strerror}"]) from None
    if size > MAX_FILE_BYTES:
        raise ImportFailed([f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB"])
