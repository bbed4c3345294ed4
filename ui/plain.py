"""User text in places where Qt guesses rich text (tooltips): escaped, so it always shows as typed."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` literally; wrapped in a paragraph so Qt also wraps long lines."""
    if not text:
        return ""
    body = html.escape(text).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def one_line(text: str) -> str:
    """Multi-line text for a single-line cell (the tooltip keeps the line breaks)."""
    return " ↵ ".join(part for part in text.splitlines() if part.strip()) if "\n" in text else text
