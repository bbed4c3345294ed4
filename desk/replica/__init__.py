"""Offline first: a local SQLite replica of a team's server, an outbox of local writes, and sync.

How it holds together (docs/architecture.md has the longer version):

* **Facts with global ids.** Every row (case, event, booking, shift, report) has a UUID made where it
  was written, so a push is idempotent: an event is inserted on the server ``ON CONFLICT (id) DO
  NOTHING``, and a push that is cut and retried puts each write there exactly once.
* **Replica and outbox in one local transaction.** The replica is an ordinary desk database (same
  schema, same services). SQLite triggers on its tables queue every insert and update into
  ``replica_outbox`` inside the writing transaction, whatever wrote it (a service, the importer's
  batched inserts), so a write is either in the replica *and* queued, or nowhere. Rows a pull copies
  from the server are not queued (the pull raises a flag inside its own transaction).
* **Sync = push, then pull.** ``push`` sends the outbox in parent-before-child order, one server
  transaction per case; for a case, its new events are added to the server's history and the case's
  row (status, severity, assignee, first response, deadlines) is recomputed from the *merged* history
  by the one writer's rules, so countdowns follow the facts with their real times. ``pull`` then copies
  what changed on the server since the last watermark (with an overlap, re-copying is harmless).
* **Conflicts are recorded, never silently overwritten.** When a case's status or assignee was changed
  differently on both sides while apart, the merged row follows the later fact, and a conflict with
  both values (who, when) is recorded on the server for the whole team (``shared``, table
  ``case_conflicts``), in the transaction of the merge, and replicated to every desk until an agent
  resolves it (``desk conflicts`` / ``desk resolve``): the resolution is a new event, so the history
  keeps every fact, and it closes the conflict once, everywhere.
  Other records (bookings, shifts, reports) changed on both sides keep the server's version; the local
  one is kept in this replica's ``replica_conflicts`` for the agent to re-apply.
* **Falling back.** A server URL gets short connect timeouts and TCP keepalives (``link``), so a desk
  notices in seconds that the server is gone, refused or silent, and works on the replica instead.
"""
