"""The desk's one error tree: every refusal carries a kind, a stable code and its parameters.

The code and parameters are what the window translates (``ui/errors.py``); the English message is for
the CLI and logs. The kind decides the CLI's exit code, so the same situation exits the same way from
every layer: bad input, an unknown name or a refused rule exit 2; a conflict (another desk won, a
stale edit) or the environment (storage damaged, locked, read-only, full) exit 1.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class Kind(StrEnum):
    BAD_INPUT = "bad_input"
    NOT_FOUND = "not_found"
    REFUSED = "refused"
    CONFLICT = "conflict"
    ENVIRONMENT = "environment"


EXIT_CODES = {
    Kind.BAD_INPUT: 2,
    Kind.NOT_FOUND: 2,  # the name given names nothing: the input is what is wrong
    Kind.REFUSED: 2,
    Kind.CONFLICT: 1,
    Kind.ENVIRONMENT: 1,
}


class DeskError(Exception):
    """An operation was refused: ``code`` and ``params`` say why; ``str()`` is the English sentence."""

    kind: ClassVar[Kind] = Kind.REFUSED
    default_code: ClassVar[str] = "refused"

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code = code or self.default_code
        self.params: dict[str, object] = params


class BadInput(DeskError):
    """What was typed or imported is not acceptable; nothing was changed."""

    kind = Kind.BAD_INPUT
    default_code = "bad_input"


class InvalidInput(BadInput):
    """A field of the request is not acceptable; ``field`` names it."""

    default_code = "invalid_input"

    def __init__(self, field: str, message: str, *, code: str | None = None, **params: object) -> None:
        super().__init__(f"{field}: {message}", code=code, field=field, detail=message, **params)
        self.field = field


class NotFound(DeskError):
    """The case, customer, booking or report named does not exist."""

    kind = Kind.NOT_FOUND
    default_code = "not_found"


class Refused(DeskError):
    """A rule of the desk refuses the operation (a signed report, someone else's signature...)."""

    kind = Kind.REFUSED
    default_code = "refused"


class Conflict(DeskError):
    """Someone else changed the same record first (a stale edit, a concurrent write); nothing was applied."""

    kind = Kind.CONFLICT
    default_code = "conflict"


class EnvironmentProblem(DeskError):
    """The storage or the installation cannot be used as asked (damaged, locked, read-only, full disk)."""

    kind = Kind.ENVIRONMENT
    default_code = "environment"


def exit_code(exc: DeskError) -> int:
    """The CLI's exit code for ``exc``: by its kind, the same from every layer."""
    return EXIT_CODES[exc.kind]
