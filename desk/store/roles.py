"""Agents and team leads as roles of the team's server: what each may change is enforced by the database.

``desk migrate`` (run with the login that owns the desk's tables) creates two group roles and grants:

* ``desk_agent``: reads everything; opens and works cases (cases: insert, update; case and quota
  events: insert only; quota uses: insert, update); records and resolves the conflicts a sync finds on a
  case's fields (case conflicts: insert, update; a resolved one is frozen by revision 0010); starts,
  hands over and acknowledges its own shifts
  (row-level security: a shift, its entries and its reports are the agent's when the login is the shift's
  outgoing or incoming agent). Customers and contracts: read only.
* ``desk_lead``: everything an agent may, plus customers and contracts, and every agent's shifts and
  handover reports.

No role may delete anything or change an event or a signed report (the guards of revision 0005 refuse
that even to the owner). Each person logs in with their own login, a member of one of the two roles, whose
name is their agent name in the desk:
``CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE desk_agent``.
"""

from __future__ import annotations

from sqlalchemy import Connection

from desk.store.engine import Store

AGENT = "desk_agent"
LEAD = "desk_lead"
TABLES = (
    "customers", "contracts", "cases", "case_events", "quota_uses", "quota_events",
    "shifts", "handover_entries", "handover_reports", "alembic_version", "case_conflicts",
)  # fmt: skip
AGENT_WRITES = {
    "cases": "INSERT, UPDATE",
    "case_events": "INSERT",
    "quota_uses": "INSERT, UPDATE",
    "quota_events": "INSERT",
    "shifts": "INSERT, UPDATE",
    "handover_entries": "INSERT, UPDATE",
    "handover_reports": "INSERT, UPDATE",
    "case_conflicts": "INSERT, UPDATE",  # record a conflict a sync found, and resolve it (never delete)
}
LEAD_WRITES = {"customers": "INSERT, UPDATE", "contracts": "INSERT, UPDATE"}
# The rows of a shift that are the agent's own: they hand it over (outgoing) or take it (incoming).
_OWN_SHIFT = "(outgoing = session_user OR incoming = session_user)"
_OWN_BY_SHIFT = (
    "EXISTS (SELECT 1 FROM shifts s WHERE s.id = shift_id AND (s.outgoing = session_user OR s.incoming = session_user))"
)
OWN_ROWS = {"shifts": _OWN_SHIFT, "handover_entries": _OWN_BY_SHIFT, "handover_reports": _OWN_BY_SHIFT}


def ensure_roles(store: Store) -> list[str]:
    """Create the two roles if missing and (re)grant; returns what was done, in sentences."""
    done: list[str] = []
    with store.engine.begin() as conn:
        for role in (AGENT, LEAD):
            if conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": role}).first() is None:
                conn.exec_driver_sql(f"CREATE ROLE {role} NOLOGIN")
                done.append(f"role {role} created")
        conn.exec_driver_sql(f"GRANT {AGENT} TO {LEAD}")
        _grant(conn)
    done.append(
        f"grants set: {AGENT} works cases and its own shifts, {LEAD} also customers, contracts and every "
        f"shift; give each person a login named as their agent, e.g. CREATE ROLE alice LOGIN PASSWORD '...' "
        f"IN ROLE {AGENT}"
    )
    return done


def _grant(conn: Connection) -> None:
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {AGENT}, {LEAD}")
    for table in TABLES:
        conn.exec_driver_sql(f"REVOKE ALL ON {table} FROM {AGENT}, {LEAD}")
        conn.exec_driver_sql(f"GRANT SELECT ON {table} TO {AGENT}, {LEAD}")
    for table, rights in AGENT_WRITES.items():
        conn.exec_driver_sql(f"GRANT {rights} ON {table} TO {AGENT}")
    for table, rights in LEAD_WRITES.items():
        conn.exec_driver_sql(f"GRANT {rights} ON {table} TO {LEAD}")
    for table, own in OWN_ROWS.items():
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for policy, clause in (
            ("desk_read", f"FOR SELECT TO {AGENT}, {LEAD} USING (true)"),
            ("desk_own_insert", f"FOR INSERT TO {AGENT} WITH CHECK ({own})"),
            ("desk_own_update", f"FOR UPDATE TO {AGENT} USING ({own}) WITH CHECK ({own})"),
            ("desk_lead_all", f"FOR ALL TO {LEAD} USING (true) WITH CHECK (true)"),
        ):
            conn.exec_driver_sql(f"DROP POLICY IF EXISTS {policy} ON {table}")
            conn.exec_driver_sql(f"CREATE POLICY {policy} ON {table} {clause}")
