"""The desk's own words: case statuses, clock states, case event kinds and clock triggers, as enumerations.

These are the desk's vocabulary, not a plan's: every plan's cases move through the same statuses and
every clock goes through the same states. What a plan names (tiers, severities, channels, quota kinds)
comes from its catalog file only. Each member is a ``StrEnum``, so it equals the string stored in the
database and written to JSON, and ``str(member)`` is that string.
"""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_CUSTOMER = "waiting_customer"
    RESOLVED = "resolved"
    CLOSED = "closed"


class ClockState(StrEnum):
    NO_TARGET = "no_target"
    PENDING = "pending"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    MET = "met"
    MISSED = "missed"
    PAUSED = "paused"


class EventKind(StrEnum):
    """What a case event records (``case_events.kind``)."""

    OPENED = "opened"
    RESPONSE = "response"
    STATUS = "status"
    SEVERITY = "severity"
    ASSIGNEE = "assignee"
    NOTE = "note"
    FIELD = "field"


class ClockTrigger(StrEnum):
    """What starts, stops or restarts a catalog clock (``start``, ``stop``, ``restart_on``)."""

    OPENED = "opened"
    FIRST_RESPONSE = "first_response"
    RESPONSE = "response"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


CASE_STATUSES: tuple[CaseStatus, ...] = tuple(CaseStatus)
OPEN_STATUSES = (CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.WAITING_CUSTOMER)
ENDED_STATUSES = (CaseStatus.RESOLVED, CaseStatus.CLOSED)
CLOCK_TRIGGERS: tuple[ClockTrigger, ...] = tuple(ClockTrigger)
# A running clock counts down; its state among these follows from the deadline and the instant.
RUNNING_STATES = (ClockState.ON_TRACK, ClockState.AT_RISK, ClockState.BREACHED)
# The states an agent is alerted to, F8 walks, and a handover lists as alerts.
ALERT_STATES = (ClockState.AT_RISK, ClockState.BREACHED)
