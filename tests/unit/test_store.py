"""The store: private file, pragmas, stamps from the injected clock, and writers that wait
for each other instead of failing with "database is locked"."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime

import pytest
from sqlmodel import func, select

from mentor_tui.models.db import Store
from mentor_tui.models.tables import Person


def test_database_file_is_private(store):
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600


def test_every_connection_has_wal_foreign_keys_and_a_busy_timeout(store):
    with store.read() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_stamps_come_from_the_clock_and_revision_counts_changes(store, clock):
    with store.write() as session:
        person = Person(display_name="Ada", timezone="Europe/Berlin")
        session.add(person)
    assert person.created_at == clock.now() and person.revision == 1
    clock.advance(hours=1)
    with store.write() as session:
        again = session.get(Person, person.id)
        again.display_name = "Ada Lovelace"
    assert again.revision == 2
    assert again.updated_at == clock.now() and again.created_at == person.created_at


def test_naive_datetimes_are_refused(store):
    from mentor_tui.models.types import to_utc_text

    with pytest.raises(ValueError, match="naive"):
        to_utc_text(datetime(2026, 1, 1))


WRITER = """
import sys
from mentor_tui.models.db import Store
from mentor_tui.models.tables import Person
store = Store(sys.argv[1])
for n in range(int(sys.argv[2])):
    with store.write() as session:
        session.add(Person(display_name=f"{sys.argv[3]}-{n}"))
"""


def test_processes_writing_at_once_never_see_database_is_locked(store, tmp_path):
    """The CLI adding while the app is open: several processes and an in-process writer
    that holds the write lock for a while all finish, and every row arrives."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), str(store.path), "60", f"p{n}"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]

    def hold_the_lock() -> None:
        with store.write() as session:
            session.add(Person(display_name="slow"))
            time.sleep(1.5)  # a long transaction in the "app"

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    for _ in range(60):
        with store.write() as session:
            session.add(Person(display_name="in-process"))
    holder.join()
    errors = [w.communicate(timeout=120)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0], errors
    with store.read() as session:
        assert session.exec(select(func.count()).select_from(Person)).one() == 3 * 60 + 61


def test_a_reader_is_not_blocked_by_a_writer(store):
    with store.write() as session:
        session.add(Person(display_name="first"))
        other = Store(store.path, store.clock, migrate=False)
        with other.read() as reader:  # WAL: readers see the last commit, without waiting
            assert reader.exec(select(func.count()).select_from(Person)).one() == 0
        other.close()


def test_records_from_the_partner_are_read_only_except_to_sync(store):
    from mentor_tui.models.db import ReadOnlyRecord

    with store.write() as session:
        theirs = Person(display_name="Ada", origin="member-ada")
        session.add(theirs)
    with (
        pytest.raises(ReadOnlyRecord, match="person comes from your partner's side"),
        store.write() as session,
    ):
        session.get(Person, theirs.id).display_name = "changed here"
    with store.write(preserve_stamps=True) as session:  # what sync does with their update
        session.get(Person, theirs.id).display_name = "Ada Lovelace"
    with store.read() as session:
        assert session.get(Person, theirs.id).display_name == "Ada Lovelace"
