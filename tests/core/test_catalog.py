"""The 2018 plan as data, and the loader's errors that name the file and the key."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desk.catalog import Catalog, CatalogError, CatalogRegistry, load_catalog
from desk.entitlements import case_warnings, matrix_for

DATA = Path(__file__).parent / "data"
MINUTES = {"S1": 12, "S2": 40, "S3": 180, "S4": 480, "S5": 960}


@pytest.fixture(scope="module")
def plan(catalogs: CatalogRegistry) -> Catalog:
    return catalogs.get("2018-04-24")


def test_tiers_and_severities_in_both_languages(plan: Catalog) -> None:
    assert [(t.code, t.name.zh, t.name.en) for t in plan.tiers.values()] == [
        ("L1", "基础级", "Basic"),
        ("L2", "商业级", "Business"),
        ("L3", "企业标准级", "Enterprise Standard"),
        ("L4", "企业至尊级", "Enterprise Supreme"),
    ]
    assert [s.name.zh for s in plan.severities.values()] == [
        "核心业务不可用",
        "业务不可用",
        "业务受损",
        "业务异常",
        "使用咨询",
    ]
    for sev in plan.severities.values():
        assert sev.definition.zh and sev.definition.en


@pytest.mark.parametrize("tier", ["L3", "L4"])
@pytest.mark.parametrize("severity", list(MINUTES))
def test_enterprise_targets(plan: Catalog, tier: str, severity: str) -> None:
    assert plan.contractual_clock.target(tier, severity) == (timedelta(minutes=MINUTES[severity]), False)


def test_l2_has_no_s1_and_falls_back_to_its_best_target(plan: Catalog) -> None:
    clock = plan.contractual_clock
    assert clock.target("L2", "S1") == (timedelta(minutes=40), True)
    assert clock.target("L2", "S5") == (timedelta(hours=16), False)


def test_l1_has_no_contractual_target(plan: Catalog) -> None:
    for severity in MINUTES:
        assert plan.contractual_clock.target("L1", severity) == (None, False)


def test_entitlement_matrix(plan: Catalog) -> None:
    def column(tier: str) -> dict[str, bool]:
        return {row.entitlement.key: row.value.available for row in matrix_for(plan, tier)}

    assert column("L1")["enterprise_phone_line"] is False
    assert column("L4")["enterprise_phone_line"] is True
    assert [column(t)["im_group_support"] for t in ("L1", "L2", "L3", "L4")] == [False, False, True, True]
    assert [column(t)["technical_manager"] for t in ("L1", "L2", "L3", "L4")] == [False, False, False, True]
    assert [column(t)["service_manager"] for t in ("L1", "L2", "L3", "L4")] == [False, False, True, True]
    assert [column(t)["third_party_software"] for t in ("L1", "L2", "L3", "L4")] == [False, True, True, True]
    handler = {t: plan.entitlement("case_handler").values[t].text for t in ("L1", "L2", "L3", "L4")}
    assert [h.zh for h in handler.values() if h] == ["技术支持", "售后工程师", "技术专家", "资深技术专家"]


def test_quotas(plan: Catalog) -> None:
    escort, consult, training = plan.quotas["escort"], plan.quotas["consultation"], plan.quotas["training"]
    assert (escort.limits["L3"], escort.limits["L4"], escort.max_working_days) == (1, 3, 1)
    assert (consult.limits["L3"], consult.limits["L4"], consult.max_working_days) == (0, 2, 2)
    assert (training.limits["L3"], training.limits["L4"], training.per_course) == (2, 6, True)
    assert all(q.limits["L1"] == 0 and q.limits["L2"] == 0 for q in plan.quotas.values())
    assert plan.at_risk_fraction == 0.25


def test_scope_and_notes(plan: Catalog) -> None:
    assert len(plan.scope_in) == 7
    assert any("第三方软件" in t.zh for t in plan.scope_out)
    assert all(t.zh and t.en for t in (*plan.scope_in, *plan.scope_out, *plan.notes))


@pytest.mark.parametrize(
    ("tier", "severity", "channel", "third_party", "expected"),
    [
        ("L1", "S3", "ticket", False, ["no_contractual_target"]),
        ("L1", "S1", "ticket", False, ["no_contractual_target", "severity_not_in_tier"]),
        ("L2", "S1", "ticket", False, ["severity_not_in_tier"]),
        ("L3", "S1", "ticket", False, []),
        ("L2", "S3", "im_group", False, ["channel_not_entitled"]),
        ("L3", "S3", "enterprise_line", False, ["channel_not_entitled"]),
        ("L4", "S3", "enterprise_line", False, []),
        ("L1", "S4", "ticket", True, ["no_contractual_target", "third_party_out_of_scope"]),
        ("L2", "S4", "ticket", True, []),
        (None, "S2", "phone", False, ["no_active_contract"]),
    ],
)
def test_case_warnings(
    plan: Catalog, tier: str | None, severity: str, channel: str, third_party: bool, expected: list[str]
) -> None:
    assert case_warnings(plan, tier, severity, channel, third_party) == expected


def test_a_second_catalog_with_business_hours_loads() -> None:
    acme = load_catalog(DATA / "acme-business-hours.toml")
    assert acme.contractual_clock.calendar == "berlin_office"
    assert acme.at_risk_lead == timedelta(minutes=30)


def test_a_plan_ranks_its_own_severities_and_names_its_defaults(catalogs: CatalogRegistry) -> None:
    acme = load_catalog(DATA / "acme-business-hours.toml")
    assert (acme.most_severe.code, acme.usual_severity.code, acme.default_channel) == ("P1", "P2", "ticket")
    shipped = catalogs.latest
    assert (shipped.most_severe.code, shipped.usual_severity.code, shipped.default_channel) == ("S1", "S3", "ticket")
    both = CatalogRegistry([shipped, acme])
    assert both.severity_codes()[:2] == ["P1", "P2"]  # the newest plan's order first (Acme is effective later)
    assert set(both.tier_codes()) == {*shipped.tiers, *acme.tiers}


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (DATA / "acme-business-hours.toml").read_text()
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('version = "acme-2025"', "", "plan.version"),
        ("P1 = 240", "P9 = 240", "clocks[0].targets_minutes.SILVER.P9"),
        ("P1 = 240", "P1 = -5", "clocks[0].targets_minutes.SILVER.P1"),
        ('\ncalendar = "berlin_office"', '\ncalendar = "nowhere"', "clocks[0].calendar"),
        ('timezone = "Europe/Berlin"', 'timezone = "Mars/Olympus"', "plan.timezone"),
        ("values = { SILVER = true, GOLD = true }", "values = { SILVER = true }", "entitlements[0].values.GOLD"),
        ('name = { zh = "紧急", en = "Urgent" }', 'name = { zh = "紧急" }', "severities[0].name.en"),
        ("at_risk_fraction = 0.2", "at_risk_fraction = 2", "warning.at_risk_fraction"),
        ('mon = ["09:00", "18:00"]', 'mon = ["18:00", "09:00"]', "calendars.berlin_office.hours.mon"),
        ('_calendar = "berlin_office"', '_calendar = "berlin_office"\ndefault_channel = "fax"', "plan.default_channel"),
        ('holidays = ["2025-12-25"', 'holidays_country = "XX"\nholidays = ["2025-12-25"', "holidays_country"),
        ('holidays = ["2025-12-25"', 'holidays_country = "cn"\nholidays = ["2025-12-25"', "holidays_country"),
    ],
)
def test_errors_name_file_and_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(CatalogError) as err:
        load_catalog(path)
    assert str(path) in str(err.value)
    assert key in str(err.value)


@pytest.mark.parametrize("code", ["DE", "DEU", "UK"])
def test_a_known_holidays_country_is_accepted_by_code_or_alias(tmp_path: Path, code: str) -> None:
    path = _broken(tmp_path, 'holidays = ["2025-12-25"', f'holidays_country = "{code}"\nholidays = ["2025-12-25"')
    (calendar,) = (c for c in load_catalog(path).calendars.values() if getattr(c, "country", None))
    assert calendar.country == code


def test_not_toml(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("[plan\n")
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_catalog(path)


def test_registry_picks_the_version_in_effect(catalogs: CatalogRegistry) -> None:
    from datetime import date

    assert catalogs.in_effect(date(2026, 1, 1)).version == "2018-04-24"
    assert catalogs.in_effect(date(2010, 1, 1)).version == "2018-04-24"
    with pytest.raises(CatalogError, match="no catalog version"):
        catalogs.get("1999")
