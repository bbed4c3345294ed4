"""Customers and contracts kept by hand: the importer's rules hold, periods never overlap, history says who and when."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from desk.clock import FakeClock
from desk.contracts import (
    CustomerForm,
    Period,
    add_contract,
    add_months,
    change_tier,
    contracts_of,
    history,
    renew,
    renewal_period,
    save_customer,
    tier_change_periods,
)
from desk.customer_list import customer_rows
from desk.errors import InvalidInput
from desk.interchange import ImportFailed, import_batch, preview_batch, read_files
from desk.services import Desk
from desk.store.models import Case
from tests.helpers import seed_customers


def test_renewal_starts_the_day_after_the_end_and_keeps_whole_months() -> None:
    assert renewal_period(Period(date(2026, 1, 1), date(2026, 12, 31))) == Period(date(2027, 1, 1), date(2027, 12, 31))
    assert renewal_period(Period(date(2026, 3, 15), date(2026, 6, 14))) == Period(date(2026, 6, 15), date(2026, 9, 14))
    assert renewal_period(Period(date(2026, 1, 1), date(2026, 1, 10))) == Period(date(2026, 1, 11), date(2026, 1, 20))
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)


def test_a_tier_change_ends_the_current_period_the_day_before() -> None:
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    before, after = tier_change_periods(year, date(2026, 7, 1))
    assert before == Period(date(2026, 1, 1), date(2026, 6, 30))
    assert after == Period(date(2026, 7, 1), date(2026, 12, 31))
    for day in (date(2026, 1, 1), date(2027, 1, 1)):
        with pytest.raises(InvalidInput) as refused:
            tier_change_periods(year, day)
        assert refused.value.code == "tier_change_day"


def test_a_first_customer_and_contract_from_forms_then_a_case(desk: Desk, clock: FakeClock) -> None:
    tier = next(iter(desk.catalogs.latest.tiers))
    save_customer(desk, CustomerForm("acme", "Acme 有限公司", "ops@acme.example"), new=True)
    add_contract(desk, "acme", tier, Period(date(2026, 1, 1), date(2026, 12, 31)))
    (con,) = contracts_of(desk, "acme")
    assert (con.tier, con.start, con.end) == (tier, date(2026, 1, 1), date(2026, 12, 31))
    severity = next(iter(desk.catalogs.latest.severities))
    opened = desk.open_case("acme", "Disk full", severity, "")
    assert opened.cases
    kinds = [(e.kind, e.actor) for e in history(desk, "acme")]
    assert kinds == [("customer_added", "tester"), ("contract_added", "tester")]


def test_a_form_is_refused_with_the_importers_messages(desk: Desk) -> None:
    with pytest.raises(ImportFailed) as refused:
        save_customer(desk, CustomerForm("acme", "  "), new=True)
    (problem,) = refused.value.details
    assert (problem.field, problem.code, problem.reason) == ("name", "missing", "missing")
    save_customer(desk, CustomerForm("acme", "Acme"), new=True)
    with pytest.raises(ImportFailed) as again:
        save_customer(desk, CustomerForm("acme", "Other"), new=True)
    assert again.value.details[0].code == "customer_exists"
    with pytest.raises(ImportFailed) as backwards:
        add_contract(desk, "acme", "L2", Period(date(2026, 5, 1), date(2026, 4, 1)))
    assert backwards.value.details[0].code == "end_before_start"


def test_overlapping_periods_are_refused_by_form_and_by_file(seeded: Desk, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as refused:
        add_contract(seeded, "cust-L2", "L3", Period(date(2026, 12, 1), date(2027, 11, 30)))
    (problem,) = refused.value.details
    assert problem.code == "overlap" and dict(problem.params)["contract"] == "k-L2"
    assert "periods of one customer never overlap" in str(problem)
    doc = {"contracts": [{"id": "k2", "customer_id": "cust-L1", "tier": "L1", "start": "2026-06-01",
                          "end": "2027-05-31"}]}  # fmt: skip
    (tmp_path / "x.json").write_text(json.dumps(doc))
    with pytest.raises(ImportFailed) as by_file:
        import_batch(seeded, read_files([tmp_path / "x.json"]))
    assert by_file.value.problems[0].startswith(f"{tmp_path / 'x.json'}: contracts row 1: field start: ")
    assert len(contracts_of(seeded, "cust-L1")) == 1


def test_renewal_adds_the_next_period_and_quotas_follow_it(seeded: Desk, clock: FakeClock) -> None:
    renew(seeded, "k-L3")
    periods = [(c.start, c.end, c.tier) for c in contracts_of(seeded, "cust-L3")]
    assert periods == [(date(2026, 1, 1), date(2026, 12, 31), "L3"), (date(2027, 1, 1), date(2027, 12, 31), "L3")]
    clock.advance(timedelta(days=60))
    quotas = seeded.quotas("cust-L3")
    assert quotas.contract_start == date(2027, 1, 1)
    with pytest.raises(ImportFailed):  # the same renewal twice would overlap the first
        add_contract(seeded, "cust-L3", "L3", Period(date(2027, 1, 1), date(2027, 12, 31)))


def test_a_tier_change_keeps_open_cases_on_their_rules_and_new_cases_get_the_new_tier(
    seeded: Desk, clock: FakeClock
) -> None:
    severity = next(iter(seeded.catalogs.latest.severities))
    (old_case,) = seeded.open_case("cust-L1", "before", severity, "").cases
    change_tier(seeded, "k-L1", "L4", clock.now().date() + timedelta(days=1))
    clock.advance(timedelta(days=1))
    (new_case,) = seeded.open_case("cust-L1", "after", severity, "").cases
    with seeded.store.read() as session:
        old, new = session.get(Case, old_case), session.get(Case, new_case)
        assert old is not None and new is not None and old.contract is not None and new.contract is not None
        assert old.contract.tier == "L1" and new.contract.tier == "L4"
        assert old.contract.end == clock.now().date() - timedelta(days=1)
    kinds = [e.kind for e in history(seeded, "cust-L1")][-2:]
    assert sorted(kinds) == ["contract_added", "contract_changed"]


def test_a_tier_cannot_be_rewritten_on_a_contract_with_cases(seeded: Desk) -> None:
    severity = next(iter(seeded.catalogs.latest.severities))
    seeded.open_case("cust-L2", "work", severity, "")
    batch_doc = {"id": "k-L2", "customer_id": "cust-L2", "tier": "L4", "start": "2026-01-01", "end": "2026-12-31"}
    from desk.interchange import Batch, Row

    batch = Batch()
    batch.rows["contracts"].append(Row("form", batch_doc))
    with pytest.raises(ImportFailed) as refused:
        import_batch(seeded, batch)
    assert refused.value.details[0].code == "tier_has_work"


def test_a_preview_names_added_changed_unchanged_and_writes_nothing(desk: Desk, tmp_path: Path) -> None:
    seed_customers(desk)
    doc = {
        "customers": [{"id": "cust-L1", "name": "客户 L1 Ltd."}, {"id": "cust-L2", "name": "Renamed"},
                      {"id": "new", "name": "New"}],
    }  # fmt: skip
    (tmp_path / "c.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    heard: list[tuple[int, int]] = []
    preview = preview_batch(desk, read_files([tmp_path / "c.json"]), lambda done, total: heard.append((done, total)))
    assert heard == [(3, 3)]
    assert [(r.ref, r.outcome) for r in preview.rows] == [
        ("cust-L1", "unchanged"), ("cust-L2", "changed"), ("new", "added"),
    ]  # fmt: skip
    assert [c.ref for c in contracts_of(desk, "new")] == []
    assert history(desk, "new") == []
    assert len(history(desk, "cust-L2")) == 2  # added and its contract, nothing from the preview


def test_the_customer_list_shows_tier_period_days_left_cases_and_quota(seeded: Desk) -> None:
    severity = next(iter(seeded.catalogs.latest.severities))
    seeded.open_case("cust-L3", "one", severity, "")
    renew(seeded, "k-L3")
    rows = {r.ref: r for r in customer_rows(seeded)}
    l3 = rows["cust-L3"]
    assert (l3.tier, l3.start, l3.end, l3.days_left, l3.open_cases) == (
        "L3", date(2026, 1, 1), date(2026, 12, 31), 35, 1,
    )  # fmt: skip
    assert l3.expiring(35) and not l3.expiring(30)
    assert rows["cust-L1"].open_cases == 0
    assert l3.matches("l3 客户") and not l3.matches("L2")
    save_customer(seeded, CustomerForm("none", "No contract yet", "pat@example.org"), new=True)
    bare = next(r for r in customer_rows(seeded) if r.ref == "none")
    assert bare.tier == "" and bare.days_left is None and not bare.expiring(30) and bare.matches("pat@")
