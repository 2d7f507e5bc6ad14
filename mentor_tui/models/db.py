"""The database: one SQLite file per user, opened through a Store.

- WAL (set in the file once it is known to be ours), a busy timeout and foreign keys on
  every connection.
- Write transactions start with BEGIN IMMEDIATE: a deferred transaction that upgrades
  from read to write fails at once with "database is locked" when another process wrote
  meanwhile, whatever the busy timeout. Taking the write lock up front makes a second
  writer (the CLI while the app is open) wait its turn instead.
- Stamps (created/updated, revision) are set here, from the store's clock, for every
  record: services never set them by hand.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session

from mentor_tui.clock import Clock, SystemClock
from mentor_tui.errors import MentorError, NotFound, StorageError
from mentor_tui.models.record import Record
from mentor_tui.models.storage import (
    Access,
    choose_access,
    disk_full,
    disk_nearly_full,
    sqlite_error_name,
    storage_error,
    wal_has_frames,
)

BUSY_TIMEOUT_MS = 10_000


class ReadOnlyRecord(MentorError):
    """An edit of a record that came from the partner's side."""


def _pragmas(busy_timeout_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    return on_connect


def _on_begin(connection: Any) -> None:
    if connection.get_execution_options().get("immediate"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


@event.listens_for(SASession, "before_flush")
def _stamp_records(session: SASession, _context: Any, _instances: Any) -> None:
    if session.info.get("preserve_stamps"):
        return
    clock: Clock = session.info.get("clock") or SystemClock()
    now = clock.now()
    for obj in session.new:
        if isinstance(obj, Record):
            obj.created_at = obj.created_at or now
            obj.updated_at = obj.updated_at or now
            obj.revision = obj.revision or 1
    for obj in session.dirty:
        if isinstance(obj, Record) and session.is_modified(obj, include_collections=False):
            require_local(session, obj)
            obj.updated_at = now
            obj.revision = (obj.revision or 0) + 1


def _loaded_origin(obj: Record) -> str:
    """The origin the record had when it was read: whose record it is, whatever the edit."""
    history = inspect(obj).attrs.origin.history
    return (history.deleted[0] if history.deleted else obj.origin) or ""


R = TypeVar("R", bound=Record)

# How a table is named in a message, where its name is not what people say.
_SPOKEN = {"mentoring_session": "session"}


def spoken_name(model: type[Record]) -> str:
    table = str(model.__tablename__)  # a plain name on every table here
    return _SPOKEN.get(table, table.replace("_", " "))


def get_live(session: SASession, model: type[R], record_id: str) -> R:
    """The record with this id; NotFound (one line) when it is missing or deleted."""
    found = session.get(model, record_id)
    if found is None or found.deleted:
        raise NotFound(f"no {spoken_name(model)} with id {record_id}")
    return found


def require_local(session: SASession, record: Record) -> None:
    """The partner's records are written by the partner alone (one writer per folder): an
    edit here would never be published and would silently diverge. The flush hook enforces
    this for every table; services call it first where it decides which error comes first."""
    origin = _loaded_origin(record)
    if origin:
        from mentor_tui.models.tables import Person

        author = session.get(Person, origin)
        name = author.display_name if author else "your partner"
        what = spoken_name(type(record))
        raise ReadOnlyRecord(f"this {what} comes from {name}'s side (sync) and is read-only here")


class Store:
    """An open database and the clock that stamps what is written to it.

    Storage failures leave read() and write() as one-line StorageErrors (models/storage.py).
    A file that cannot be written (a read-only home, someone else's file, a full disk) is
    opened for reading only: `read_only` then says why, and write() refuses in those words.
    """

    def __init__(
        self,
        path: Path,
        clock: Clock | None = None,
        *,
        migrate: bool = True,
        busy_timeout_ms: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.clock: Clock = clock or SystemClock()
        self.busy_timeout_ms = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        self.read_only: str | None = None  # why writes are refused here, when they are
        access = choose_access(self.path)
        self._connect(access)
        try:
            try:
                version = self.schema_version()
            except StorageError:
                # A full disk: the shared-memory file (-shm) WAL readers need cannot be
                # made. With no log to recover, the file itself is the whole database.
                full = disk_nearly_full(self.path.parent)
                if access.read_only or not full or wal_has_frames(self.path):
                    raise
                self.engine.dispose()
                self._connect(Access("immutable=1", disk_full(self.path)))
                version = self.schema_version()
            if migrate:
                from mentor_tui.models.migrations import migrate as run_migrations

                run_migrations(self, version)
            if not self.read_only:
                # Once the file is known to be ours (a file refused above is left as it
                # was). The journal mode is kept in the file: every connection then has it.
                self._outside_a_transaction("PRAGMA journal_mode = WAL")
        except BaseException:
            self.engine.dispose()  # no file left open by a store that failed to open
            raise

    def _connect(self, access: Access) -> None:
        self.read_only = access.read_only
        timeout = self.busy_timeout_ms / 1000
        options: dict[str, Any] = {}
        if access.query:  # an SQLite URI: the file's path exactly, escaped, and how to open it
            uri = f"file:{quote(str(self.path))}?{access.query}"
            options["creator"] = lambda: sqlite3.connect(
                uri, uri=True, check_same_thread=False, timeout=timeout
            )
        self.engine: Engine = create_engine(
            f"sqlite:///{self.path}",
            connect_args={"check_same_thread": False, "timeout": timeout},
            **options,
        )
        event.listen(self.engine, "connect", _pragmas(self.busy_timeout_ms))
        event.listen(self.engine, "begin", _on_begin)
        self._write_engine = self.engine.execution_options(immediate=True)

    def _outside_a_transaction(self, statement: str) -> None:
        with self._storage_errors():
            raw = self.engine.raw_connection()
            try:
                raw.driver_connection.execute(statement)  # type: ignore[union-attr]
            finally:
                raw.close()

    @classmethod
    def open_home(cls, home: Path, clock: Clock | None = None) -> Store:
        from mentor_tui.paths import database_path

        return cls(database_path(home), clock)

    def schema_version(self) -> int:
        """The file's PRAGMA user_version (0 for a new file), read without a write lock."""
        with self.connection() as conn:
            return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)

    @contextmanager
    def connection(self, *, write: bool = False) -> Iterator[Connection]:
        """A bare connection (migrations); `write` holds the write lock in a transaction."""
        if write:
            self._refuse_if_read_only()
        with self._storage_errors():
            if write:
                with self._write_engine.connect() as conn, conn.begin():
                    yield conn
            else:
                with self.engine.connect() as conn:
                    yield conn

    @contextmanager
    def _storage_errors(self) -> Iterator[None]:
        try:
            yield
        except Exception as problem:
            # SQLite's failures only: an OSError inside a unit of work is the caller's own
            # (a file it reads), and keeps its type.
            mapped = storage_error(problem, self.path) if sqlite_error_name(problem) else None
            if mapped is None:
                raise
            raise mapped from problem

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StorageError(self.read_only)

    def _session(self, bind: Engine, **info: Any) -> Session:
        session = Session(bind, expire_on_commit=False)
        session.info["clock"] = self.clock
        session.info.update(info)
        return session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (a consistent snapshot, no write lock)."""
        with self._storage_errors(), self._session(self.engine) as session:
            yield session

    @contextmanager
    def write(self, *, preserve_stamps: bool = False) -> Iterator[Session]:
        """A write transaction that holds the write lock from its start; commits on exit."""
        self._refuse_if_read_only()
        with (
            self._storage_errors(),
            self._session(self._write_engine, preserve_stamps=preserve_stamps) as session,
        ):
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def require_local(self, record: Record) -> None:
        """ReadOnlyRecord when the record is the partner's: for a screen to say so before
        it opens a form, in the words the store would use on saving."""
        with self.read() as session:
            require_local(session, record)

    def close(self) -> None:
        self.engine.dispose()
