"""The one severity palette: Okabe-Ito hues (colour-blind safe) by a severity's rank in its plan.

A plan orders its severities most severe first; rank 1 takes the loudest hue, and so on down. The
window's countdown bars and every report take their colours from here, so a plan with other codes
(P1/P2 instead of S1-S5) is coloured by the same rule. Colour never carries meaning alone: the code
is always printed beside it.
"""

from __future__ import annotations

# Most severe first: vermillion, orange, yellow, sky blue, bluish green, blue, reddish purple.
SEVERITY_PALETTE = ("#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#009E73", "#0072B2", "#CC79A7")
OTHER_COLOUR = "#999999"  # a severity no loaded plan ranks, or ranked past the palette


def rank_colour(rank: int | None) -> str:
    """The hue of a severity of this rank in its plan (1 is the most severe)."""
    if rank is None or not 1 <= rank <= len(SEVERITY_PALETTE):
        return OTHER_COLOUR
    return SEVERITY_PALETTE[rank - 1]


# What a review's charts colour, in the same hues (a bar's label and the table beside it carry the meaning).
OUTCOME_COLOURS = {
    "met": SEVERITY_PALETTE[4],  # bluish green
    "missed": SEVERITY_PALETTE[0],  # vermillion
    "running": SEVERITY_PALETTE[3],  # sky blue
    "no_target": OTHER_COLOUR,
    "over": SEVERITY_PALETTE[6],  # reddish purple: beyond the limit (an override)
    "at_limit": SEVERITY_PALETTE[0],
    "near": SEVERITY_PALETTE[1],  # orange
    "unused": SEVERITY_PALETTE[3],
    "ok": SEVERITY_PALETTE[4],
    "acknowledged": SEVERITY_PALETTE[4],
    "signed": SEVERITY_PALETTE[5],  # blue: signed, not yet acknowledged
    "unsigned": SEVERITY_PALETTE[0],
}


def outcome_colour(code: str) -> str:
    """The hue of a review figure (met, missed, at the limit, signed ...)."""
    return OUTCOME_COLOURS.get(code, OTHER_COLOUR)


# Light and dark: the hues above read on both; axes and text follow the page.
THEMES = {
    "light": {"text": "#111111", "axis": "#333333", "grid": "#d0d0d0", "background": "#ffffff"},
    "dark": {"text": "#eeeeee", "axis": "#bbbbbb", "grid": "#555555", "background": "#1e1e1e"},
}
