"""Build hook: the wheel carries the support plans and the compiled translations inside the ``desk`` package.

``resources/`` stays at the top of the source tree (catalogs and ``.ts`` translation sources are edited
there); building copies the catalogs to ``desk/resources/catalog`` and compiles each ``.ts`` to a ``.qm``
in ``desk/resources/translations`` with PySide6's lrelease, so nothing is compiled when the desk runs.
Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class build_py_with_resources(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "desk" / "resources"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ROOT / "resources" / "catalog", target / "catalog")
        (target / "translations").mkdir(parents=True)
        for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
            qm = target / "translations" / (ts.stem + ".qm")
            lrelease = "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())"
            subprocess.run([sys.executable, "-c", lrelease, str(ts), "-qm", str(qm)], check=True)


setup(cmdclass={"build_py": build_py_with_resources})
