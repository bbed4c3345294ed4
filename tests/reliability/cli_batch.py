"""Run several ``desk`` command lines in one process (one interpreter start for many runs).

Usage: python cli_batch.py < JSON list of argv lists; prints a JSON list of {code, out, err}. An exception
escaping ``desk.cli.main`` is reported as a traceback in ``err`` with code 99, so tests see it.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback

from desk.cli import main


def run(argv: list[str]) -> dict[str, object]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 99
    return {"code": code, "out": out.getvalue(), "err": err.getvalue()}


if __name__ == "__main__":
    runs = json.load(sys.stdin)
    json.dump([run(argv) for argv in runs], sys.__stdout__)
