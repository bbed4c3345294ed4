"""``make torture``: the long reliability runs, with figures.

1. Crash safety: hundreds of SIGKILLs of a writer over the desk services, spread over parallel
   databases; after every kill the database is reopened and verified (tests/reliability/crash_harness.py).
2. Hostile input: the importer fuzz tests of tests/reliability with many more hypothesis examples.
3. Coverage-guided fuzzing of the importer with atheris, when atheris is installed (optional).

Usage: python -m tests.torture [--kills 240] [--workers 4] [--seed 1] [--fuzz-examples 1000]
       [--atheris-runs 2000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tests.reliability.crash_harness import Figures, run_kills

ROOT = Path(__file__).resolve().parents[2]


def _worker(args: tuple[int, int, int, str]) -> Figures:
    index, kills, seed, base = args
    workdir = Path(base) / f"db{index}"
    workdir.mkdir()
    return run_kills(workdir, kills, seed * 1000 + index, max_delay=0.5)


def crash(kills: int, workers: int, seed: int) -> bool:
    share = [kills // workers + (1 if i < kills % workers else 0) for i in range(workers)]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="desk-torture-") as base, ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_worker, [(i, n, seed, base) for i, n in enumerate(share) if n]))
    total = Figures()
    for fig in results:
        total.kills += fig.kills
        total.acknowledged += fig.acknowledged
        total.refused += fig.refused
        total.in_flight_applied += fig.in_flight_applied
        total.in_flight_absent += fig.in_flight_absent
        total.cases += fig.cases
        total.events += fig.events
        total.backups_checked += fig.backups_checked
        total.ops.update(fig.ops)
    print(f"crash: {total.summary()} ({len(results)} databases, {time.monotonic() - started:.0f} s)")
    return total.kills == kills


def fuzz(examples: int) -> bool:
    env = dict(os.environ, DESK_FUZZ_EXAMPLES=str(examples))
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-s", "tests/reliability/test_hostile_input.py"]
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode == 0


def atheris_fuzz(runs: int) -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris: not installed (pip install atheris), skipped")
        return True
    cmd = [sys.executable, "-m", "tests.torture.atheris_import", f"-runs={runs}"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    last = [line for line in done.stderr.splitlines() if line.startswith("Done")]
    print(f"atheris: {last[-1] if last else done.stderr[-2000:]} (exit {done.returncode})")
    return done.returncode == 0


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m tests.torture")
    p.add_argument("--kills", type=int, default=240)
    p.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--fuzz-examples", type=int, default=1000)
    p.add_argument("--atheris-runs", type=int, default=2000)
    args = p.parse_args()
    ok = crash(args.kills, args.workers, args.seed)
    ok = fuzz(args.fuzz_examples) and ok
    ok = atheris_fuzz(args.atheris_runs) and ok
    print("torture: " + ("all properties held" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
