"""The interchange format for customers' own data (JSON and CSV): read, validate, merge all-or-nothing, export.

JSON: one object with arrays ``customers``, ``contracts``, ``cases``, ``quota_uses``.
CSV: one file per array, named after it (``cases.csv``...), with the field names as headers; a case's
``severity_changes`` cell holds the list as JSON text. Instants are ISO 8601 with an offset.

Interpretations (written down so the next reader need not guess):
* A case's ``severity`` is the severity it was opened with; ``severity_changes`` are the re-grades after
  that, each giving the severity from ``at`` on. The current severity is the last change's.
* ``id`` values are the customer's references: kept, shown, and used to match on re-import. Importing the
  same file twice changes nothing. A re-import may add facts (a response, a re-grade, a resolution, new
  text) but never rewrites history: a conflicting instant is refused, naming the field.
* A closed case's ``closed_at`` is when it was (last) closed; the import dates its closing by it, so a
  copied desk keeps when each case was closed and every clock and count that follows from it. It is
  optional: a file without it (an export older than the field) is imported as before. A ``closed_at``
  on a case whose status is not ``closed``, or before its ``opened_at`` or ``resolved_at``, is refused.
  On a re-import, a stored closed case with another closing instant is a conflict; a closing dated
  before a status change the desk holds already (or before an agent's change) is left out with a warning.
* Other than resolution and closing, the interchange has no instants for status changes; an imported
  case's current status (waiting on customer, closed without ``closed_at``) is recorded at the latest
  instant the record gives.
* Quota uses are imported as historical facts: limits are not enforced on import (they are on booking).
* Errors name the file, the row (JSON: the 1-based position in its array; CSV: the line, header = 1)
  and the field. One bad row and nothing is written.
* CSV cells are inert in spreadsheets (OWASP CSV injection): a text that starts with a tab or a CR, or
  whose first character that is not white space (``str.isspace``: spaces, tabs, line breaks, no-break
  and ideographic spaces) is one of ``= + - @``, is written with a leading ``'``: a spreadsheet that
  trims blanks on import would otherwise run ``  =1+1``. So is a text starting with ``'`` whose rest is
  such a text or starts with another ``'``. The importer removes that one ``'`` from exactly those
  cells (a ``'`` followed by such a text or by ``'``), so every text reads back exactly.

The package: ``format`` (arrays, fields, limits, rows, CSV cell quoting), ``reading`` (files into rows),
``validating`` (rows into typed records, every problem named), ``merging`` and ``merging_cases`` (records
into the store, case history through the one case writer), ``exporting`` (the store into the format).
"""

from desk.interchange.exporting import (
    count_rows,
    export_arrays,
    export_data,
    write_csv_dir,
    write_csv_files,
    write_json,
)
from desk.interchange.format import (
    ARRAYS,
    FIELDS,
    IMPORT_ACTOR,
    MAX_FILE_BYTES,
    Batch,
    ImportFailed,
    Problem,
    Row,
)
from desk.interchange.merging import Preview, RowOutcome, import_batch, preview_batch
from desk.interchange.reading import read_files

__all__ = [
    "ARRAYS",
    "FIELDS",
    "IMPORT_ACTOR",
    "MAX_FILE_BYTES",
    "Batch",
    "ImportFailed",
    "Preview",
    "Problem",
    "Row",
    "RowOutcome",
    "count_rows",
    "export_arrays",
    "export_data",
    "import_batch",
    "preview_batch",
    "read_files",
    "write_csv_dir",
    "write_csv_files",
    "write_json",
]
