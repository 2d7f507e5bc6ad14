"""The database: one SQLite file per user, opened through a Store.

- WAL, a busy timeout and foreign keys on every connection.
- Write transactions start with BEGIN IMMEDIATE: a deferred transaction that upgrades
  from read to write fails at once with "database is locked" when another process wrote
  meanwhile, whatever the busy timeout. Taking the write lock up front makes a second
  writer (the CLI while the app is open) wait its turn instead.
- Stamps (created/updated, revision) are set here, from the store's clock, for every
  record: services never set them by hand.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session

from mentor_tui.clock import Clock, SystemClock
from mentor_tui.errors import MentorError, NotFound
from mentor_tui.models.record import Record

BUSY_TIMEOUT_MS = 10_000


class ReadOnlyRecord(MentorError):
    """An edit of a record that came from the partner's side."""


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event below decide how transactions start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


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
    table = model.__tablename__  # type: ignore[attr-defined]
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


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a parent we do not own: the file's mode still holds
        os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class Store:
    """An open database and the clock that stamps what is written to it."""

    def __init__(self, path: Path, clock: Clock | None = None, *, migrate: bool = True) -> None:
        self.path = Path(path)
        self.clock: Clock = clock or SystemClock()
        _create_private_file(self.path)
        self.engine: Engine = create_engine(
            f"sqlite:///{self.path}",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        self._write_engine = self.engine.execution_options(immediate=True)
        if migrate:
            from mentor_tui.models.migrations import migrate as run_migrations

            run_migrations(self)

    @classmethod
    def open_home(cls, home: Path, clock: Clock | None = None) -> Store:
        from mentor_tui.paths import database_path

        return cls(database_path(home), clock)

    def _session(self, bind: Engine, **info: Any) -> Session:
        session = Session(bind, expire_on_commit=False)
        session.info["clock"] = self.clock
        session.info.update(info)
        return session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (a consistent snapshot, no write lock)."""
        with self._session(self.engine) as session:
            yield session

    @contextmanager
    def write(self, *, preserve_stamps: bool = False) -> Iterator[Session]:
        """A write transaction that holds the write lock from its start; commits on exit."""
        with self._session(self._write_engine, preserve_stamps=preserve_stamps) as session:
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
