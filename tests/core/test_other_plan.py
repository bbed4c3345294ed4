"""Another vendor's plan is a new file: with only the made-up Acme plan installed, the CLI works end to end.

The Acme plan (``data/acme-business-hours.toml``) has tiers SILVER/GOLD, severities P1/P2, channels
ticket/hotline, one quota kind (workshop) and business hours in Berlin; nothing of the shipped plan.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desk.cli import main
from desk.palette import rank_colour

DATA = Path(__file__).parent / "data"
# Thursday 2026-11-26, 10:00 in Berlin (UTC+1): inside the plan's business hours.
NOW = "2026-11-26T09:00:00Z"


@pytest.fixture
def acme_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A resource folder whose catalog holds the Acme plan and nothing else."""
    resources = tmp_path / "resources"
    (resources / "catalog").mkdir(parents=True)
    shutil.copy(DATA / "acme-business-hours.toml", resources / "catalog")
    monkeypatch.setenv("DESK_RESOURCES", str(resources))
    return resources


@pytest.fixture
def db(tmp_path: Path, acme_only: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    args = ["--db", f"sqlite:///{tmp_path / 'acme.sqlite'}", "--now", NOW]
    customers = [{"id": f"C-{tier}", "name": f"{tier.title()} GmbH"} for tier in ("SILVER", "GOLD")]
    contracts = [
        {"id": f"K-{tier}", "customer_id": f"C-{tier}", "tier": tier, "start": "2026-01-01", "end": "2026-12-31"}
        for tier in ("SILVER", "GOLD")
    ]
    data = tmp_path / "acme.json"
    data.write_text(json.dumps({"customers": customers, "contracts": contracts}), encoding="utf-8")
    assert main([*args, "import", str(data)]) == 0
    capsys.readouterr()
    return args


def test_cases_open_with_the_plans_severities_and_channels(db: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db, "case", "open", "C-GOLD", "database down", "--severity", "P1", "--id", "A1"]) == 0
    assert main([*db, "case", "open", "C-GOLD", "slow report", "--severity", "P2", "--channel", "hotline"]) == 0
    capsys.readouterr()

    assert main([*db, "case", "open", "C-GOLD", "x", "--severity", "S1"]) == 2
    assert "P1, P2" in capsys.readouterr().err
    assert main([*db, "case", "open", "C-GOLD", "x", "--severity", "P1", "--channel", "phone"]) == 2
    assert "ticket, hotline" in capsys.readouterr().err

    assert main([*db, "sla", "--json"]) == 0
    rows = {row["case_id"]: row for row in json.loads(capsys.readouterr().out)}
    first = rows["A1"]
    assert (first["tier"], first["severity"]) == ("GOLD", "P1")
    # GOLD/P1 answers within 60 business minutes: 10:00 -> 11:00 Berlin.
    clock = first["clocks"][0]
    assert (clock["state"], clock["deadline"]) == ("on_track", "2026-11-26T10:00:00Z")


def test_case_open_help_names_the_installed_plans_channels(acme_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["case", "open", "--help"])
    out = capsys.readouterr().out
    assert "ticket, hotline" in out and "phone" not in out


def test_booking_uses_the_plans_quota_kinds(db: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db, "book", "K-GOLD", "workshop", "2026-12-01", "2026-12-01"]) == 0
    capsys.readouterr()
    assert main([*db, "book", "K-GOLD", "escort", "2026-12-02", "2026-12-02"]) == 2
    assert "workshop" in capsys.readouterr().err
    assert main([*db, "book", "K-SILVER", "workshop", "2026-12-02", "2026-12-02"]) != 0  # not in SILVER
    capsys.readouterr()

    assert main([*db, "quota", "C-GOLD", "--json"]) == 0
    quotas = json.loads(capsys.readouterr().out)["quotas"]
    assert [(q["kind"], q["used"], q["total"]) for q in quotas] == [("workshop", 1, 2)]


def test_handover_asks_a_briefing_for_the_most_severe_and_colours_by_rank(
    db: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for customer, severity, ref in (("C-GOLD", "P1", "A1"), ("C-SILVER", "P2", "A2")):
        opened = main(
            [
                *db,
                "case",
                "open",
                customer,
                f"{severity} case",
                "--severity",
                severity,
                "--id",
                ref,
                "--assignee",
                "alice",
            ]
        )
        assert opened == 0
    capsys.readouterr()
    create = [*db, "handover", "create", "--from", "2026-11-26T08:00:00Z", "--to", "2026-11-26T16:00:00Z"]
    assert main([*create, "--outgoing", "alice", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    briefings = [p["ref"] for p in created["readiness"] if p["code"] == "s1_not_briefed"]
    assert briefings == ["A1"]  # P1 is the plan's most severe; P2 needs no briefing

    out = tmp_path / "handover.html"
    assert main([*db, "handover", "export", created["id"], "--format", "html", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Europe/Berlin" in html
    assert f'border-left:6px solid {rank_colour(1)}">P1' in html
    assert f'border-left:6px solid {rank_colour(2)}">P2' in html


def test_import_takes_the_plans_channels_and_quota_kinds(
    db: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = {"id": "I1", "customer_id": "C-GOLD", "title": "imported", "severity": "P2", "channel": "hotline"}
    case["opened_at"] = "2026-11-26T08:30:00Z"
    use = {"id": "Q1", "contract_id": "K-GOLD", "kind": "workshop", "start": "2026-12-01", "end": "2026-12-01"}
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"cases": [case], "quota_uses": [use]}), encoding="utf-8")
    assert main([*db, "import", str(good)]) == 0
    capsys.readouterr()

    bad = tmp_path / "bad.json"  # the shipped plan's codes mean nothing under this plan
    bad.write_text(
        json.dumps(
            {
                "cases": [case | {"id": "I2", "channel": "im_group"}],
                "quota_uses": [use | {"id": "Q2", "kind": "escort"}],
            }
        ),
        encoding="utf-8",
    )
    assert main([*db, "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "channel: 'im_group' is not one of ticket, hotline" in err
    assert "kind: 'escort' is not one of workshop" in err
