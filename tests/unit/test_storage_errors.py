"""Storage failures are one-line StorageErrors from the Store itself (for the CLI and the
app alike), and reading still works where writing cannot: a read-only disk, a full one.

Read-only and full disks are real: a tmpfs in a private mount namespace (tests/mounts.py);
those tests skip, saying why, where mounting is not allowed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import func, select

from mentor_tui.errors import MentorError, StorageError
from mentor_tui.models.db import BUSY_TIMEOUT_MS, Store
from mentor_tui.models.migrations import LATEST_VERSION
from mentor_tui.models.storage import BUSY
from mentor_tui.models.tables import Person
from mentor_tui.paths import database_path
from tests.mounts import run_steps


def one_line(problem: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(problem.value)
    assert "\n" not in message and message, message
    assert isinstance(problem.value, MentorError)  # what the forms and the CLI catch
    return message


def test_the_busy_timeout_is_ten_seconds_unless_the_store_is_told_otherwise(store, tmp_path):
    assert BUSY_TIMEOUT_MS == 10_000 and store.busy_timeout_ms == 10_000
    quick = Store(store.path, store.clock, busy_timeout_ms=250)
    with quick.read() as session:
        assert session.connection().exec_driver_sql("PRAGMA busy_timeout").scalar() == 250
    quick.close()


def test_a_write_lock_held_past_the_timeout_is_one_line(store):
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program, writing
    impatient = Store(store.path, store.clock, busy_timeout_ms=20)
    try:
        with pytest.raises(StorageError) as caught, impatient.write() as session:
            session.add(Person(display_name="SECRET-NAME"))
        assert (
            one_line(caught)
            == BUSY
            == ("the database is busy: another program is writing to it (try again)")
        )
        with impatient.read() as session:  # reading goes on meanwhile (WAL)
            assert session.exec(select(func.count()).select_from(Person)).one() == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.close()


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(home, clock):
    path = database_path(home)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"my notes, not a database\n" * 200)
    with pytest.raises(StorageError) as caught:
        Store.open_home(home, clock)
    assert one_line(caught) == f"{path} is not a mentor-tui database (not SQLite)"
    assert path.read_bytes() == b"my notes, not a database\n" * 200


def test_another_programs_sqlite_file_gets_none_of_our_tables(home, clock):
    path = database_path(home)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE bookmarks (url TEXT)")
    before = path.read_bytes()
    with pytest.raises(StorageError) as caught:
        Store.open_home(home, clock)
    assert one_line(caught) == (
        f"{path} is not a mentor-tui database (it holds another program's tables)"
    )
    assert path.read_bytes() == before, "not even switched to WAL"


def test_a_database_from_a_newer_release_is_one_line_and_untouched(home, clock):
    path = database_path(home)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StorageError) as caught:
        Store.open_home(home, clock)
    assert "written by a newer mentor-tui" in one_line(caught)
    assert path.read_bytes() == before


def test_a_current_database_opens_without_taking_the_write_lock(store):
    """Opening reads the schema version only: it does not queue behind a writer."""
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        Store(store.path, store.clock, busy_timeout_ms=0).close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# ---- real read-only and full disks ------------------------------------------------------

SET_UP = [
    ["mentor", "init", "--name", "Ada Lovelace", "--timezone", "UTC"],
    ["mentor", "journal", "add", "first thought"],
]

# Run in a fresh interpreter inside the namespace; argv[1] is the home.
STORE_CHECK = """
import json, sys
from pathlib import Path
from sqlmodel import func, select
from mentor_tui.errors import StorageError
from mentor_tui.models.db import Store
from mentor_tui.models.tables import JournalEntry, Person
store = Store.open_home(Path(sys.argv[1]))
with store.read() as session:
    count = session.exec(select(func.count()).select_from(JournalEntry)).one()
    me = session.exec(select(Person.id).where(Person.is_me)).one()
try:
    with store.write() as session:
        session.add(JournalEntry(author_id=me, title="SECRET-TITLE", body="b"))
    error = None
except StorageError as problem:
    error = str(problem)
print(json.dumps({"read_only": store.read_only, "count": count, "error": error}))
"""


def test_a_read_only_disk_is_read_and_writes_fail_in_one_line(tmp_path):
    mount = tmp_path / "disk"
    results = run_steps(mount, [["mount", "1m"], *SET_UP, ["read-only"], ["python", STORE_CHECK]])
    assert all(r["code"] == 0 for r in results), results
    found = json.loads(results[-1]["stdout"])
    path = mount / "home" / "mentor.db"
    assert found == {
        "read_only": f"the database is read-only: {path}",
        "count": 1,
        "error": f"the database is read-only: {path}",
    }


CRASH = """
import os, sqlite3, sys
con = sqlite3.connect(os.path.join(sys.argv[1], "mentor.db"), isolation_level=None)
con.execute("PRAGMA wal_autocheckpoint = 0")
con.execute("UPDATE journal_entry SET title = 'after the crash'")
os._exit(0)  # killed: the change is in the -wal file only
"""
TITLES = """
import json, sys
from pathlib import Path
from mentor_tui.models.db import Store
from mentor_tui.services.exchange import export_data
rows = export_data(Store.open_home(Path(sys.argv[1])))["tables"]["journal_entry"]
print(json.dumps([row["title"] for row in rows]))
"""


def test_a_crash_log_on_a_read_only_disk_is_read_with_its_shared_memory(tmp_path):
    results = run_steps(
        tmp_path / "disk",
        [["mount", "1m"], *SET_UP, ["python", CRASH], ["read-only"], ["python", TITLES]],
    )
    assert results[-1]["code"] == 0, results[-1]
    assert json.loads(results[-1]["stdout"]) == ["after the crash"]


def test_a_crash_log_that_cannot_be_recovered_is_one_line(tmp_path):
    """Without its -shm, a log with changes needs writing to recover: refused, not misread."""
    drop_shm = "import os, sys; os.unlink(os.path.join(sys.argv[1], 'mentor.db-shm'))"
    results = run_steps(
        tmp_path / "disk",
        [
            ["mount", "1m"],
            *SET_UP,
            ["python", CRASH],
            ["python", drop_shm],
            ["read-only"],
            ["python", TITLES],
        ],
    )
    assert results[-1]["code"] == 1
    last = results[-1]["stderr"].strip().splitlines()[-1]
    assert last.startswith("mentor_tui.errors.StorageError: ") and last.endswith(
        "cannot be read in a read-only folder: its -wal file holds changes not yet written "
        "into it (open it once where it can be written)"
    )


FULL_WHILE_OPEN = """
import json, os, sys
from pathlib import Path
from mentor_tui.errors import StorageError
from mentor_tui.models.db import Store
from mentor_tui.models.tables import Person
store = Store.open_home(Path(sys.argv[1]))
with store.read():
    pass  # the shared memory beside the file is made while there is room
fd = os.open(os.path.join(os.path.dirname(sys.argv[1]), "filler"), os.O_CREAT | os.O_WRONLY)
for size in (1 << 16, 1 << 10, 1):
    try:
        while True:
            os.write(fd, b"x" * size)
    except OSError:
        pass
try:
    with store.write() as session:
        session.add(Person(display_name="SECRET-NAME " * 50_000))
    print(json.dumps(None))
except StorageError as problem:
    print(json.dumps(str(problem)))
"""


def test_a_disk_that_fills_up_while_open_is_one_line(tmp_path):
    mount = tmp_path / "disk"
    results = run_steps(mount, [["mount", "1m"], *SET_UP, ["python", FULL_WHILE_OPEN]])
    assert results[-1]["code"] == 0, results[-1]
    path = mount / "home" / "mentor.db"
    assert json.loads(results[-1]["stdout"]) == (
        f"the disk is full: {path} cannot be written (free some space and try again)"
    )


def test_a_full_disk_is_read_and_writes_fail_in_one_line(tmp_path):
    mount = tmp_path / "disk"
    results = run_steps(mount, [["mount", "1m"], *SET_UP, ["fill"], ["python", STORE_CHECK]])
    assert results[-1]["code"] == 0, results[-1]
    full = (
        f"the disk is full: {mount / 'home' / 'mentor.db'} cannot be written "
        "(free some space and try again)"
    )
    assert json.loads(results[-1]["stdout"]) == {"read_only": full, "count": 1, "error": full}


def test_storage_errors_leave_other_database_errors_alone(store):
    """A mistake in a query is not the storage's: it keeps its own type."""
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError), store.read() as session:
        session.connection().exec_driver_sql("SELECT nothing FROM nowhere")


def test_reading_and_writing_work_as_before(store):
    with store.write() as session:
        session.add(Person(display_name="Ada"))
    assert store.read_only is None
    with store.read() as session:
        assert session.exec(select(func.count()).select_from(Person)).one() == 1


def test_an_old_schema_on_a_read_only_disk_is_one_line(tmp_path):
    fixture = Path(__file__).parent.parent / "fixtures" / "schema_v1_with_data.sql"
    make_v1 = f"""
import os, sqlite3, sys
os.makedirs(sys.argv[1])
with sqlite3.connect(os.path.join(sys.argv[1], "mentor.db")) as con:
    con.executescript(open({str(fixture)!r}, encoding="utf-8").read())
    con.execute("PRAGMA user_version = 1")
"""
    results = run_steps(
        tmp_path / "disk",
        [["mount", "1m"], ["python", make_v1], ["read-only"], ["mentor", "journal", "list"]],
    )
    path = tmp_path / "disk" / "home" / "mentor.db"
    assert (results[-1]["code"], results[-1]["stderr"]) == (
        1,
        f"mentor: the database is read-only: {path} (this release must upgrade it first: "
        "open it once where it can be written)\n",
    )


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("SQLITE_BUSY", BUSY),
        ("SQLITE_BUSY_SNAPSHOT", BUSY),
        ("SQLITE_LOCKED", BUSY),
        ("SQLITE_READONLY", "the database is read-only: /h/mentor.db"),
        ("SQLITE_READONLY_DIRECTORY", "the database is read-only: /h/mentor.db"),
        ("SQLITE_IOERR_READ", "the disk could not read or write /h/mentor.db (I/O error)"),
        ("SQLITE_NOTADB", "/h/mentor.db is not a mentor-tui database (not SQLite)"),
        ("SQLITE_CORRUPT", "/h/mentor.db is damaged (SQLite finds it malformed); restore"),
        ("SQLITE_CANTOPEN", "/h/mentor.db cannot be opened (its folder is missing or"),
        ("SQLITE_ERROR", None),  # a mistake in a query: not the storage's
        ("SQLITE_CONSTRAINT_FOREIGNKEY", None),
    ],
)
def test_sqlite_failures_in_words(code, words, monkeypatch):
    from mentor_tui.models import storage

    monkeypatch.setattr(storage, "disk_nearly_full", lambda folder: False)
    error = sqlite3.OperationalError("SQL: SELECT secret FROM t WHERE x = 'SECRET'")
    error.sqlite_errorname = code
    found = storage.storage_error(error, Path("/h/mentor.db"))
    if words is None:
        assert found is None
    else:
        assert str(found).startswith(words) and "SECRET" not in str(found)
