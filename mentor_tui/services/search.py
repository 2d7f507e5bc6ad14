"""Search everything: journal entries, sessions (agenda, notes, takeaways,
accomplishments, roadblocks, private notes), each member's session notes, feedback,
action items, goals and milestones, in one ranked list.

The queries live in models/search_sql.py on plain sqlite3, so the CLI's quick path can
run them without SQLAlchemy; this is the one entry point for the app and the full path.
Private text is found only here: the indexes are local and never synced.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from mentor_tui.errors import InvalidInput
from mentor_tui.models import search_sql as q
from mentor_tui.models.search_sql import (  # noqa: F401 - re-exported for screens and the CLI
    ELLIPSIS,
    KINDS,
    Hit,
    Spans,
    clip,
    has_match,
    match_expression,
)

if TYPE_CHECKING:
    from mentor_tui.models.db import Store

DEFAULT_LIMIT = 20


def check_kinds(kinds: Iterable[str] | None) -> list[str]:
    """Kinds as typed ("goal", "goals", "Action") -> KINDS names, each once."""
    chosen: list[str] = []
    for raw in kinds or ():
        for word in raw.replace(",", " ").split():
            kind = word.strip().lower()
            kind = kind if kind in q.KINDS else kind.removesuffix("s")
            if kind not in q.KINDS:
                raise InvalidInput(f"unknown kind {word!r}; choose from {', '.join(q.KINDS)}")
            chosen.append(kind)
    return list(dict.fromkeys(chosen))


def search(
    store_or_conn: Any,
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    pair_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    newest: bool = False,
    zone: str | None = None,
) -> list[Hit]:
    """Live records matching every word of `query` (the last as a prefix), best first
    (bm25) or newest first. since/until are days, inclusive, in `zone` (the viewer's by
    default). Takes a Store or a sqlite3 connection (the CLI's quick path)."""
    if limit < 1 or offset < 0:
        raise InvalidInput("the number of results must be a positive number")
    if since and until and since > until:
        raise InvalidInput(f"--since {since} is after --until {until}: nothing can match")
    chosen = check_kinds(kinds) or list(q.KINDS)
    if isinstance(store_or_conn, sqlite3.Connection):
        start, end = q.day_bounds(since, until, zone or "UTC")
        return q.search(
            store_or_conn,
            query,
            kinds=chosen,
            pair_id=pair_id,
            start=start,
            end=end,
            limit=limit,
            offset=offset,
            newest=newest,
        )
    if zone is None and (since or until):
        from mentor_tui.services.profile import get_me

        me = get_me(store_or_conn)
        zone = me.timezone if me else "UTC"
    start, end = q.day_bounds(since, until, zone or "UTC")
    with store_or_conn.read() as session:
        conn = session.connection().connection.driver_connection
        return q.search(
            conn,
            query,
            kinds=chosen,
            pair_id=pair_id,
            start=start,
            end=end,
            limit=limit,
            offset=offset,
            newest=newest,
        )


def rebuild_search_index(store: Store) -> None:
    """Refill both search indexes from their records (a repair, should they ever drift)."""
    from mentor_tui.models.search_schema import REFILL

    with store.write() as session:
        conn = session.connection()
        for statement in REFILL:
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        conn.exec_driver_sql("INSERT INTO journal_fts(journal_fts) VALUES ('rebuild')")
