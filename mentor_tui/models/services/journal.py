"""The development journal: newest first, paged by keyset so 100,000 entries stay fast."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import or_, select

from mentor_tui.models.db import Store
from mentor_tui.models.tables import JournalEntry


def list_journal(
    store: Store,
    pair_id: str | None,
    *,
    limit: int = 50,
    before: tuple[datetime, str] | None = None,
) -> list[JournalEntry]:
    """A page of entries, newest first; pass the last (written_at, id) as `before` for more."""
    with store.read() as session:
        query = select(JournalEntry).where(JournalEntry.deleted == False)  # noqa: E712
        if pair_id is not None:
            query = query.where(JournalEntry.pair_id == pair_id)
        if before is not None:
            written_at, entry_id = before
            query = query.where(
                or_(
                    JournalEntry.written_at < written_at,
                    (JournalEntry.written_at == written_at) & (JournalEntry.id < entry_id),
                )
            )
        query = query.order_by(JournalEntry.written_at.desc(), JournalEntry.id.desc())
        return list(session.exec(query.limit(limit)).all())
