"""Has anyone else written to the database? A cheap question the open app asks each second.

SQLite's `PRAGMA data_version` changes, for the connection that asks, whenever ANOTHER
connection commits (the CLI, a sync in another process). It reads only the shared-memory
header: no table, no lock wait (busy timeout 0: a busy file just means "ask next time").

The app's own writes go through the Store's pooled connections, which are "other"
connections too. The watcher follows the Store's engine and takes those in on the spot:
when a write transaction starts (the write lock is then held, so nobody else can commit
until it ends) it notes any outside change seen so far, and when the connection comes
back to the pool it takes the new version as its own. A screen that just saved a form
therefore does not reload a second time a second later.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    # Only `follow` needs the storage stack: the app watches from its light start on,
    # before (and often without) opening the Store.
    from mentor_tui.models.db import Store

_OWN_WRITE = "mentor_data_version_own_write"


class DataVersion:
    """Tells whether another connection committed since the last question."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()  # the writers' threads and the UI thread share it
        self._conn: sqlite3.Connection | None = None
        # Unopenable: no watching; the app still refreshes when a screen is shown again.
        with contextlib.suppress(sqlite3.Error):
            self._conn = sqlite3.connect(
                f"file:{quote(str(path))}?mode=ro",
                uri=True,
                timeout=0,
                isolation_level=None,
                check_same_thread=False,
            )
        self._seen = self._read()
        self._outside = False  # an outside change noticed while taking in our own
        self._followed: tuple[Store, Any, Any] | None = None

    def _read(self) -> int | None:
        if self._conn is None:
            return None
        try:
            row = self._conn.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            return None  # busy or gone for a moment: the next question will tell
        return int(row[0]) if row else None

    def changed(self) -> bool:
        """True once for every batch of outside commits since the last call."""
        with self._lock:
            version = self._read()
            outside = self._outside or (version is not None and version != self._seen)
            if version is not None:
                self._seen = version
            self._outside = False
            return outside

    def _own_write_begins(self) -> None:
        with self._lock:
            version = self._read()
            if version is not None and version != self._seen:
                self._outside, self._seen = True, version

    def _own_write_ended(self) -> None:
        with self._lock:
            version = self._read()
            if version is not None:
                self._seen = version

    def follow(self, store: Store) -> None:
        """Take the store's own commits in as they happen (see the module's docstring)."""
        from sqlalchemy import event

        def begun(connection: Any) -> None:
            if connection.get_execution_options().get("immediate"):
                connection.info[_OWN_WRITE] = True
                self._own_write_begins()

        def returned(_dbapi_connection: Any, record: Any) -> None:
            if record.info.pop(_OWN_WRITE, False):
                self._own_write_ended()

        event.listen(store.engine, "begin", begun)
        event.listen(store.engine, "checkin", returned)
        self._followed = (store, begun, returned)

    def close(self) -> None:
        if self._followed is not None:
            from sqlalchemy import event

            store, begun, returned = self._followed
            event.remove(store.engine, "begin", begun)
            event.remove(store.engine, "checkin", returned)
            self._followed = None
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
