"""The JSON export and import: faithful, deterministic, and safe to run twice."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from mentor_tui.clock import FrozenClock
from mentor_tui.demo.builder import demo_id
from mentor_tui.errors import InvalidInput
from mentor_tui.models.db import Store
from mentor_tui.models.tables import ALL_TABLES, Goal, JournalEntry, Person
from mentor_tui.services.exchange import FORMAT_NAME, export_data, import_data
from mentor_tui.services.profile import get_me, set_up_profile


def dumps(data) -> str:
    # exactly what `mentor export --format json` prints
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.fixture
def other(tmp_path, clock):
    """A second, empty home."""
    opened = Store.open_home(tmp_path / "other", FrozenClock(clock.now()))
    yield opened
    opened.close()


def count_rows(store) -> int:
    return sum(len(rows) for rows in export_data(store)["tables"].values())


def test_shape_covers_every_table_sorted_by_id(demo_store, tmp_path):
    from mentor_tui.services.closing import close_pair
    from mentor_tui.services.pairs import find_pair
    from mentor_tui.services.shared_templates import share_template
    from mentor_tui.services.templates import write_template

    # The demo's mentorships are under way: one closed with a final review fills the last
    # tables, after a template of mine is shared with Ada.
    ada = find_pair(demo_store, "Ada").id
    write_template(tmp_path, "prompts", "mine", "- a question\n")
    share_template(demo_store, tmp_path, ada, "prompts/mine")
    close_pair(demo_store, ada, achieved="the parser shipped")
    data = export_data(demo_store)
    assert (data["format"], data["version"]) == (FORMAT_NAME, 1)
    assert set(data) == {"format", "version", "tables"}  # no export time: deterministic
    assert list(data["tables"]) == [model.__tablename__ for model in ALL_TABLES]
    for name, rows in data["tables"].items():
        assert rows, name
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    goal = next(r for r in data["tables"]["goal"] if r["status"] == "approved")
    assert goal["approved_at"].endswith("Z") and len(goal["due_on"]) == 10
    assert set(goal) == {c.name for c in Goal.__table__.columns}


def test_round_trip_is_byte_identical(demo_store, other):
    text = dumps(export_data(demo_store))
    result = import_data(other, json.loads(text))
    assert (result.added, result.updated, result.unchanged) == (count_rows(demo_store), 0, 0)
    assert dumps(export_data(other)) == text
    assert get_me(other).display_name == "Grace Hopper"


def test_importing_twice_adds_nothing(demo_store, other):
    data = export_data(demo_store)
    import_data(other, data)
    again = import_data(other, data)
    assert (again.added, again.updated, again.unchanged) == (0, 0, count_rows(demo_store))
    assert str(again) == f"0 added, 0 updated, {count_rows(demo_store)} unchanged"
    # into the home it came from, too
    assert import_data(demo_store, data).added == 0


def test_a_higher_revision_wins_and_a_lower_one_is_kept_out(demo_store):
    data = export_data(demo_store)
    goal_id = demo_id("goal", "talk")
    newer = copy.deepcopy(data)
    row = next(r for r in newer["tables"]["goal"] if r["id"] == goal_id)
    row["title"], row["revision"] = "Give a talk at a conference in 2027", row["revision"] + 1
    result = import_data(demo_store, newer)
    assert (result.added, result.updated) == (0, 1)
    with demo_store.read() as session:
        stored = session.get(Goal, goal_id)
    assert stored.title == "Give a talk at a conference in 2027"
    assert stored.revision == row["revision"]
    assert stored.updated_at == datetime.fromisoformat(row["updated_at"])  # stamps as given
    older = copy.deepcopy(data)  # the original file: its revision is now lower than ours
    result = import_data(demo_store, older)
    assert (result.updated, result.skipped_older) == (0, 1)
    assert "1 kept (this home's copy is newer)" in str(result)
    with demo_store.read() as session:
        assert session.get(Goal, goal_id).title == "Give a talk at a conference in 2027"


def test_a_different_me_in_the_file_comes_in_as_a_partner(demo_store, other):
    set_up_profile(other, "Katherine Johnson", "America/Chicago")
    result = import_data(other, export_data(demo_store))
    assert "Grace Hopper imported as a partner, not as you" in str(result)
    assert get_me(other).display_name == "Katherine Johnson"
    with other.read() as session:
        assert len(session.exec(select(Person).where(Person.is_me)).all()) == 1


def test_import_never_changes_who_i_am(demo_store):
    data = export_data(demo_store)
    grace = next(r for r in data["tables"]["person"] if r["is_me"])
    grace["is_me"], grace["revision"], grace["email"] = False, 9, "grace@navy.example"
    assert import_data(demo_store, data).updated == 1
    me = get_me(demo_store)
    assert (me.id, me.email) == (grace["id"], "grace@navy.example")


def test_hostile_and_long_text_round_trips_faithfully(store, me, pair, other):
    texts = {
        "title": "[bold]x[/bold] [link=http://x]y[/]",
        "body": "\x1b[31mred\x1b[0m \x07 \u202e reversed \x00 nul \r\n" + "é" * 10_000,
        "tags": "[red]tag[/red]",
        "prompt": "x" * 10_000,
    }
    with store.write() as session:
        session.add(
            JournalEntry(
                pair_id=pair.id, author_id=me.id, written_at=store.clock.now(), shared=True, **texts
            )
        )
    text = dumps(export_data(store))
    import_data(other, json.loads(text))
    assert dumps(export_data(other)) == text
    with other.read() as session:
        entry = session.exec(select(JournalEntry)).one()
    for name, value in texts.items():
        assert getattr(entry, name) == value


def test_soft_deleted_rows_travel_too(demo_store, other):
    with demo_store.write() as session:
        session.get(Goal, demo_id("goal", "talk")).deleted = True
    import_data(other, export_data(demo_store))
    with other.read() as session:
        assert session.get(Goal, demo_id("goal", "talk")).deleted is True


def test_unknown_columns_ignored_and_missing_ones_defaulted(store, other):
    data = {
        "format": FORMAT_NAME,
        "version": 1,
        "future_key": 1,
        "tables": {
            "person": [{"id": "p1", "display_name": "Ada Lovelace", "colour": "teal"}],
            "some_future_table": [{"id": "x"}],
        },
    }
    result = import_data(other, data)
    assert result.added == 1
    with other.read() as session:
        person = session.get(Person, "p1")
    assert (person.timezone, person.email, person.is_me, person.revision) == ("UTC", "", False, 1)
    assert person.created_at == other.clock.now()


def header(**tables) -> dict:
    return {"format": FORMAT_NAME, "version": 1, "tables": tables}


PERSON = {"id": "p1", "display_name": "Ada"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a mentor-tui JSON export"),
        ({"format": "jrnl", "version": 1, "tables": {}}, "not a mentor-tui JSON export"),
        ({"format": FORMAT_NAME, "version": 2, "tables": {}}, "newer mentor-tui .*version 2"),
        ({"format": FORMAT_NAME, "version": "1", "tables": {}}, "not a version number"),
        ({"format": FORMAT_NAME, "version": 1}, 'no "tables"'),
        (header(person={"id": "p1"}), "table person .* not a list"),
        (header(person=[{"display_name": "Ada"}]), "row 1 of table person has no id"),
        (header(person=["Ada"]), "row 1 of table person is not an object"),
        (header(person=[{"id": "p1"}]), "person p1 has no display_name"),
        (header(person=[PERSON, PERSON]), "table person lists p1 twice"),
        (
            header(person=[{**PERSON, "is_me": "yes"}]),
            "person p1: is_me 'yes' is not true or false",
        ),
        (header(person=[{**PERSON, "revision": 1.5}]), "revision 1.5 is not a whole number"),
        (header(person=[{**PERSON, "display_name": None}]), "display_name is empty"),
        (header(person=[{**PERSON, "created_at": "yesterday"}]), "'yesterday' is not a UTC time"),
        (header(person=[{**PERSON, "created_at": "2026-11-16T09:30:00"}]), "is not a UTC time"),
        (
            header(
                person=[PERSON],
                pair=[{"id": "q", "mentor_id": "p1", "mentee_id": "p1", "starts_on": "16/11/2026"}],
            ),
            "'16/11/2026' is not a date",
        ),
        (
            header(person=[PERSON], pair=[{"id": "q", "mentor_id": "p1", "mentee_id": "nobody"}]),
            "table pair: a row refers to a record that is neither in the file nor in this home",
        ),
        (
            header(person=[{**PERSON, "display_name": "x" * 10_000, "email": 7}]),
            "email 7 is not text",
        ),
    ],
)
def test_bad_files_are_refused_in_one_line_and_nothing_is_written(other, data, message):
    with pytest.raises(InvalidInput, match=message) as caught:
        import_data(other, data)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200
    assert count_rows(other) == 0


def test_instants_keep_their_meaning_whatever_offset_the_file_uses(other):
    data = header(
        person=[
            {
                **PERSON,
                "created_at": "2026-11-16T10:30:00+01:00",
                "updated_at": "2026-11-16T09:30:00Z",
            }
        ]
    )
    import_data(other, data)
    with other.read() as session:
        person = session.get(Person, "p1")
    assert person.created_at == person.updated_at == datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


def test_messages_never_carry_escape_codes_from_the_file(other, demo_store):
    hostile = "\x1b[2J\x1b]0;owned\x07" + "z" * 100
    with pytest.raises(InvalidInput) as caught:
        import_data(other, header(person=[{"id": hostile}]))
    message = str(caught.value)
    assert "\x1b" not in message and "\x07" not in message and len(message) < 120
    set_up_profile(other, "Katherine Johnson", "America/Chicago")
    data = export_data(demo_store)
    next(r for r in data["tables"]["person"] if r["is_me"])["display_name"] = hostile
    assert "\x1b" not in str(import_data(other, data))


def test_a_long_import_commits_in_batches_the_app_can_write_between(demo_store, other, monkeypatch):
    """Each batch is its own write transaction: between two, another program (the open app)
    writes at once, even with no busy timeout. The result is the same as in one go."""
    from mentor_tui.services import exchange

    monkeypatch.setattr(exchange, "BATCH_SIZE", 3)
    app = Store(other.path, other.clock, busy_timeout_ms=0)
    writes = 0
    real_write = other.write

    def write(**kwargs):
        nonlocal writes
        if writes:  # between two batches: nobody holds the write lock
            with app.write() as session:
                session.add(Person(display_name=f"written by the app {writes}"))
        writes += 1
        return real_write(**kwargs)

    monkeypatch.setattr(other, "write", write)
    data = export_data(demo_store)
    text = dumps(data)
    result = import_data(other, json.loads(text))
    assert result.added == count_rows(demo_store)
    assert writes == sum(-(-len(rows) // 3) for rows in data["tables"].values())
    exported = export_data(other)
    app_rows = [r for r in exported["tables"]["person"] if r["display_name"].startswith("written")]
    assert len(app_rows) == writes - 1
    for row in app_rows:
        exported["tables"]["person"].remove(row)
    assert dumps(exported) == text
    again = import_data(other, json.loads(text))
    assert (again.added, again.updated) == (0, 0)
    app.close()


def test_a_bad_reference_in_a_later_batch_leaves_nothing_behind(other, monkeypatch):
    from mentor_tui.services import exchange

    monkeypatch.setattr(exchange, "BATCH_SIZE", 1)
    people = [{"id": f"p{n}", "display_name": f"P{n}"} for n in range(3)]
    pairs = [
        {"id": "q1", "mentor_id": "p1", "mentee_id": "p2"},
        {"id": "q2", "mentor_id": "p1", "mentee_id": "nobody"},
    ]
    with pytest.raises(InvalidInput, match=r"table pair: .*; nothing was imported"):
        import_data(other, header(person=people, pair=pairs))
    assert count_rows(other) == 0
