"""A closed mentorship is read-only: the one rule, checked where every write passes.

Every service writes through `Store.write()`, and every record that belongs to a pair
carries its `pair_id`; so instead of a check in each of forty write functions, a
`before_flush` listener looks at what is about to be written and refuses a new, changed
or deleted record of a closed pair, in one line. What stays writable: the pair's own
status (closing, reopening) and the final reviews themselves (the partner may close on
their own machine first). Writes that keep their stamps (sync's import of the partner's
published records, restoring an export) are not the user's edits and pass.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session as SASession
from sqlmodel import col

from mentor_tui.errors import MentorError
from mentor_tui.models.enums import PairStatus
from mentor_tui.models.tables import FinalReview, Pair, Person

REOPEN = "mentor pair reopen"
# A pair's columns that reopening (or closing) changes; any other change is a charter edit.
_STATUS_COLUMNS = frozenset({"status", "closed_at", "updated_at", "revision"})


class PairClosed(MentorError):
    """A write to a mentorship that was closed."""


def closed_line(session: Any, pair: Pair) -> str:
    """The one line that refuses a write: whose mentorship, closed when, how to reopen."""
    me = session.execute(select(Person).where(col(Person.is_me) == True)).scalars().first()  # noqa: E712
    partner_id = pair.mentee_id if me is not None and me.id == pair.mentor_id else pair.mentor_id
    partner = session.get(Person, partner_id)
    name = partner.display_name if partner is not None else "your partner"
    when = f" ({pair.closed_at.date().isoformat()})" if pair.closed_at else ""
    return f"the mentorship with {name} is closed{when}; reopen it with `{REOPEN}`"


def _was_closed(pair: Pair) -> bool:
    """The pair's status as read from the database, before this unit of work changed it."""
    history = inspect(pair).attrs.status.history
    before = history.deleted[0] if history.deleted else pair.status
    return bool(before == PairStatus.CLOSED)


def _charter_edited(pair: Pair) -> bool:
    state = inspect(pair)
    return any(
        attr.history.has_changes() for attr in state.attrs if attr.key not in _STATUS_COLUMNS
    )


def _pair_ids(obj: object) -> set[str]:
    """The pairs a record belongs to, before and after this change (moving an entry out
    of a closed pair writes to it too)."""
    if not hasattr(obj, "pair_id"):
        return set()
    ids = {obj.pair_id}
    history = inspect(obj).attrs.pair_id.history
    ids.update(history.deleted or ())
    return {pair_id for pair_id in ids if pair_id}


@event.listens_for(SASession, "before_flush")
def _refuse_writes_to_closed_pairs(session: SASession, _context: Any, _instances: Any) -> None:
    if session.info.get("preserve_stamps"):
        return
    # session.new and .dirty build a new set on each access: read each once (a bulk import
    # flushes 100,000 rows at a time).
    new = list(session.new)
    changed = [
        *new,
        *(obj for obj in session.dirty if session.is_modified(obj, include_collections=False)),
        *session.deleted,
    ]
    pairs: dict[str, Pair | None] = {}
    new_pairs = {id(obj) for obj in new if isinstance(obj, Pair)}
    with session.no_autoflush:
        for obj in changed:
            if isinstance(obj, Pair):
                if id(obj) not in new_pairs and _was_closed(obj) and _charter_edited(obj):
                    raise PairClosed(closed_line(session, obj))
                continue
            if isinstance(obj, FinalReview):
                continue
            for pair_id in _pair_ids(obj):
                if pair_id not in pairs:
                    pairs[pair_id] = session.get(Pair, pair_id)
                pair = pairs[pair_id]
                if pair is not None and pair.status == PairStatus.CLOSED:
                    raise PairClosed(closed_line(session, pair))
