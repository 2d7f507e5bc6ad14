"""The report's closing section (issue 11): when the mentorship closed, both final reviews
and their "would you do it again" ratings. Absent while the pair is open.

Stored text goes through report_markdown's demote/one_line, as everywhere in the report.
"""

from __future__ import annotations

from mentor_tui.dates import local
from mentor_tui.models.db import Store
from mentor_tui.models.enums import PairStatus
from mentor_tui.models.tables import FinalReview
from mentor_tui.services.pairs import PairView
from mentor_tui.services.report_markdown import demote, one_line


def _rating(review: FinalReview | None) -> str:
    if review is None:
        return "no review yet"
    return f"{review.again}/5" if review.again is not None else "not rated"


def closing_section(store: Store, pair: PairView) -> list[str]:
    """The '## Closing' lines of the report; none for a pair that is not closed."""
    from mentor_tui.services.closing import AGAIN_HEADING, HEADINGS, load_closing

    if pair.pair.status != PairStatus.CLOSED:
        return []
    closing = load_closing(store, pair.id)
    closed_at = pair.pair.closed_at
    when = local(closed_at, pair.me.timezone).date().isoformat() if closed_at else "unknown"
    sides = (
        (pair.me, closing.mine),
        (pair.partner, closing.partners),
    )
    ratings = ", ".join(f"{one_line(p.display_name)} {_rating(r)}" for p, r in sides)
    out = ["## Closing", "", f"Closed on {when}. {AGAIN_HEADING}: {ratings}.", ""]
    for person, review in sides:
        role = pair.role_of(person.id)
        name = one_line(person.display_name) + (f" ({role})" if role else "")
        out += [f"### Final review: {name}", ""]
        if review is None:
            out += ["No final review yet (it arrives with sync).", ""]
            continue
        for field, heading in HEADINGS:
            text = getattr(review, field)
            out += [f"**{heading}**", "", demote(text) if text.strip() else "-", ""]
        out += [f"{AGAIN_HEADING}: {_rating(review)}.", ""]
    return out
