"""The support-plan catalog: tiers, severities, clocks and targets, entitlements, quotas; loaded from TOML.

A catalog file is data (``resources/catalog/*.toml``): a plan revision or another vendor's plan is a new
file, not a code change. Loading validates everything and names the file and the key of any error.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desk.calendars import AlwaysCalendar, BusinessHoursCalendar, Calendar, known_country
from desk.errors import EnvironmentProblem
from desk.vocabulary import CASE_STATUSES as CASE_STATUSES
from desk.vocabulary import CLOCK_TRIGGERS

LANGUAGES = ("zh", "en")
MISSING_SEVERITY_POLICIES = ("best_available", "none")


class CatalogError(EnvironmentProblem, ValueError):
    """A catalog file is malformed; the message names the file and the key."""

    default_code = "bad_catalog"


@dataclass(frozen=True)
class Text:
    """Catalog wording in both languages."""

    zh: str
    en: str

    def get(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


@dataclass(frozen=True)
class Tier:
    code: str
    name: Text
    rank: int


@dataclass(frozen=True)
class Severity:
    code: str
    name: Text
    definition: Text
    rank: int  # 1 is the most severe


@dataclass(frozen=True)
class Channel:
    code: str
    name: Text
    entitlement: str  # the entitlement key that grants this channel


@dataclass(frozen=True)
class ClockDef:
    """One SLA clock: when it starts, stops, pauses and restarts, and its targets per tier and severity."""

    name: str
    label: Text
    contractual: bool
    calendar: str
    start: str
    stop: tuple[str, ...]
    pause_while: tuple[str, ...]
    restart_on: tuple[str, ...]
    missing_severity: str
    targets: Mapping[str, Mapping[str, timedelta]]  # tier code (or "*") -> severity -> target

    def target(self, tier: str | None, severity: str) -> tuple[timedelta | None, bool]:
        """The target for a tier and severity, and whether it is a fallback (severity not in the tier).

        A tier absent from the table has no target (L1 for the contractual clock). A severity the
        tier lacks (S1 on L2) gets the tier's best target when the policy is ``best_available``.
        """
        table = self.targets.get(tier or "", self.targets.get("*"))
        if not table:
            return None, False
        if severity in table:
            return table[severity], False
        if self.missing_severity == "best_available":
            return min(table.values()), True
        return None, False


@dataclass(frozen=True)
class EntitlementValue:
    available: bool
    text: Text | None = None


@dataclass(frozen=True)
class Entitlement:
    key: str
    name: Text
    values: Mapping[str, EntitlementValue]
    quota: str | None = None


@dataclass(frozen=True)
class QuotaDef:
    kind: str
    name: Text
    unit: Text
    per_course: bool
    max_working_days: int | None
    limits: Mapping[str, int]  # tier -> sessions (or persons per course) per contract year
    note: Text | None = None


@dataclass(frozen=True)
class Catalog:
    plan_id: str
    version: str
    effective_from: date
    name: Text
    source: str
    timezone: ZoneInfo
    at_risk_fraction: float
    at_risk_lead: timedelta | None
    tiers: Mapping[str, Tier]
    severities: Mapping[str, Severity]
    channels: Mapping[str, Channel]
    calendars: Mapping[str, Calendar]
    working_day_calendar: str
    clocks: tuple[ClockDef, ...]
    entitlements: tuple[Entitlement, ...]
    quotas: Mapping[str, QuotaDef]
    scope_in: tuple[Text, ...] = ()
    scope_out: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()
    interpretations: tuple[Text, ...] = ()  # ours, where the plan is silent (the window's Help shows them)
    third_party_entitlement: str | None = None
    default_channel: str = ""  # what a new case's channel is unless told; "" when the plan lists none
    path: str = field(default="", compare=False)

    @property
    def contractual_clock(self) -> ClockDef:
        return next(c for c in self.clocks if c.contractual)

    def clock(self, name: str) -> ClockDef:
        for clock in self.clocks:
            if clock.name == name:
                return clock
        raise KeyError(name)

    def entitlement(self, key: str) -> Entitlement:
        for ent in self.entitlements:
            if ent.key == key:
                return ent
        raise KeyError(key)

    def is_entitled(self, key: str, tier: str) -> bool:
        value = self.entitlement(key).values.get(tier)
        return bool(value and value.available)

    def severity_rank(self, code: str) -> int:
        return self.severities[code].rank

    @property
    def most_severe(self) -> Severity:
        """The plan's rank-1 severity, whatever its code."""
        return min(self.severities.values(), key=lambda s: s.rank)

    @property
    def usual_severity(self) -> Severity:
        """The severity a new case is offered first: the middle rank, leaning to the less severe."""
        ranked = sorted(self.severities.values(), key=lambda s: s.rank)
        return ranked[len(ranked) // 2]


# ---------------------------------------------------------------- loading and validation


class _Reader:
    """Typed access to a parsed TOML tree that reports ``file: key.path: problem``."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> CatalogError:
        return CatalogError(f"{self.path}: {key}: {problem}")

    def table(self, node: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = node.get(key)
        if not isinstance(value, dict):
            raise self.fail(_join(where, key), "missing table" if value is None else "must be a table")
        return value

    def array(self, node: Mapping[str, Any], key: str, where: str, required: bool = True) -> list[Any]:
        value = node.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            raise self.fail(_join(where, key), "missing array" if value is None else "must be an array")
        return value

    def string(self, node: Mapping[str, Any], key: str, where: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(_join(where, key), "missing or empty string")
        return value

    def text(self, node: Mapping[str, Any], key: str, where: str, required: bool = True) -> Text | None:
        value = node.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, dict):
            raise self.fail(_join(where, key), "must be a table with zh and en")
        for lang in LANGUAGES:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                raise self.fail(_join(where, key, lang), "missing wording")
        return Text(zh=value["zh"], en=value["en"])

    def required_text(self, node: Mapping[str, Any], key: str, where: str) -> Text:
        result = self.text(node, key, where)
        assert result is not None
        return result

    def minutes(self, value: Any, key: str) -> timedelta:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise self.fail(key, f"must be a positive number of minutes, not {value!r}")
        return timedelta(minutes=value)


def _join(*parts: str) -> str:
    return ".".join(p for p in parts if p)


def _parse_hhmm(reader: _Reader, value: Any, key: str) -> time:
    if not isinstance(value, str):
        raise reader.fail(key, "must be a string HH:MM")
    try:
        hour, minute = value.split(":")
        return time(int(hour), int(minute)) if value != "24:00" else time.max
    except ValueError as exc:
        raise reader.fail(key, f"{value!r} is not HH:MM") from exc


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _load_calendar(reader: _Reader, name: str, node: Mapping[str, Any]) -> Calendar:
    where = f"calendars.{name}"
    kind = node.get("kind")
    if kind == "always":
        return AlwaysCalendar(name)
    if kind != "business_hours":
        raise reader.fail(_join(where, "kind"), f"must be 'always' or 'business_hours', not {kind!r}")
    zone = _zone(reader, node.get("timezone"), _join(where, "timezone"))
    hours_node = reader.table(node, "hours", where)
    weekly: dict[int, tuple[tuple[time, time], ...]] = {}
    for day, spans in hours_node.items():
        key = _join(where, "hours", day)
        if day not in WEEKDAYS:
            raise reader.fail(key, f"unknown weekday (use {', '.join(WEEKDAYS)})")
        if not isinstance(spans, list) or len(spans) % 2:
            raise reader.fail(key, "must be a list of HH:MM pairs, e.g. ['09:00', '18:00']")
        pairs = []
        for i in range(0, len(spans), 2):
            start, end = _parse_hhmm(reader, spans[i], key), _parse_hhmm(reader, spans[i + 1], key)
            if end <= start:
                raise reader.fail(key, f"{spans[i]}-{spans[i + 1]} ends before it starts")
            pairs.append((start, end))
        weekly[WEEKDAYS.index(day)] = tuple(pairs)
    if not any(weekly.values()):
        raise reader.fail(_join(where, "hours"), "no working hours at all")
    holidays_list = []
    for i, value in enumerate(reader.array(node, "holidays", where, required=False)):
        holidays_list.append(_date(reader, value, f"{where}.holidays[{i}]"))
    workdays_list = []
    for i, value in enumerate(reader.array(node, "extra_working_days", where, required=False)):
        workdays_list.append(_date(reader, value, f"{where}.extra_working_days[{i}]"))
    country = node.get("holidays_country")
    if country is not None and not isinstance(country, str):
        raise reader.fail(_join(where, "holidays_country"), "must be a country code such as 'CN'")
    # The codes (and aliases) the library knows: building a country's holidays only to check its code (or
    # listing the countries with their subdivisions) loads every country's module, a third of a second on
    # every start; importing the library at all, a tenth.
    if country is not None and not known_country(country):
        raise reader.fail(_join(where, "holidays_country"), f"unknown country {country!r}")
    return BusinessHoursCalendar(
        name,
        zone,
        weekly,
        holidays=frozenset(holidays_list),
        extra_working_days=frozenset(workdays_list),
        country=country,
    )


def _zone(reader: _Reader, value: Any, key: str) -> ZoneInfo:
    if not isinstance(value, str):
        raise reader.fail(key, "must be an IANA time zone such as 'Asia/Shanghai'")
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise reader.fail(key, f"unknown time zone {value!r}") from exc


def _date(reader: _Reader, value: Any, key: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise reader.fail(key, f"{value!r} is not a date (YYYY-MM-DD)")


def load_catalog(path: Path) -> Catalog:
    """Load and validate one catalog file."""
    reader = _Reader(str(path))
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path}: not valid TOML: {exc}") from exc
    return parse_catalog(doc, reader)


def parse_catalog(doc: Mapping[str, Any], reader: _Reader) -> Catalog:
    """Validate a parsed catalog section by section; the order of the checks decides which problem is reported."""
    plan = reader.table(doc, "plan", "")
    version = reader.string(plan, "version", "plan")
    effective = _date(reader, plan.get("effective_from"), "plan.effective_from")
    zone = _zone(reader, plan.get("timezone"), "plan.timezone")
    tiers = _load_tiers(reader, doc)
    severities = _load_severities(reader, doc)
    calendars = _load_calendars(reader, doc)
    working_day_calendar = reader.string(plan, "working_day_calendar", "plan")
    if working_day_calendar not in calendars:
        raise reader.fail("plan.working_day_calendar", f"no calendar named {working_day_calendar!r}")
    fraction, lead = _load_warning(reader, doc)
    clocks = _load_clocks(reader, doc, tiers, severities, calendars)
    entitlements = _load_entitlements(reader, doc, tiers)
    quotas = _load_quotas(reader, doc, tiers)
    for ent in entitlements:
        if ent.quota is not None and ent.quota not in quotas:
            raise reader.fail(f"entitlements.{ent.key}.quota", f"no quota of kind {ent.quota!r}")
    keys = {e.key for e in entitlements}
    channels = _load_channels(reader, doc, keys)
    default_channel = plan.get("default_channel", next(iter(channels), ""))
    if default_channel not in channels and (channels or default_channel):
        raise reader.fail("plan.default_channel", f"no channel {default_channel!r}")
    third_party = plan.get("third_party_entitlement")
    if third_party is not None and third_party not in keys:
        raise reader.fail("plan.third_party_entitlement", f"no entitlement {third_party!r}")
    scope = doc.get("scope", {})
    scope_in = _wordings(reader, scope, "in_scope", "scope")
    scope_out = _wordings(reader, scope, "out_of_scope", "scope")
    notes = _wordings(reader, doc, "notes", "")
    interpretations = _wordings(reader, doc, "interpretations", "")
    return Catalog(
        plan_id=reader.string(plan, "id", "plan"),
        version=version,
        effective_from=effective,
        name=reader.required_text(plan, "name", "plan"),
        source=str(plan.get("source", "")),
        timezone=zone,
        at_risk_fraction=fraction,
        at_risk_lead=lead,
        tiers=tiers,
        severities=severities,
        channels=channels,
        calendars=calendars,
        working_day_calendar=working_day_calendar,
        clocks=clocks,
        entitlements=entitlements,
        quotas=quotas,
        scope_in=scope_in,
        scope_out=scope_out,
        notes=notes,
        interpretations=interpretations,
        third_party_entitlement=third_party,
        default_channel=default_channel,
        path=reader.path,
    )


def _load_tiers(reader: _Reader, doc: Mapping[str, Any]) -> dict[str, Tier]:
    """``[[tiers]]``: ranked in file order, 1 the lowest tier."""
    tiers: dict[str, Tier] = {}
    for i, node in enumerate(reader.array(doc, "tiers", "")):
        code = reader.string(node, "code", f"tiers[{i}]")
        if code in tiers:
            raise reader.fail(f"tiers[{i}].code", f"duplicate tier {code}")
        tiers[code] = Tier(code, reader.required_text(node, "name", f"tiers[{i}]"), rank=i + 1)
    if not tiers:
        raise reader.fail("tiers", "no tiers")
    return tiers


def _load_severities(reader: _Reader, doc: Mapping[str, Any]) -> dict[str, Severity]:
    """``[[severities]]``: ranked in file order, 1 the most severe."""
    severities: dict[str, Severity] = {}
    for i, node in enumerate(reader.array(doc, "severities", "")):
        where = f"severities[{i}]"
        code = reader.string(node, "code", where)
        if code in severities:
            raise reader.fail(f"{where}.code", f"duplicate severity {code}")
        severities[code] = Severity(
            code,
            reader.required_text(node, "name", where),
            reader.required_text(node, "definition", where),
            rank=i + 1,
        )
    if not severities:
        raise reader.fail("severities", "no severities")
    return severities


def _load_calendars(reader: _Reader, doc: Mapping[str, Any]) -> dict[str, Calendar]:
    """``[calendars.NAME]``: the calendars clocks measure working time in."""
    calendars: dict[str, Calendar] = {}
    for name, node in reader.table(doc, "calendars", "").items():
        if not isinstance(node, dict):
            raise reader.fail(f"calendars.{name}", "must be a table")
        calendars[name] = _load_calendar(reader, name, node)
    return calendars


def _load_warning(reader: _Reader, doc: Mapping[str, Any]) -> tuple[float, timedelta | None]:
    """``[warning]``: when a running clock turns at risk (a fraction of its target, an optional lead)."""
    warning = reader.table(doc, "warning", "")
    fraction = warning.get("at_risk_fraction")
    if isinstance(fraction, bool) or not isinstance(fraction, int | float) or not 0 <= fraction < 1:
        raise reader.fail("warning.at_risk_fraction", f"must be a number in [0, 1), not {fraction!r}")
    lead_value = warning.get("at_risk_lead_minutes")
    lead = None if lead_value is None else reader.minutes(lead_value, "warning.at_risk_lead_minutes")
    return float(fraction), lead


def _load_clocks(
    reader: _Reader,
    doc: Mapping[str, Any],
    tiers: Mapping[str, Tier],
    severities: Mapping[str, Severity],
    calendars: Mapping[str, Calendar],
) -> tuple[ClockDef, ...]:
    """``[[clocks]]``: uniquely named, exactly one of them contractual."""
    clocks = tuple(
        _load_clock(reader, i, node, tiers, severities, calendars)
        for i, node in enumerate(reader.array(doc, "clocks", ""))
    )
    contractual = [c for c in clocks if c.contractual]
    if len(contractual) != 1:
        raise reader.fail("clocks", f"exactly one clock must be contractual, found {len(contractual)}")
    if len({c.name for c in clocks}) != len(clocks):
        raise reader.fail("clocks", "clock names must be unique")
    return clocks


def _load_entitlements(reader: _Reader, doc: Mapping[str, Any], tiers: Mapping[str, Tier]) -> tuple[Entitlement, ...]:
    """``[[entitlements]]``: uniquely keyed, a value for every tier, optionally tied to a quota kind."""
    entitlements: list[Entitlement] = []
    for i, node in enumerate(reader.array(doc, "entitlements", "")):
        where = f"entitlements[{i}]"
        key = reader.string(node, "key", where)
        values = _entitlement_values(reader, reader.table(node, "values", where), where, tiers)
        quota = node.get("quota")
        if quota is not None and not isinstance(quota, str):
            raise reader.fail(f"{where}.quota", "must be a quota kind")
        entitlements.append(Entitlement(key, reader.required_text(node, "name", where), values, quota))
    if len({e.key for e in entitlements}) != len(entitlements):
        raise reader.fail("entitlements", "entitlement keys must be unique")
    return tuple(entitlements)


def _entitlement_values(
    reader: _Reader, values_node: Mapping[str, Any], where: str, tiers: Mapping[str, Tier]
) -> dict[str, EntitlementValue]:
    """One entitlement's ``values``: per tier ``true``/``false`` or ``{available, text}``."""
    for tier in tiers:
        if tier not in values_node:
            raise reader.fail(f"{where}.values.{tier}", "missing (every tier needs a value)")
    values: dict[str, EntitlementValue] = {}
    for tier, value in values_node.items():
        vwhere = f"{where}.values.{tier}"
        if tier not in tiers:
            raise reader.fail(vwhere, f"unknown tier {tier!r}")
        if isinstance(value, bool):
            values[tier] = EntitlementValue(value)
        elif isinstance(value, dict) and isinstance(value.get("available"), bool):
            values[tier] = EntitlementValue(value["available"], reader.text(value, "text", vwhere, False))
        else:
            raise reader.fail(vwhere, "must be true/false or {available = ..., text = {zh, en}}")
    return values


def _load_quotas(reader: _Reader, doc: Mapping[str, Any], tiers: Mapping[str, Tier]) -> dict[str, QuotaDef]:
    """``[[quotas]]`` (optional): per kind, the sessions each tier may book in a contract year."""
    quotas: dict[str, QuotaDef] = {}
    for i, node in enumerate(reader.array(doc, "quotas", "", required=False)):
        where = f"quotas[{i}]"
        kind = reader.string(node, "kind", where)
        limits: dict[str, int] = {}
        for tier, limit in reader.table(node, "limits", where).items():
            if tier not in tiers:
                raise reader.fail(f"{where}.limits.{tier}", f"unknown tier {tier!r}")
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
                raise reader.fail(f"{where}.limits.{tier}", f"must be a count >= 0, not {limit!r}")
            limits[tier] = limit
        max_days = node.get("max_working_days")
        if max_days is not None and (isinstance(max_days, bool) or not isinstance(max_days, int) or max_days < 1):
            raise reader.fail(f"{where}.max_working_days", f"must be a whole number >= 1, not {max_days!r}")
        per_course = node.get("per_course", False)
        if not isinstance(per_course, bool):
            raise reader.fail(f"{where}.per_course", "must be true or false")
        quotas[kind] = QuotaDef(
            kind,
            reader.required_text(node, "name", where),
            reader.required_text(node, "unit", where),
            per_course,
            max_days,
            limits,
            reader.text(node, "note", where, required=False),
        )
    return quotas


def _load_channels(reader: _Reader, doc: Mapping[str, Any], entitlement_keys: set[str]) -> dict[str, Channel]:
    """``[[channels]]``: how a case may come in, each granted by an entitlement."""
    channels: dict[str, Channel] = {}
    for i, node in enumerate(reader.array(doc, "channels", "")):
        where = f"channels[{i}]"
        code = reader.string(node, "code", where)
        ent_key = reader.string(node, "entitlement", where)
        if ent_key not in entitlement_keys:
            raise reader.fail(f"{where}.entitlement", f"no entitlement {ent_key!r}")
        channels[code] = Channel(code, reader.required_text(node, "name", where), ent_key)
    return channels


def _wordings(reader: _Reader, node: Mapping[str, Any], key: str, where: str) -> tuple[Text, ...]:
    """An optional array of ``{zh, en}`` wordings: scope lines, notes, interpretations."""
    prefix = _join(where, key)
    return tuple(
        reader.required_text({"x": v}, "x", f"{prefix}[{i}]")
        for i, v in enumerate(reader.array(node, key, where, required=False))
    )


def _load_clock(
    reader: _Reader,
    i: int,
    node: Mapping[str, Any],
    tiers: Mapping[str, Tier],
    severities: Mapping[str, Severity],
    calendars: Mapping[str, Calendar],
) -> ClockDef:
    where = f"clocks[{i}]"
    name = reader.string(node, "name", where)
    calendar = reader.string(node, "calendar", where)
    if calendar not in calendars:
        raise reader.fail(f"{where}.calendar", f"no calendar named {calendar!r}")
    start = reader.string(node, "start", where)
    if start not in CLOCK_TRIGGERS:
        raise reader.fail(f"{where}.start", f"must be one of {', '.join(CLOCK_TRIGGERS)}")

    def triggers(key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        values = reader.array(node, key, where, required=False)
        for value in values:
            if value not in allowed:
                raise reader.fail(f"{where}.{key}", f"{value!r} is not one of {', '.join(allowed)}")
        return tuple(values)

    stop = triggers("stop", CLOCK_TRIGGERS)
    if not stop:
        raise reader.fail(f"{where}.stop", "a clock needs at least one stop trigger")
    policy = node.get("missing_severity", "none")
    if policy not in MISSING_SEVERITY_POLICIES:
        raise reader.fail(f"{where}.missing_severity", f"must be one of {', '.join(MISSING_SEVERITY_POLICIES)}")
    targets: dict[str, dict[str, timedelta]] = {}
    for tier, table in reader.table(node, "targets_minutes", where).items():
        twhere = f"{where}.targets_minutes.{tier}"
        if tier != "*" and tier not in tiers:
            raise reader.fail(twhere, f"unknown tier {tier!r}")
        if not isinstance(table, dict):
            raise reader.fail(twhere, "must be a table severity = minutes")
        targets[tier] = {}
        for severity, minutes in table.items():
            if severity not in severities:
                raise reader.fail(f"{twhere}.{severity}", f"unknown severity {severity!r}")
            targets[tier][severity] = reader.minutes(minutes, f"{twhere}.{severity}")
    contractual = node.get("contractual", False)
    if not isinstance(contractual, bool):
        raise reader.fail(f"{where}.contractual", "must be true or false")
    return ClockDef(
        name=name,
        label=reader.required_text(node, "label", where),
        contractual=contractual,
        calendar=calendar,
        start=start,
        stop=stop,
        pause_while=triggers("pause_while", CASE_STATUSES),
        restart_on=triggers("restart_on", CLOCK_TRIGGERS),
        missing_severity=policy,
        targets=targets,
    )


class CatalogRegistry:
    """Every catalog version the desk knows; contracts name theirs."""

    def __init__(self, catalogs: list[Catalog]) -> None:
        if not catalogs:
            raise CatalogError("no catalog files found")
        self._by_version: dict[str, Catalog] = {}
        for cat in catalogs:
            if cat.version in self._by_version:
                raise CatalogError(
                    f"{cat.path}: plan.version: {cat.version} also in {self._by_version[cat.version].path}"
                )
            self._by_version[cat.version] = cat
        self._ordered = sorted(catalogs, key=lambda c: c.effective_from)

    @classmethod
    def load_dir(cls, directory: Path) -> CatalogRegistry:
        return cls([load_catalog(p) for p in sorted(directory.glob("*.toml"))])

    def get(self, version: str) -> Catalog:
        try:
            return self._by_version[version]
        except KeyError:
            known = ", ".join(sorted(self._by_version))
            raise CatalogError(f"no catalog version {version!r} (known: {known})") from None

    def in_effect(self, on: date) -> Catalog:
        """The newest catalog effective on a date (the oldest one for earlier dates)."""
        chosen = self._ordered[0]
        for cat in self._ordered:
            if cat.effective_from <= on:
                chosen = cat
        return chosen

    @property
    def latest(self) -> Catalog:
        return self._ordered[-1]

    def versions(self) -> list[str]:
        return [c.version for c in self._ordered]

    def tier_codes(self) -> list[str]:
        """Every version's tier codes, in the order the newest version lists them (older-only codes after)."""
        return list(dict.fromkeys(code for cat in reversed(self._ordered) for code in cat.tiers))

    def severity_codes(self) -> list[str]:
        """Every version's severity codes, most severe first as the newest version ranks them."""
        ranked = (sorted(cat.severities, key=cat.severity_rank) for cat in reversed(self._ordered))
        return list(dict.fromkeys(code for codes in ranked for code in codes))


def default_catalog_dir() -> Path:
    from desk.paths import resource_dir

    return resource_dir() / "catalog"
