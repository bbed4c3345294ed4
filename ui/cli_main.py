"""The ``desk`` command's composition root: the headless CLI with the window's PDF renderer handed in.

The core cannot import Qt, so it renders PDF only with a renderer given to it. Without PySide6 the
command still works for every other format, and a PDF export says it needs the window's package.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from desk.cli import main as desk_main
from desk.report_render import Renderer


def renderers() -> dict[str, Renderer]:
    """The export formats the window's package renders; none when Qt is not installed."""
    try:
        from ui.report_pdf import render_pdf
        from ui.review.pdf import render_review_pdf
    except ImportError:  # a headless install without PySide6
        return {}
    return {"pdf": render_pdf, "review-pdf": render_review_pdf}


def main(argv: Sequence[str] | None = None) -> int:
    return desk_main(argv, renderers=renderers())


if __name__ == "__main__":
    sys.exit(main())
