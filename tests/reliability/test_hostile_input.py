"""Hostile input: malformed JSON and CSV never get past the importer, and user text is stored exactly.

Every malformed file ends in ImportFailed (the CLI: exit 2) with problems naming the file, the row and the
field, and the database unchanged (its export is compared before and after). The number of generated
inputs is ``DESK_FUZZ_EXAMPLES`` per test (``make torture`` raises it).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.interchange import FIELDS, ImportFailed, export_data, import_batch, read_files
from desk.services import Desk
from desk.store.engine import open_store
from tests.helpers import T0, seed_customers
from tests.reliability.conftest import run_desk

EXAMPLES = int(os.environ.get("DESK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TRIED: dict[str, int] = {}
_DIRS = itertools.count()


def valid_doc() -> dict[str, list[dict[str, Any]]]:
    return {
        "customers": [{"id": "cu-1", "name": "客户一 Ltd.", "technical_contact": "王工", "business_goals": "峰值"}],
        "contracts": [{"id": "k-1", "customer_id": "cu-1", "tier": "L3", "start": "2026-01-01", "end": "2026-12-31"}],
        "cases": [
            {
                "id": "c-1",
                "customer_id": "cu-1",
                "title": "数据库连接失败",
                "severity": "S2",
                "channel": "ticket",
                "opened_at": "2026-11-26T09:00:00+08:00",
                "first_response_at": "2026-11-26T09:10:00+08:00",
                "severity_changes": [{"at": "2026-11-26T09:05:00+08:00", "severity": "S1", "reason": "down"}],
            }
        ],
        "quota_uses": [
            {"id": "q-1", "contract_id": "k-1", "kind": "escort", "start": "2026-06-01", "end": "2026-06-01"}
        ],
    }


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Desk, Path]]:
    folder = tmp_path_factory.mktemp("hostile")
    clock = FakeClock(T0)
    store = open_store(f"sqlite:///{folder / 'desk.sqlite'}", clock=clock)
    desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock, actor="fuzz")
    seed_customers(desk)
    desk.open_case("cust-L3", "existing case", "S3", "ticket", ref="existing")
    yield desk, folder
    store.close()
    print(f"\nfuzz: inputs tried per test: {TRIED} (total {sum(TRIED.values())})")


def _write_csv(folder: Path, doc: dict[str, list[dict[str, Any]]]) -> list[Path]:
    paths = []
    for name, rows in doc.items():
        headers: list[str] = []
        for row in rows:
            headers += [k for k in row if k not in headers]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=headers or ["id"], lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in row.items()}
            )
        path = folder / f"{name}.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        paths.append(path)
    return paths


def _attempt(desk: Desk, paths: list[Path], kind: str) -> ImportFailed | None:
    """Import; on failure the database must be exactly as before. Returns the failure, if any."""
    TRIED[kind] = TRIED.get(kind, 0) + 1
    before = export_data(desk)
    try:
        import_batch(desk, read_files(paths))
    except ImportFailed as exc:
        assert export_data(desk) == before, "a refused import changed the database"
        assert exc.problems
        for problem in exc.problems:
            assert any(problem.startswith(f"{p}: ") for p in paths), problem
        return exc
    return None


def _case_dir(folder: Path, label: str) -> Path:
    path = folder / f"{label}-{next(_DIRS)}"
    path.mkdir()
    return path


# ---------------------------------------------------------------- field-level mutations

BAD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "L9",
            "S0",
            "s1",
            "0001-01-01",
            "9999-12-31",
            "2026-02-30",
            "2026-13-01",
            "1969-12-31",
            "2201-01-01",
            "2026-11-26T09:00:00",  # no offset
            "2026-11-26 09:00",
            "2026-11-26T25:00:00Z",
            "9999-12-31T23:59:59+14:00",
            "0001-01-01T00:00:00-12:00",
            '=HYPERLINK("http://x")',
            "\x00",
            "\ufeffcu-1",
            "cu-1\u200b",
        ]
    ),
)
TARGETS = [(name, f) for name, fields in FIELDS.items() for f in fields]


@FUZZ
@given(target=st.sampled_from(TARGETS), value=BAD_VALUES, drop=st.booleans(), as_csv=st.booleans())
def test_mutated_field(world: tuple[Desk, Path], target: tuple[str, str], value: Any, drop: bool, as_csv: bool) -> None:
    desk, folder = world
    name, field = target
    doc = valid_doc()
    # Fresh ids per example, so an accepted import never makes a later one a mere re-import.
    suffix = f"-f{next(_DIRS)}"
    for array in doc.values():
        for row in array:
            for key in ("id", "customer_id", "contract_id"):
                if key in row:
                    row[key] += suffix
    if drop:
        doc[name][0].pop(field, None)
    else:
        doc[name][0][field] = value
    work = _case_dir(folder, "field")
    if as_csv:
        if any(
            isinstance(v, list | dict) for v in doc[name][0].values() if v is not doc[name][0].get("severity_changes")
        ):
            return  # a CSV cell is text; structured values only fit the JSON form
        if isinstance(value, str) and ("\x00" in value or "\r" in value):
            pass  # kept: the CSV reader must refuse or read them, never crash
        paths = _write_csv(work, doc)
    else:
        path = work / "data.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, allow_nan=True), encoding="utf-8")
        paths = [path]
    failure = _attempt(desk, paths, "field")
    if failure is not None and not drop and field != "id":
        named = [p for p in failure.problems if re.search(r"row \d+: field ", p)]
        assert named, failure.problems
    if failure is None:
        ids = {row["id"] for row in export_data(desk)["customers"]}
        assert f"cu-1{suffix}" in ids or name == "customers"


# ---------------------------------------------------------------- whole-file damage


@FUZZ
@given(data=st.binary(max_size=2000), as_csv=st.booleans())
def test_random_bytes(world: tuple[Desk, Path], data: bytes, as_csv: bool) -> None:
    desk, folder = world
    work = _case_dir(folder, "bytes")
    path = work / ("cases.csv" if as_csv else "data.json")
    path.write_bytes(data)
    _attempt(desk, [path], "bytes")


@FUZZ
@given(position=st.integers(min_value=0), junk=st.binary(min_size=1, max_size=4), as_csv=st.booleans())
def test_non_utf8_bytes_name_the_line(world: tuple[Desk, Path], position: int, junk: bytes, as_csv: bool) -> None:
    desk, folder = world
    work = _case_dir(folder, "utf8")
    if as_csv:
        paths = _write_csv(work, valid_doc())
        target = paths[2]
    else:
        target = work / "data.json"
        target.write_text(json.dumps(valid_doc(), ensure_ascii=False), encoding="utf-8")
        paths = [target]
    data = target.read_bytes()
    at = position % (len(data) + 1)
    target.write_bytes(data[:at] + b"\xff" + junk + data[at:])
    failure = _attempt(desk, paths, "utf8")
    assert failure is not None
    assert any(re.search(r"line \d+: not UTF-8", p) for p in failure.problems), failure.problems


@FUZZ
@given(cut=st.integers(min_value=1), as_csv=st.booleans())
def test_truncated_file(world: tuple[Desk, Path], cut: int, as_csv: bool) -> None:
    desk, folder = world
    work = _case_dir(folder, "truncated")
    if as_csv:
        target = _write_csv(work, valid_doc())[2]
    else:
        target = work / "data.json"
        target.write_text(json.dumps(valid_doc(), ensure_ascii=False), encoding="utf-8")
    data = target.read_bytes()
    target.write_bytes(data[: cut % len(data)])
    _attempt(desk, [target], "truncated")


# ---------------------------------------------------------------- named hostile inputs, one by one


def _json(folder: Path, name: str, doc: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _fails(world: tuple[Desk, Path], paths: list[Path], *expected: str) -> list[str]:
    failure = _attempt(world[0], paths, "named")
    assert failure is not None
    text = "\n".join(failure.problems)
    for words in expected:
        assert words in text, (words, text)
    return failure.problems


def test_named_hostile_inputs(world: tuple[Desk, Path], tmp_path: Path) -> None:
    def doc_with(array: str, **changes: Any) -> dict[str, Any]:
        doc = valid_doc()
        doc[array][0].update(changes)
        return doc

    p = lambda name, doc: [_json(tmp_path, name, doc)]  # noqa: E731
    _fails(world, p("tier.json", doc_with("contracts", tier="L9")), "contracts row 1: field tier: 'L9'")
    _fails(world, p("sev.json", doc_with("cases", severity="S9")), "cases row 1: field severity: 'S9'")
    _fails(world, p("type.json", doc_with("customers", name=42)), "customers row 1: field name: must be text")
    _fails(world, p("missing.json", doc_with("cases", opened_at=None)), "cases row 1: field opened_at: missing")
    _fails(world, p("range.json", doc_with("contracts", start="1900-01-01")), "contracts row 1: field start:")
    _fails(world, p("far.json", doc_with("cases", opened_at="9999-01-01T00:00:00Z")), "field opened_at:")
    _fails(world, p("naive.json", doc_with("cases", opened_at="2026-11-26T09:00:00")), "no UTC offset")
    dup = valid_doc()
    dup["customers"].append(dict(dup["customers"][0]))
    _fails(world, p("dup.json", dup), "customers row 2: field id: duplicate id 'cu-1'")
    big = doc_with("cases", title="x" * (10 * 1024 * 1024))
    _fails(world, p("big.json", big), "cases row 1: field title: longer than")
    big = doc_with("cases", description="y" * (10 * 1024 * 1024))
    _fails(world, p("bigdesc.json", big), "cases row 1: field description: longer than")
    nested: Any = "deep"
    for _ in range(100_000):
        nested = [nested]
    path = tmp_path / "nested.json"
    path.write_text('{"cases": ' + json.dumps(nested) + "}" if False else "[" * 100_000 + "]" * 100_000)
    _fails(world, [path], "nested too deeply")
    path = tmp_path / "nested2.json"
    path.write_text('{"cases": [{"severity_changes": ' + "[" * 50_000 + "]" * 50_000 + "}]}")
    _fails(world, [path], str(path))
    shallow = doc_with("cases", title=[[[[["x"]]]]])
    _fails(world, p("shallow.json", shallow), "cases row 1: field title: must be text")
    listed = doc_with("cases", severity_changes=[{"at": "2026-11-26T02:00:00Z", "severity": ["S1"]}])
    _fails(world, p("listsev.json", listed), "cases row 1: field severity_changes[1].severity")
    for ref in (["x"], {"a": 1}):
        _fails(world, p("listid.json", doc_with("customers", id=ref)), "customers row 1: field id")
    # CSV: the row is the line (header = 1), the field is the column.
    folder = tmp_path / "csv"
    folder.mkdir()
    paths = _write_csv(folder, doc_with("cases", severity="S7"))
    _fails(world, paths, "cases.csv: row 2: field severity: 'S7'")
    (folder / "cases.csv").write_text('id,title\r\n"c-1,"unclosed\r\n', encoding="utf-8")
    _fails(world, [folder / "cases.csv"], "cases.csv: row")
    (folder / "cases.csv").write_text("id,title,extra\r\nc-1,t,x\r\n", encoding="utf-8")
    _fails(world, [folder / "cases.csv"], "unknown column")
    (folder / "cases.csv").write_text("id,title\r\nc-1,t,surplus\r\n", encoding="utf-8")
    _fails(world, [folder / "cases.csv"], "cases.csv: row 2: more cells than headers")
    (folder / "cases.csv").write_text("id,title\r\nc-1,a\x00b\r\n", encoding="utf-8")
    _fails(world, [folder / "cases.csv"], "cases.csv")
    uses = folder / "quota_uses.csv"
    uses.write_text("id,contract_id,kind,start,end,course,persons\r\nq1,co-1,training,2026-03-01,2026-03-01,ACP,²\r\n")
    _fails(world, [uses], "quota_uses.csv: row 2: field persons")


def test_bom_and_crlf_are_read(world: tuple[Desk, Path], tmp_path: Path) -> None:
    desk = world[0]
    doc = valid_doc()
    for array in doc.values():
        for row in array:
            for key in ("id", "customer_id", "contract_id"):
                if key in row:
                    row[key] += "-bom"
    path = tmp_path / "data.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False, indent=1).replace("\n", "\r\n").encode())
    import_batch(desk, read_files([path]))
    folder = tmp_path / "csv"
    folder.mkdir()
    for array in doc.values():
        for row in array:
            row["id"] = row["id"].replace("-bom", "-csv")
            for key in ("customer_id", "contract_id"):
                if key in row:
                    row[key] = row[key].replace("-bom", "-csv")
    for written in _write_csv(folder, doc):
        written.write_bytes(b"\xef\xbb\xbf" + written.read_bytes())
    import_batch(desk, read_files(_write_csv(folder, doc) and sorted(folder.glob("*.csv"))))
    refs = {c["id"] for c in export_data(desk)["cases"]}
    assert {"c-1-bom", "c-1-csv"} <= refs


def test_cli_exit_2_and_nothing_written(made_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = run_desk(capsys, made_db, "export").out
    bad = valid_doc()
    bad["cases"][0]["severity"] = "S9"
    path = _json(tmp_path, "bad.json", bad)
    raw = tmp_path / "raw.json"
    raw.write_bytes(b'{"customers": [{"id": "x", "name": "\xff\xfe"}]}')
    for target in (path, raw):
        result = run_desk(capsys, made_db, "import", str(target))
        assert result.code == 2, result
        assert str(target) in result.err and "Traceback" not in result.err
    assert "row 1: field severity" in run_desk(capsys, made_db, "import", str(path)).err
    assert run_desk(capsys, made_db, "export").out == before


# ---------------------------------------------------------------- user text stored exactly

NASTY = [
    "<script>alert(1)</script>",
    "<b onmouseover=alert(1)>x</b> &amp; &lt;",
    "=1+1",
    '=HYPERLINK("http://evil","click")',
    "+1 555",
    "-2",
    "@SUM(A1)",
    "\t=tab",
    "'quoted",
    "''=twice",
    "\u202eRTL override\u202c",
    "עברית ومرحبا",
    "zero\u200bwidth\u200c\u200d\ufeff",
    "emoji 🚨🔥👩‍💻🏳️‍🌈",
    "中文 技术接口人 𠀀",
    "line1\nline2\r\nline3",
    "  leading and trailing  ",
    'quote " and , comma',
    "\\N null-ish",
    "NULL",
]

USER_TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        min_size=1,
        max_size=60,
    ),
)


@FUZZ
@given(title=USER_TEXT, name=USER_TEXT, description=USER_TEXT, as_csv=st.booleans())
def test_user_text_round_trips_exactly(
    world: tuple[Desk, Path], title: str, name: str, description: str, as_csv: bool
) -> None:
    desk, folder = world
    if not title.strip() or not name.strip():
        return  # a title and a name are required
    n = next(_DIRS)
    doc = valid_doc()
    for array in doc.values():
        for row in array:
            for key in ("id", "customer_id", "contract_id"):
                if key in row:
                    row[key] += f"-t{n}"
    doc["customers"][0]["name"] = name
    doc["cases"][0]["title"] = title
    doc["cases"][0]["description"] = description
    work = _case_dir(folder, "text")
    if as_csv:
        from desk.atomic import atomic_write
        from desk.interchange import write_csv_dir

        # Export our own CSV of this document's data and import it back: the cycle agents use.
        first = work / "first.json"
        first.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        assert _attempt(desk, [first], "text") is None
        mine = f"-t{n}"
        exported = {name: [r for r in rows if r["id"].endswith(mine)] for name, rows in export_data(desk).items()}
        out = work / "csv"
        out.mkdir()
        write_csv_dir(exported, out, lambda p: atomic_write(p, encoding="utf-8-sig"))
        before = export_data(desk)
        assert _attempt(desk, [out], "text") is None
        assert export_data(desk) == before  # re-import of our own export changes nothing
    else:
        path = work / "data.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        assert _attempt(desk, [path], "text") is None
    data = export_data(desk)
    case = next(c for c in data["cases"] if c["id"] == f"c-1-t{n}")
    customer = next(c for c in data["customers"] if c["id"] == f"cu-1-t{n}")
    assert (case["title"], case["description"], customer["name"]) == (title, description, name)


def test_exported_csv_is_inert_in_spreadsheets_and_reads_back_exactly(tmp_path: Path) -> None:
    """OWASP CSV injection: no exported cell starts a formula; our importer restores the exact text."""
    from desk.atomic import atomic_write
    from desk.interchange import write_csv_dir

    clock = FakeClock(T0)
    store = open_store(f"sqlite:///{tmp_path / 'desk.sqlite'}", clock=clock)
    try:
        desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock)
        seed_customers(desk)
        titles = [*NASTY, "'=already quoted", "''", "'", "-", "=", "'-1"]
        for i, title in enumerate(titles):
            desk.open_case("cust-L3", title, "S3", "ticket", ref=f"n{i}", description=title)
        out = tmp_path / "csv"
        out.mkdir()
        write_csv_dir(export_data(desk), out, lambda p: atomic_write(p, encoding="utf-8-sig"))
        with (out / "cases.csv").open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                for column, cell in row.items():
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
        before = export_data(desk)
        import_batch(desk, read_files([out]))
        assert export_data(desk) == before
        exported = {c["id"]: c["title"] for c in before["cases"]}
        assert [exported[f"n{i}"] for i in range(len(titles))] == titles
    finally:
        store.close()
