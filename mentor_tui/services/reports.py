"""Per-pair reports: Markdown to bring to a performance review (services/report_markdown),
iCalendar for sessions (services/calendar).

Neither ever contains private session notes or journal entries that were not shared,
nor a raw escape code: both are printed to terminals (`mentor export`), so the stored
text in them goes through services/text.visible.
"""

from __future__ import annotations

from datetime import date

from mentor_tui.errors import InvalidInput
from mentor_tui.models.db import Store
from mentor_tui.services.calendar import ics_calendar
from mentor_tui.services.pairs import PairView
from mentor_tui.services.report_markdown import Period
from mentor_tui.services.report_markdown import markdown_report as _markdown

FORMATS = ("markdown", "ics")

__all__ = ["FORMATS", "ics_calendar", "markdown_report", "render"]


def markdown_report(
    store: Store, pair: PairView, *, since: date | None = None, until: date | None = None
) -> str:
    if since and until and since > until:
        raise InvalidInput(f"--since {since} is after --until {until}")
    return _markdown(store, pair, Period(since, until, pair.me.timezone))


def render(
    store: Store,
    pair: PairView,
    format: str,
    *,
    since: date | None = None,
    until: date | None = None,
) -> str:
    """The report in `format`; since/until (days, both included) limit the Markdown's period."""
    if format == "markdown":
        return markdown_report(store, pair, since=since, until=until)
    if format == "ics":
        return ics_calendar(store, pair)
    raise InvalidInput(f"unknown report format {format!r}; choose one of: {', '.join(FORMATS)}")
