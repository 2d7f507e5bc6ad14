"""The bounds every stored value keeps, whoever typed it: the same limits local input has
(a title of 500 characters, free text of a million), times and dates within range, text
that is valid Unicode (no lone surrogates, which SQLite cannot store as UTF-8), a real
time zone, scores from 1 to 5. Sync (a partner's record) and `mentor import` (a file)
check each value here before anything is written, so what they bring in is what a form
would have accepted."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from mentor_tui.errors import InvalidInput, MentorError
from mentor_tui.models.limits import TEMPLATE_LIMIT
from mentor_tui.services.text import TEXT_LIMIT, TITLE_LIMIT

EARLIEST = date(1900, 1, 1)  # a mentorship record outside these years is a mistake, and
LATEST = date(2999, 12, 31)  # any time zone's offset keeps it inside what datetime holds
EARLIEST_TIME = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_TIME = datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)

# (table, column): what local input limits to a title's length
TITLES = {
    ("goal", "title"),
    ("milestone", "title"),
    ("action_item", "title"),
    ("journal_entry", "title"),
    ("person", "display_name"),
}
ZONES = {("person", "timezone"), ("mentoring_session", "timezone")}
ONE_TO_FIVE = {("assessment", "score"), ("check_in", "last_goal_rating")}
# A shared template: the bound of a template file, a known kind, a name that is a file name.
TEMPLATE_BODY = ("shared_template", "body")
TEMPLATE_REF = {("shared_template", "kind"), ("shared_template", "name")}


def _template_ref(column: str, value: str) -> str:
    from mentor_tui.services.templates import check_name, check_template_kind

    try:
        checked = check_template_kind(value) if column == "kind" else check_name(value)
    except MentorError:
        checked = None
    return "" if checked == value else f"is not a template {column}"


def _text(table: str, column: str, value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode (a lone surrogate)"
    if (table, column) in TEMPLATE_REF:
        return _template_ref(column, value)
    limit = TITLE_LIMIT if (table, column) in TITLES else TEXT_LIMIT
    if (table, column) == TEMPLATE_BODY:
        limit = TEMPLATE_LIMIT
    if len(value) > limit:
        return f"is {len(value):,} characters long (at most {limit:,})"
    if (table, column) in ZONES:
        from mentor_tui.dates import check_timezone

        try:
            check_timezone(value)
        except MentorError:
            return "is not a known time zone"
    return ""


def problem(table: str, column: str, value: Any) -> str:
    """Why a (parsed) column value is out of bounds, or "" when it is within them."""
    if isinstance(value, str):
        return _text(table, column, value)
    if isinstance(value, datetime):
        if not EARLIEST_TIME <= value <= LATEST_TIME:
            return f"is a time outside {EARLIEST.year}-{LATEST.year}"
    elif isinstance(value, date) and not EARLIEST <= value <= LATEST:
        return f"is a date outside {EARLIEST.year}-{LATEST.year}"
    elif (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (table, column) in ONE_TO_FIVE
        and not 1 <= value <= 5
    ):
        return "is not a whole number from 1 to 5"
    return ""


def check_row(table: str, values: Mapping[str, Any], what: str) -> None:
    """InvalidInput naming `what` and the first value out of bounds (e.g. an import's row)."""
    for column, value in values.items():
        reason = problem(table, column, value)
        if reason:
            raise InvalidInput(f"{what}: {column} {reason}")
