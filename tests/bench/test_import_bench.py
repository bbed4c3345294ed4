"""Benchmark (``make bench``): ``desk import`` of a JSON export into a new file, against a bare streaming importer.

Budget: within 3x of the bare program, in memory that does not grow with the file (the peak on N cases within
1.3x of the peak on N/10). Both are whole processes (GNU time around each), one after the other in the same run:

* desk: ``python -m desk.cli --db sqlite:///NEW import EXPORT.json`` (every rule: validation naming file, row
  and field, the merge rules, each case's cached clocks computed by the case writer, all or nothing);
* bare: the same file read a chunk at a time (``json.JSONDecoder.raw_decode`` over each array's elements),
  each instant parsed and written as the store writes it, and the same rows (customers, contracts, cases and
  their events: opening, assignee, re-grades, response, status changes) inserted with ``sqlite3.executemany``
  in batches into a copy of the desk's empty schema, in one journal-less transaction, its secondary indexes
  built once the rows are in (as the desk does). Random ids, no checks, no clocks.

The exports are made from the demo databases of ``test_headless`` (``DESK_BENCH_CASES`` cases, default 100,000,
and the tenth of that), cached beside them. ``DESK_BENCH_CASES=1000000`` is the organisation-scale run: its
export is about 470 MB and each import takes minutes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.bench.test_headless import CACHE, CASES, MEMORY_GROWTH_BUDGET, ROOT, SMALL, TIME, _demo, _env

RATIO_BUDGET = 3.0

BARE_IMPORT = r"""
import json, re, sqlite3, sys, uuid
from datetime import datetime, timezone
source, schema, target = sys.argv[1:4]
late = sys.argv[4:] == ["late"]  # the secondary indexes built after the rows are in, not kept up row by row
db = sqlite3.connect(target, isolation_level=None)
db.execute("PRAGMA journal_mode=OFF")
db.execute("PRAGMA synchronous=OFF")
ddl = sqlite3.connect(schema).execute(
    "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
    " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END"
).fetchall()
for kind, sql in ddl:
    if not (late and kind == "index"):
        db.execute(sql)
db.execute("BEGIN")
SPACE = re.compile(r"[ \t\n\r]*")
decode = json.JSONDecoder().raw_decode
UTC = timezone.utc
NOW = datetime.now(UTC).isoformat(" ", "microseconds")[:26]

def instant(text):
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC).isoformat(" ", "microseconds")[:26]

class Reader:
    def __init__(self, path):
        self.fh = open(path, encoding="utf-8-sig")
        self.buf, self.pos = "", 0
    def more(self):
        chunk = self.fh.read(1 << 20)
        self.buf, self.pos = self.buf[self.pos:] + chunk, 0
        return bool(chunk)
    def skip(self):
        while True:
            self.pos = SPACE.match(self.buf, self.pos).end()
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]
    def value(self):
        while True:
            try:
                value, end = decode(self.buf, self.pos)
                if end < len(self.buf):
                    self.pos = end
                    return value
            except json.JSONDecodeError:
                pass
            if not self.more():
                value, self.pos = decode(self.buf, self.pos)
                return value
    def arrays(self):
        assert self.skip() == "{"
        self.pos += 1
        while self.skip() == '"':
            name = self.value()
            assert self.skip() == ":"
            self.pos += 1
            assert self.skip() == "["
            self.pos += 1
            def elements():
                while self.skip() != "]":
                    yield self.value()
                    if self.skip() == ",":
                        self.pos += 1
                self.pos += 1
            yield name, elements()
            if self.skip() == ",":
                self.pos += 1

customers, contracts = {}, {}
cases, events = [], []
def flush():
    db.executemany("INSERT INTO cases (id, ref, customer_id, contract_id, title, description, product, third_party,"
                   " opening_severity, severity, channel, status, assignee, opened_at, first_response_at,"
                   " resolved_at, closed_at, due_clock, created_at, updated_at, version)"
                   " VALUES (?,?,?,?,?,?,?,0,?,?,?,?,?,?,?,?,?,'',?,?,1)", cases)
    db.executemany("INSERT INTO case_events (id, case_id, seq, at, actor, kind, field, old, new, reason, created_at,"
                   " updated_at, version) VALUES (?,?,?,?,'import',?,?,?,?,?,?,?,1)", events)
    cases.clear(); events.clear()
for name, rows in Reader(source).arrays():
    for r in rows:
        if name == "customers":
            customers[r["id"]] = uid = uuid.uuid4().hex
            db.execute("INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,1)",
                       (r["id"], r["name"], r.get("technical_contact") or "", r.get("ops_contact") or "",
                        r.get("business_goals") or "", uid, NOW, NOW))
        elif name == "contracts":
            contracts[r["customer_id"]] = uid = uuid.uuid4().hex
            db.execute("INSERT INTO contracts VALUES (?,?,?,'2026-01',?,?,?,?,?,1)",
                       (r["id"], customers[r["customer_id"]], r["tier"], r["start"], r["end"], uid, NOW, NOW))
        elif name == "cases":
            cid = uuid.uuid4().hex
            opened, first = instant(r["opened_at"]), instant(r.get("first_response_at"))
            resolved = instant(r.get("resolved_at"))
            severity = r["severity"]
            story = [(opened, "opened", "", None, severity, "")]
            if r.get("assignee"):
                story.append((opened, "assignee", "assignee", "", r["assignee"], ""))
            for change in r.get("severity_changes") or []:
                at = instant(change["at"])
                story.append((at, "severity", "severity", severity, change["severity"], change["reason"]))
                severity = change["severity"]
            status = "new"
            if first:
                story.append((first, "response", "", None, None, ""))
                story.append((first, "status", "status", "new", "in_progress", ""))
                status = "in_progress"
            if resolved:
                story.append((resolved, "status", "status", status, "resolved", ""))
                status = "resolved"
            if r["status"] != status:
                story.append((max(e[0] for e in story), "status", "status", status, r["status"], ""))
            for seq, (at, kind, field, old, new, reason) in enumerate(story, 1):
                events.append((uuid.uuid4().hex, cid, seq, at, kind, field, old, new, reason, NOW, NOW))
            cases.append((cid, r["id"], customers[r["customer_id"]], contracts.get(r["customer_id"]), r["title"],
                          r.get("description") or "", r.get("product") or "", r["severity"], severity, r["channel"],
                          r["status"], r.get("assignee") or "", opened, first, resolved,
                          story[-1][0] if r["status"] == "closed" else None, NOW, NOW))
            if len(cases) >= 2000:
                flush()
        else:
            pass  # quota uses: a few thousand rows, left out
flush()
for kind, sql in ddl:
    if late and kind == "index":
        db.execute(sql)
db.execute("COMMIT")
"""


def export_of(cases: int) -> Path:
    """The JSON export of the cached ``cases``-case demo, made once."""
    path = CACHE / f"export-{cases}.json"
    if not path.exists():
        database = _demo(cases)
        partial = path.with_suffix(".partial")
        command = [sys.executable, "-m", "desk.cli", "--db", f"sqlite:///{database}", "--read-only", "export"]
        subprocess.run([*command, "--out", str(partial)], check=True, env=_env(), cwd=ROOT)
        partial.rename(path)
    return path


def _empty_schema(folder: Path) -> Path:
    path = folder / "schema.sqlite"
    command = [sys.executable, "-m", "desk.cli", "--db", f"sqlite:///{path}", "init"]
    subprocess.run(command, check=True, env=_env(), cwd=ROOT, stdout=subprocess.DEVNULL)
    return path


class Measured(NamedTuple):
    seconds: float
    cpu_seconds: float  # user and system: what the shared machine's load does not stretch
    max_rss_mib: float


def _measured(argv: list[str], usage: Path) -> Measured:
    done = subprocess.run(
        [TIME, "-f", "%e %U %S %M", "-o", str(usage), *argv], capture_output=True, env=_env(), cwd=ROOT
    )
    assert done.returncode == 0, done.stderr.decode()
    seconds, user, system, kib = usage.read_text().split()[-4:]
    return Measured(float(seconds), float(user) + float(system), int(kib) / 1024)


def desk_import(export: Path, target: Path) -> Measured:
    argv = [sys.executable, "-m", "desk.cli", "--db", f"sqlite:///{target}", "import", str(export)]
    return _measured(argv, target.with_name(target.name + ".usage"))


def bare_import(export: Path, schema: Path, target: Path) -> Measured:
    argv = [sys.executable, "-c", BARE_IMPORT, str(export), str(schema), str(target), "late"]
    return _measured(argv, target.with_name(target.name + ".usage"))


@pytest.mark.skipif(not Path(TIME).exists(), reason="needs GNU time (/usr/bin/time) for each process's peak memory")
def test_import_streams_within_3x_of_a_bare_importer(tmp_path: Path) -> None:
    big, small = export_of(CASES), export_of(SMALL)
    schema = _empty_schema(tmp_path)
    bare = bare_import(big, schema, tmp_path / "bare.sqlite")
    (tmp_path / "bare.sqlite").unlink()
    ours = desk_import(big, tmp_path / "desk.sqlite")
    (tmp_path / "desk.sqlite").unlink()
    tenth = desk_import(small, tmp_path / "tenth.sqlite")
    ratio, growth = ours.seconds / bare.seconds, ours.max_rss_mib / tenth.max_rss_mib
    print(f"\ndesk import of {CASES:,} cases ({big.stat().st_size / 2**20:.0f} MiB of JSON) into a new file")
    print(f"  desk import   {ours.seconds:8.1f} s ({ours.cpu_seconds:.1f} s CPU)  {ours.max_rss_mib:6.0f} MiB")
    print(f"  bare importer {bare.seconds:8.1f} s ({bare.cpu_seconds:.1f} s CPU)  {bare.max_rss_mib:6.0f} MiB")
    print(f"  ratio {ratio:.1f}x ({ours.cpu_seconds / bare.cpu_seconds:.1f}x in CPU seconds)")
    print(f"  peak memory {growth:.2f}x that of {SMALL:,} cases ({tenth.max_rss_mib:.0f} MiB)")
    assert ratio <= RATIO_BUDGET, f"desk import {ratio:.1f}x the bare importer"
    assert growth <= MEMORY_GROWTH_BUDGET, f"memory grows with the file: {growth:.2f}x"
