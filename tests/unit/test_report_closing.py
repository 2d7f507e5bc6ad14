"""The report's closing section: both final reviews, the closing date, the ratings; none
while the pair is open. Stored text cannot reshape the report."""

from __future__ import annotations

from datetime import UTC, datetime

from mentor_tui.models.tables import FinalReview
from mentor_tui.services import reports
from mentor_tui.services.closing import close_pair, reopen_pair
from mentor_tui.services.pairs import get_pair


def _partner_review(store, pair) -> None:
    with store.write() as session:
        session.add(
            FinalReview(
                pair_id=pair.id,
                person_id=pair.partner.id,
                role="mentee",
                achieved="Parser: yes.",
                next_steps="Lead the payments review.",
                again=4,
                answered_at=datetime(2026, 11, 15, 18, 0, tzinfo=UTC),
                origin="partner",
            )
        )


def test_an_open_pair_has_no_closing_section(store, pair):
    assert "## Closing" not in reports.render(store, pair, "markdown")


def test_closing_section_has_both_reviews_the_date_and_the_ratings(store, pair):
    close_pair(
        store,
        pair.id,
        achieved="The parser shipped.",
        keep_doing="Weekly notes.",
        change="## Goals\nmore pairing",
        next_steps="Own a design review.",
        again=5,
    )
    _partner_review(store, pair)
    text = reports.render(store, get_pair(store, pair.id), "markdown")
    section = text.split("## Closing\n", 1)[1].split("\n## ", 1)[0]
    # Closed 16 Nov 09:30 UTC: the 16th in New York too.
    assert "Closed on 2026-11-16. Would do it again: Grace Hopper 5/5, Ada Lovelace 4/5." in section
    assert "### Final review: Grace Hopper (mentor)" in section
    assert "### Final review: Ada Lovelace (mentee)" in section
    for words in ("The parser shipped.", "Weekly notes.", "Own a design review."):
        assert words in section
    assert "Parser: yes." in section and "Lead the payments review." in section
    assert "**What worked**\n\n-" in section.split("Ada Lovelace (mentee)")[1]
    # A heading in an answer is demoted below the report's own.
    assert "##### Goals" in section and "\n## Goals\nmore" not in text
    assert text.count("\n## Goals\n") == 1


def test_closing_section_waits_for_the_partner_and_goes_with_reopening(store, pair):
    close_pair(store, pair.id, achieved="done")
    text = reports.render(store, get_pair(store, pair.id), "markdown")
    assert "Ada Lovelace no review yet" in text
    assert "No final review yet (it arrives with sync)." in text
    assert "Would do it again: not rated." in text
    reopen_pair(store, pair.id)
    assert "## Closing" not in reports.render(store, get_pair(store, pair.id), "markdown")
