"""The desk's core: catalog, store, SLA clocks, quota ledger and the headless CLI. Imports no Qt."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("support-desk")  # pyproject.toml's version, as installed
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
