"""The `desk` CLI end to end: import a file, then `sla --at --json` gives the plan's deadlines (docs/domain.md)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from desk.catalog import CatalogRegistry
from desk.cli import _parser, main

SEVERITY_MINUTES = {"S1": 12, "S2": 40, "S3": 180, "S4": 480, "S5": 960}


def interchange() -> dict[str, list[dict[str, object]]]:
    customers = [
        {
            "id": f"C-{t}",
            "name": f"客户{t} Co.",
            "technical_contact": "王伟",
            "ops_contact": "ops@x",
            "business_goals": "峰值 1万 QPS",
        }
        for t in ("L1", "L2", "L3", "L4")
    ]
    contracts = [
        {"id": f"K-{t}", "customer_id": f"C-{t}", "tier": t, "start": "2026-01-01", "end": "2026-12-31"}
        for t in ("L1", "L2", "L3", "L4")
    ]
    cases = []
    for tier in ("L1", "L2", "L3", "L4"):
        for sev in SEVERITY_MINUTES:
            cases.append(
                {
                    "id": f"{tier}-{sev}",
                    "customer_id": f"C-{tier}",
                    "title": f"{tier} {sev} case",
                    "description": "",
                    "product": "ECS",
                    "severity": sev,
                    "channel": "ticket",
                    "opened_at": "2026-11-26T09:00:00+08:00",
                    "first_response_at": None,
                    "resolved_at": None,
                    "status": "new",
                    "assignee": "",
                    "severity_changes": [],
                }
            )
    cases.append(
        {
            "id": "REGRADE",
            "customer_id": "C-L3",
            "title": "upgraded",
            "severity": "S3",
            "channel": "phone",
            "opened_at": "2026-11-26T01:00:00Z",
            "status": "in_progress",
            "severity_changes": [{"at": "2026-11-26T01:30:00Z", "severity": "S1", "reason": "全站不可用"}],
        }
    )
    cases.append(
        {
            "id": "MET",
            "customer_id": "C-L4",
            "title": "answered",
            "severity": "S2",
            "channel": "enterprise_line",
            "opened_at": "2026-11-26T01:00:00Z",
            "first_response_at": "2026-11-26T01:39:59Z",
            "status": "in_progress",
        }
    )
    cases.append(
        {
            "id": "MISSED",
            "customer_id": "C-L2",
            "title": "late",
            "severity": "S2",
            "channel": "ticket",
            "opened_at": "2026-11-26T01:00:00Z",
            "first_response_at": "2026-11-26T01:40:00Z",
            "status": "in_progress",
        }
    )
    cases.append(
        {
            "id": "CLOSED",
            "customer_id": "C-L2",
            "title": "done",
            "severity": "S5",
            "channel": "ticket",
            "opened_at": "2026-11-20T01:00:00Z",
            "first_response_at": "2026-11-20T02:00:00Z",
            "resolved_at": "2026-11-21T01:00:00Z",
            "status": "closed",
        }
    )
    uses = [
        {
            "id": "Q1",
            "contract_id": "K-L4",
            "kind": "training",
            "start": "2026-03-01",
            "end": "2026-03-01",
            "course": "ACP",
            "persons": 4,
            "note": "",
        }
    ]
    return {"customers": customers, "contracts": contracts, "cases": cases, "quota_uses": uses}


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    return ["--db", f"sqlite:///{tmp_path / 'cli.sqlite'}", "--now", "2026-11-26T02:00:00Z"]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(interchange(), ensure_ascii=False), encoding="utf-8")
    return path


def sla(db: list[str], capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert main([*db, "sla", "--json", *extra]) == 0
    return {row["case_id"]: row for row in json.loads(capsys.readouterr().out)}


def test_import_then_sla_at_gives_domain_deadlines(
    db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    rows = sla(db, capsys, "--at", "2026-11-26T01:05:00Z")
    for tier in ("L2", "L3", "L4"):
        for sev, minutes in SEVERITY_MINUTES.items():
            row = rows[f"{tier}-{sev}"]
            expected = minutes if not (tier == "L2" and sev == "S1") else 40
            hh, mm = divmod(expected, 60)
            assert row["deadline"] == f"2026-11-{26 + (1 + hh) // 24}T{(1 + hh) % 24:02d}:{mm:02d}:00Z", row
            assert row["remaining_s"] == expected * 60 - 300
            assert row["state"] == "on_track"
    for sev in SEVERITY_MINUTES:
        row = rows[f"L1-{sev}"]
        assert (row["deadline"], row["remaining_s"], row["state"]) == (None, None, "no_target")
        assert {c["name"] for c in row["clocks"]} == {"first_response", "next_update", "resolution"}
    assert rows["REGRADE"]["deadline"] == "2026-11-26T04:00:00Z"  # before its re-grade: S3, 3 h
    assert "CLOSED" not in rows
    # The re-graded case, seen after its re-grade: min(01:00 + 3 h, 01:30 + 12 min).
    later = sla(db, capsys, "--at", "2026-11-26T01:35:00Z")
    assert (later["REGRADE"]["deadline"], later["REGRADE"]["state"]) == ("2026-11-26T01:42:00Z", "on_track")
    assert sla(db, capsys, "--at", "2026-11-26T01:39:01Z")["REGRADE"]["state"] == "at_risk"  # < 3 min of 12
    assert later["MET"]["state"] == "at_risk"  # 5 of 40 minutes left, not yet answered
    after = sla(db, capsys, "--at", "2026-11-26T03:00:00Z")
    assert (after["REGRADE"]["state"], after["REGRADE"]["remaining_s"]) == ("breached", -4680)
    assert after["MET"]["state"] == "met"
    assert after["MISSED"]["state"] == "missed"
    everything = sla(db, capsys, "--at", "2026-11-26T03:00:00Z", "--all")
    assert everything["CLOSED"]["state"] == "met"
    assert list(everything["MET"])[:4] == ["case_id", "deadline", "remaining_s", "state"]


def test_importing_twice_changes_nothing(db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    capsys.readouterr()
    assert main([*db, "export", "--format", "json"]) == 0
    first = capsys.readouterr().out
    assert main([*db, "import", str(data_file)]) == 0
    assert "0 cases changed" in capsys.readouterr().out
    assert main([*db, "export", "--format", "json"]) == 0
    assert capsys.readouterr().out == first


def test_export_then_import_elsewhere_round_trips(
    tmp_path: Path, db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    for fmt, out in (("json", tmp_path / "out.json"), ("csv", tmp_path / "csv")):
        assert main([*db, "export", "--format", fmt, "--out", str(out)]) == 0
        other = ["--db", f"sqlite:///{tmp_path / f'other-{fmt}.sqlite'}", "--now", "2026-11-26T02:00:00Z"]
        assert main([*other, "import", str(out)]) == 0
        capsys.readouterr()
        assert main([*db, "export"]) == 0
        original = capsys.readouterr().out
        assert main([*other, "export"]) == 0
        assert capsys.readouterr().out == original


def test_one_bad_row_and_nothing_is_written(
    tmp_path: Path, db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = interchange()
    data["cases"][3]["opened_at"] = "2026-11-26T09:00:00"  # no offset
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    assert main([*db, "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: cases row 4: field opened_at" in err and "no UTC offset" in err
    assert main([*db, "export"]) == 0
    assert json.loads(capsys.readouterr().out)["customers"] == []


def test_csv_errors_name_the_line(tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "customers.csv").write_text("id,name\r\nA,Alpha\r\nB,\r\n", encoding="utf-8-sig")
    assert main([*db, "import", str(folder)]) == 2
    assert f"{folder / 'customers.csv'}: row 3: field name: missing" in capsys.readouterr().err


def test_quota_and_check(db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    capsys.readouterr()
    assert main([*db, "quota", "C-L4", "--json"]) == 0
    quotas = {(q["kind"], q["course"]): q for q in json.loads(capsys.readouterr().out)["quotas"]}
    assert (quotas[("training", "ACP")]["used"], quotas[("training", "ACP")]["remaining"]) == (4, 2)
    assert quotas[("escort", None)]["total"] == 3
    assert main([*db, "check"]) == 0


def test_case_commands_and_stale_edit(db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    assert (
        main([*db, "case", "open", "C-L2", "网站打不开", "--severity", "S1", "--channel", "im_group", "--id", "N1"])
        == 0
    )
    err = capsys.readouterr().err
    assert "warning: The tier has no such severity: the tier's best target applies." in err
    assert "warning: The tier is not entitled to this channel." in err
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", err)  # words, not codes
    # A stale edit is a conflict (exit 1), as a concurrent write is.
    assert main([*db, "case", "regrade", "N1", "S2", "--reason", "scope smaller", "--expect-version", "99"]) == 1
    assert "changed by someone else" in capsys.readouterr().err
    assert main([*db, "case", "respond", "N1"]) == 0
    rows = sla(db, capsys)
    assert rows["N1"]["state"] == "met"


def test_bad_input_exit_codes(tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db, "import", str(tmp_path / "missing.json")]) == 2
    assert main([*db, "sla", "--at", "yesterday"]) == 2
    assert main([*db, "quota", "nobody"]) == 2
    not_db = tmp_path / "junk.sqlite"
    not_db.write_bytes(b"this is not a database at all" * 100)
    assert main(["--db", f"sqlite:///{not_db}", "check"]) == 1
    assert "not a desk database" in capsys.readouterr().err
    assert not_db.read_bytes() == b"this is not a database at all" * 100


def test_demo_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for n in (1, 2):
        db = ["--db", f"sqlite:///{tmp_path / f'demo{n}.sqlite'}", "--now", "2026-11-26T02:00:00Z"]
        assert main([*db, "demo", "--cases", "300", "--open", "60", "--seed", "5"]) == 0
        assert main([*db, "check"]) == 0
        capsys.readouterr()
        assert main([*db, "export"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert len(data["cases"]) == 300
    assert sum(c["status"] != "closed" for c in data["cases"]) == 60
    assert any(c["severity_changes"] for c in data["cases"])
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in c["name"]) for c in data["customers"])


def test_demo_refuses_a_database_with_data(db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    assert main([*db, "demo", "--cases", "10", "--open", "2"]) == 2
    assert "has data already" in capsys.readouterr().err


def test_demo_history_never_runs_past_now(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'demo.sqlite'}", "--now", "2026-11-26T02:00:00Z"]
    assert main([*db, "demo", "--cases", "400", "--open", "50", "--seed", "9"]) == 0
    capsys.readouterr()
    assert main([*db, "export"]) == 0
    data = json.loads(capsys.readouterr().out)
    instants = [c["opened_at"] for c in data["cases"]] + [c["resolved_at"] for c in data["cases"] if c["resolved_at"]]
    instants += [c["first_response_at"] for c in data["cases"] if c["first_response_at"]]
    assert max(instants) <= "2026-11-26T02:00:00Z"
    assert main([*db, "sla", "--json", "--all"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sum(r["status"] == "closed" for r in rows) == 350  # what `sla` sees now agrees with the export


def test_reimport_after_agents_worked_keeps_their_record(
    db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    later = ["--db", db[1], "--now", "2026-11-26T03:00:00Z", "--as", "agent"]
    assert main([*later, "case", "status", "REGRADE", "waiting_customer"]) == 0
    assert main([*later, "case", "regrade", "L3-S5", "S2", "--reason", "worse than reported"]) == 0
    capsys.readouterr()
    again = ["--db", db[1], "--now", "2026-11-26T04:00:00Z"]
    assert main([*again, "import", str(data_file)]) == 0
    captured = capsys.readouterr()
    assert "0 cases changed" in captured.out
    assert "cases row 21: field status: 'in_progress' not applied: the desk has later changes" in captured.err
    rows = sla(again, capsys, "--at", "2026-11-26T04:00:00Z")
    assert rows["REGRADE"]["status"] == "waiting_customer"
    assert rows["L3-S5"]["severity"] == "S2"
    assert main([*again, "check"]) == 0


def test_a_contract_tier_change_with_cases_is_refused(
    tmp_path: Path, db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    data = interchange()
    data["contracts"][3]["tier"] = "L1"  # K-L4 has cases
    changed = tmp_path / "tier.json"
    changed.write_text(json.dumps(data))
    capsys.readouterr()
    assert main([*db, "import", str(changed)]) == 2
    assert "contracts row 4: field tier: contract K-L4 already has cases" in capsys.readouterr().err


def test_cases_imported_before_their_contract_get_it_later(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data = interchange()
    first = {"customers": data["customers"], "cases": [c for c in data["cases"] if c["id"] == "L4-S1"]}
    (tmp_path / "a.json").write_text(json.dumps(first))
    (tmp_path / "b.json").write_text(json.dumps({"contracts": data["contracts"]}))
    assert main([*db, "import", str(tmp_path / "a.json")]) == 0
    assert sla(db, capsys, "--at", "2026-11-26T01:05:00Z")["L4-S1"]["state"] == "no_target"
    assert main([*db, "import", str(tmp_path / "b.json")]) == 0
    row = sla(db, capsys, "--at", "2026-11-26T01:05:00Z")["L4-S1"]
    assert (row["tier"], row["deadline"], row["state"]) == ("L4", "2026-11-26T01:12:00Z", "on_track")
    assert main([*db, "check"]) == 0


def test_book_prints_the_booking_id_that_cancel_takes(
    db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    capsys.readouterr()
    assert main([*db, "book", "K-L4", "escort", "2026-12-01", "2026-12-01"]) == 0
    booking = capsys.readouterr().out.strip()
    assert booking and "\n" not in booking and " " not in booking
    assert main([*db, "cancel", booking, "--reason", "customer postponed"]) == 0
    capsys.readouterr()
    assert main([*db, "quota", "C-L4", "--json"]) == 0
    quotas = {q["kind"]: q for q in json.loads(capsys.readouterr().out)["quotas"]}
    assert [(b["id"], b["cancelled"]) for b in quotas["escort"]["bookings"]] == [(booking, True)]


def test_unknown_quota_kind_names_the_known_ones_without_offering_an_override(
    db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    capsys.readouterr()
    assert main([*db, "book", "K-L4", "massage", "2026-12-01", "2026-12-01"]) == 2
    err = capsys.readouterr().err
    assert "massage" in err and "consultation, escort, training" in err
    assert "override" not in err


def _actors(db: list[str]) -> list[str]:
    from sqlalchemy import select

    from desk.store.engine import open_store
    from desk.store.models import CaseEvent

    store = open_store(db[1])
    try:
        with store.read() as session:
            return list(session.scalars(select(CaseEvent.actor).where(CaseEvent.kind != "opened").distinct()))
    finally:
        store.close()


def test_default_actor_is_the_login_name(
    db: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USER", "wang.wei")
    path = Path(db[1].removeprefix("sqlite:///")).with_name("c.json")
    path.write_text(json.dumps({"customers": [{"id": "C", "name": "C"}]}))
    assert main([*db, "import", str(path)]) == 0
    assert main([*db, "case", "open", "C", "first", "--severity", "S3", "--id", "A", "--assignee", "x"]) == 0
    assert _actors(db) == ["wang.wei"]
    monkeypatch.setenv("LOGNAME", "li.na")  # the login name wins over USER, as getpass has it
    assert main([*db, "case", "note", "A", "called back"]) == 0
    assert main([*db, "--as", "zhao.lei", "case", "note", "A", "escalated"]) == 0
    assert sorted(_actors(db)) == ["li.na", "wang.wei", "zhao.lei"]


def test_default_actor_falls_back_to_desk(
    db: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwd

    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)

    def no_entry(uid: int) -> object:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    path = Path(db[1].removeprefix("sqlite:///")).with_name("c.json")
    path.write_text(json.dumps({"customers": [{"id": "C", "name": "C"}]}))
    assert main([*db, "import", str(path)]) == 0
    assert main([*db, "case", "open", "C", "first", "--severity", "S3", "--id", "A", "--assignee", "x"]) == 0
    assert _actors(db) == ["desk"]


@pytest.mark.parametrize("command", [["case", "open"], ["book"]])
def test_every_option_of_case_open_and_book_is_described(command: list[str]) -> None:
    parser = _parser()
    for name in command:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    assert parser.description
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help and action.help.strip() and action.help != argparse.SUPPRESS, action.dest


def test_help_of_book_names_formats(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["book", "--help"])
    out = capsys.readouterr().out
    assert "YYYY-MM-DD" in out and "desk quota CUSTOMER" in out and "--override" in out


def test_help_of_case_open_names_every_channel(catalogs: CatalogRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["case", "open", "--help"])
    out = capsys.readouterr().out
    assert all(channel in out for channel in catalogs.latest.channels)


def test_quota_text_lists_booking_ids_and_what_the_tier_does_not_include(
    db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    assert main([*db, "book", "K-L2", "escort", "2026-12-01", "2026-12-01", "--override", "goodwill"]) == 0
    capsys.readouterr()
    assert main([*db, "quota", "C-L2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    escort = next(line for line in lines if line.strip().startswith("Cloud escort service"))  # the catalog's name
    assert "not included in L2, 1 booked by override" in escort and "0/0" not in escort
    booking = lines[lines.index(escort) + 1]
    assert booking.split()[0].startswith("Q-") and "override: goodwill" in booking


def test_a_refusal_an_override_can_lift_names_the_option(
    db: list[str], data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "import", str(data_file)]) == 0
    capsys.readouterr()
    assert main([*db, "book", "K-L2", "escort", "2026-12-01", "2026-12-01"]) == 2
    err = capsys.readouterr().err
    assert "The tier is not entitled to this quota. (tier L2; kind escort)" in err
    assert "give --override REASON to book anyway" in err and not re.search(r"\b[a-z]+_[a-z_]+\b", err)
