"""The Journal's rows as Rich text: pure functions of a hit, the column widths and the
viewer's zone, so a worker renders them off the UI thread (screens/journal.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text

from mentor_tui.dates import local
from mentor_tui.services.text import visible

if TYPE_CHECKING:
    # Services import the storage stack: off the first frame (the app opens it in a worker).
    from mentor_tui.models.journal_sql import Spans
    from mentor_tui.services.journal_hits import JournalHit as Hit

MATCH_STYLE = "bold black on yellow"
_WORD = re.compile(r"\S+")
Row = tuple[str, list[Text]]
Widths = tuple[int, int, int, int]  # Written, Entry, Tags, Sharing


def spans_text(spans: Spans, limit: int, style: str = "") -> Text:
    """The spans on one line of at most `limit` cells. Text past the limit is never
    added: measuring a long text for its cut is the costliest step of a row (a keystroke
    lays out a page of them); 2 * limit + 2 characters still overflow `limit` cells
    unless most of them are zero-width, so the cut is the same as on the whole text."""
    text, room = Text(style=style), 2 * limit + 2
    for part, matched in spans:
        shown = visible(part, one_line=True)[:room]
        text.append(shown, style=MATCH_STYLE if matched else "")
        room -= len(shown)
        if room <= 0:
            break
    text.truncate(limit, overflow="ellipsis")
    return text


def first_words(text: str, limit: int) -> str:
    """`" ".join(text.split())` as far as its first `limit` characters: a row never splits
    a whole body (up to 100,000 characters) to show a few words of it."""
    words, length = [], -1
    for match in _WORD.finditer(text):
        words.append(match.group())
        length += len(words[-1]) + 1
        if length >= limit:
            break
    return " ".join(words)


def entry_cell(hit: Hit, limit: int = 70) -> Text:
    entry = hit.entry
    if entry.title:
        cell = spans_text(hit.title, limit)
    else:
        cell = Text(visible(first_words(entry.body, limit))[:limit], style="italic")
    room = limit - cell.cell_len - 2
    if hit.snippet and room >= 16:  # a few words of context, or none
        cell.append("  ")
        cell.append_text(spans_text(hit.snippet, room, style="dim"))
    cell.truncate(limit, overflow="ellipsis")
    return cell


def render_row(hit: Hit, widths: Widths, zone: str) -> Row:
    """The row of the Journal's table for a hit: its key and its four cells."""
    entry = hit.entry
    written, width, tags, _ = widths
    return entry.id, [
        Text(
            local(entry.written_at, zone).strftime(
                "%d %b %H:%M" if written < 20 else "%a %d %b %Y %H:%M"
            ),
            style="dim",
        ),
        entry_cell(hit, width),
        Text(visible(" ".join(f"@{t}" for t in entry.tags.split()))[:tags], style="cyan"),
        Text("shared", style="bold green") if entry.shared else Text("private", style="dim"),
    ]
