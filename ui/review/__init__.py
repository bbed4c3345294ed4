"""The Review menu's window: SLA performance, quota use and handover discipline over a period (read-only)."""
