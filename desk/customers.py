"""Customers as the agent's window shows them: the picker list and the customer panel's data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desk.catalog import Catalog
from desk.entitlements import MatrixRow, matrix_for
from desk.services import CustomerQuotas, Desk, DeskError, InvalidInput
from desk.store.models import Customer


@dataclass(frozen=True)
class CustomerChoice:
    ref: str
    name: str


@dataclass(frozen=True)
class ContractSummary:
    ref: str
    tier: str
    start: date
    end: date
    catalog_version: str


@dataclass(frozen=True)
class CustomerPanelData:
    ref: str
    name: str
    technical_contact: str
    ops_contact: str
    business_goals: str
    contract: ContractSummary | None  # the contract in force today (else the latest one)
    in_force: bool
    catalog: Catalog
    matrix: tuple[MatrixRow, ...]
    quotas: CustomerQuotas | None


def customer_choices(desk: Desk) -> list[CustomerChoice]:
    """Every customer, by id, for pickers with completion."""
    with desk.store.read() as session:
        rows = session.execute(select(Customer.ref, Customer.name).order_by(Customer.ref)).all()
    return [CustomerChoice(ref, name) for ref, name in rows]


def customer_panel(desk: Desk, customer_ref: str) -> CustomerPanelData:
    now = desk.clock.now()
    with desk.store.read() as session:
        customer = session.scalar(select(Customer).where(Customer.ref == customer_ref))
        if customer is None:
            raise InvalidInput("customer", f"no customer {customer_ref!r}")
        contract = desk.contract_in_force(session, customer.id, now)
        in_force = contract is not None
        if contract is None and customer.contracts:
            contract = customer.contracts[-1]
        summary = (
            ContractSummary(contract.ref, contract.tier, contract.start, contract.end, contract.catalog_version)
            if contract is not None
            else None
        )
        catalog = desk.catalog_for(contract, now)
        name, tech, ops, goals = (
            customer.name,
            customer.technical_contact,
            customer.ops_contact,
            customer.business_goals,
        )
    quotas: CustomerQuotas | None = None
    if summary is not None:
        try:
            quotas = desk.quotas(customer_ref)
        except DeskError:
            quotas = None
    matrix = tuple(matrix_for(catalog, summary.tier)) if summary is not None else ()
    return CustomerPanelData(customer_ref, name, tech, ops, goals, summary, in_force, catalog, matrix, quotas)
