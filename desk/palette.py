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
