"""What a tier entitles a customer to, and the warnings a new case deserves (codes; wording is ui's).

Warning codes:
* ``no_active_contract``: no contract is in force; the case has no contractual target.
* ``no_contractual_target``: the tier commits to no response time (L1 in the 2018 plan).
* ``severity_not_in_tier``: the tier has no such severity (S1 on L1/L2); the tier's best target applies.
* ``channel_not_entitled``: the tier is not entitled to the channel the case came in on.
* ``third_party_out_of_scope``: third-party software is out of scope for the tier.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.catalog import Catalog, Entitlement, EntitlementValue


def case_warnings(catalog: Catalog, tier: str | None, severity: str, channel: str, third_party: bool) -> list[str]:
    if tier is None:
        return ["no_active_contract"]
    warnings = []
    clock = catalog.contractual_clock
    table = clock.targets.get(tier) or clock.targets.get("*")
    if not table:
        warnings.append("no_contractual_target")
        # A tier with no targets at all has the severities of the nearest tier above it that has some.
        above = [t for t in catalog.tiers.values() if t.rank > catalog.tiers[tier].rank and clock.targets.get(t.code)]
        table = clock.targets[above[0].code] if above else {}
    if table and severity not in table:
        warnings.append("severity_not_in_tier")
    channel_def = catalog.channels.get(channel)
    if channel_def is not None and not catalog.is_entitled(channel_def.entitlement, tier):
        warnings.append("channel_not_entitled")
    if (
        third_party
        and catalog.third_party_entitlement
        and not catalog.is_entitled(catalog.third_party_entitlement, tier)
    ):
        warnings.append("third_party_out_of_scope")
    return warnings


@dataclass(frozen=True)
class MatrixRow:
    entitlement: Entitlement
    value: EntitlementValue


def matrix_for(catalog: Catalog, tier: str) -> list[MatrixRow]:
    """The entitlement matrix column of one tier, in the catalog's order."""
    return [MatrixRow(ent, ent.values[tier]) for ent in catalog.entitlements]
