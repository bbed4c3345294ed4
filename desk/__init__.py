"""The desk's core: catalog, store, SLA clocks, quota ledger and the headless CLI. Imports no Qt."""

__version__ = "0.1.0"
