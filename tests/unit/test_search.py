"""Search everything: each kind is found, deleted records are not, private notes are
found on their own machine, filters and orders, snippets that show the match, and
typed FTS syntax that never fails."""

from __future__ import annotations

import copy
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from mentor_tui.clock import FrozenClock
from mentor_tui.errors import InvalidInput
from mentor_tui.models.search_sql import ELLIPSIS, SNIPPET_WIDTH, clip, match_expression
from mentor_tui.services.actions import add_action_item, add_feedback, delete_feedback
from mentor_tui.services.goals import create_goal, update_goal
from mentor_tui.services.journal import add_journal_entry, delete_journal_entry
from mentor_tui.services.milestones import add_milestone, delete_milestone
from mentor_tui.services.pairs import create_pair, get_pair
from mentor_tui.services.profile import require_me, set_up_profile
from mentor_tui.services.search import check_kinds, has_match, search
from mentor_tui.services.session_notes import write_my_session_notes
from mentor_tui.services.sessions import reschedule_session, schedule_session, update_session
from tests.conftest import FROZEN_NOW, open_new_store


@dataclass
class World:
    session: str
    goal: str
    milestone: str
    action: str
    feedback: str
    note: str
    journal: str


def build_world(store, pair) -> World:
    meeting = schedule_session(store, pair.id, "2026-11-20 15:00", agenda="Agenda: walrus plans")
    update_session(
        store,
        meeting.id,
        shared_notes="Shared narwhal notes",
        private_notes="Private ocelot worries",
        takeaways="Takeaway: pangolin",
        accomplishments="Accomplished: quokka",
        roadblocks="Roadblock: axolotl",
    )
    note = write_my_session_notes(store, meeting.id, "My tapir notes", "My capybara takeaway")
    feedback = add_feedback(
        store, meeting.id, "Observed a wombat", impact="Impact: dingo", next_step="Next: emu"
    )
    action = add_action_item(store, pair.id, "Feed the lemur", session_id=meeting.id)
    goal = create_goal(
        store,
        pair.id,
        title="Become a giraffe expert",
        specific="Specific: okapi",
        measurable="Measurable: kudu",
        achievable="Achievable: gnu",
        relevant="Relevant: impala",
    )
    milestone = add_milestone(
        store, goal.id, title="Spot a zebra", evidence="https://example.com/meerkat"
    )
    entry = add_journal_entry(store, "Thought about bison. And more bison.", pair_id=pair.id)
    return World(meeting.id, goal.id, milestone.id, action.id, feedback.id, note.id, entry.id)


@dataclass(frozen=True)
class BuiltWorld:
    home: Path
    world: World
    pair_id: str


@pytest.fixture(scope="session")
def built_world(tmp_path_factory: pytest.TempPathFactory, migrated_database: Path) -> BuiltWorld:
    """The world (and the profile and pair under it, as conftest's `me` and `pair` make
    them), built once per test process: some 15 writes, a quarter of a second a test.
    Each test that asks for `world` gets a copy of the home; see `store`."""
    home = tmp_path_factory.mktemp("search-world") / "home"
    store = open_new_store(home, FrozenClock(FROZEN_NOW), migrated_database)
    try:
        set_up_profile(store, "Grace Hopper", "America/New_York")
        pair = create_pair(
            store,
            partner_name="Ada Lovelace",
            partner_timezone="Europe/Berlin",
            my_role="mentor",
            cadence="biweekly",
            purpose="Grow into a staff engineer",
        )
        world = build_world(store, pair)
    finally:
        store.close()
    return BuiltWorld(home, world, pair.id)


@pytest.fixture
def store(home: Path, clock, migrated_database: Path, request: pytest.FixtureRequest):
    """conftest's `store`; for a test that uses the world, opened on a fresh copy of it."""
    if "world" in request.fixturenames:
        shutil.copytree(request.getfixturevalue("built_world").home, home)
    opened = open_new_store(home, clock, migrated_database)
    yield opened
    opened.close()


@pytest.fixture
def me(store, request: pytest.FixtureRequest):
    if "world" in request.fixturenames:
        return require_me(store)  # the world's
    return set_up_profile(store, "Grace Hopper", "America/New_York")


@pytest.fixture
def pair(store, me, request: pytest.FixtureRequest):
    if "world" in request.fixturenames:
        return get_pair(store, request.getfixturevalue("built_world").pair_id)
    return create_pair(
        store,
        partner_name="Ada Lovelace",
        partner_timezone="Europe/Berlin",
        my_role="mentor",
        cadence="biweekly",
        purpose="Grow into a staff engineer",
    )


@pytest.fixture
def world(store, pair, built_world: BuiltWorld) -> World:
    return copy.deepcopy(built_world.world)


def found(store, query: str, **options) -> list[tuple[str, str]]:
    return [(hit.kind, hit.record_id) for hit in search(store, query, **options)]


@pytest.mark.parametrize(
    ("word", "kind", "attr"),
    [
        ("walrus", "session", "session"),
        ("narwhal", "session", "session"),
        ("ocelot", "session", "session"),  # private notes: found on this machine
        ("pangolin", "session", "session"),
        ("quokka", "session", "session"),
        ("axolotl", "session", "session"),
        ("tapir", "note", "note"),
        ("capybara", "note", "note"),
        ("wombat", "feedback", "feedback"),
        ("dingo", "feedback", "feedback"),
        ("emu", "feedback", "feedback"),
        ("lemur", "action", "action"),
        ("giraffe", "goal", "goal"),
        ("okapi", "goal", "goal"),
        ("kudu", "goal", "goal"),
        ("gnu", "goal", "goal"),
        ("impala", "goal", "goal"),
        ("zebra", "milestone", "milestone"),
        ("meerkat", "milestone", "milestone"),
        ("bison", "journal", "journal"),
    ],
)
def test_each_kind_is_found(store, world, word, kind, attr):
    hits = search(store, word)
    assert [(h.kind, h.record_id) for h in hits] == [(kind, getattr(world, attr))]
    hit = hits[0]
    assert has_match(hit.title) or has_match(hit.snippet), hit
    assert hit.pair_id is not None


def test_hits_say_where_they_belong(store, world, pair):
    assert search(store, "tapir wombat") == []  # every word must match
    note = search(store, "tapir")[0]
    assert note.parent_id == world.session and note.label == "Grace's notes"
    assert note.when == search(store, "walrus")[0].when  # dated by its session
    assert search(store, "wombat")[0].parent_id == world.session
    assert search(store, "lemur")[0].detail.startswith("open")
    assert search(store, "zebra")[0].parent_id == world.goal
    assert search(store, "zebra")[0].detail == "Become a giraffe expert"
    session = search(store, "walrus")[0]
    assert session.label == "Check-in session" and session.detail == "planned"


def test_deleted_records_are_not_found_and_undo_brings_them_back(store, world):
    delete_feedback(store, world.feedback)
    delete_milestone(store, world.milestone)
    delete_journal_entry(store, world.journal)
    assert found(store, "wombat") == found(store, "zebra") == found(store, "bison") == []
    with store.write() as session:  # an undo: the flag goes back
        session.connection().exec_driver_sql(
            f"UPDATE milestone SET deleted = 0 WHERE id = '{world.milestone}'"
        )
    assert found(store, "zebra") == [("milestone", world.milestone)]
    with store.write() as session:
        session.connection().exec_driver_sql(
            f"DELETE FROM goal_change WHERE goal_id = '{world.goal}'"
        )
        session.connection().exec_driver_sql(
            f"DELETE FROM milestone WHERE goal_id = '{world.goal}'"
        )
        session.connection().exec_driver_sql(f"DELETE FROM goal WHERE id = '{world.goal}'")
    assert found(store, "giraffe") == found(store, "zebra") == []
    _integrity_check(store)


def test_edits_are_searchable_at_once(store, world):
    update_goal(store, world.goal, title="Become a hippo expert")
    assert found(store, "giraffe") == []
    assert found(store, "hippo") == [("goal", world.goal)]
    before = search(store, "tapir")[0].when
    reschedule_session(store, world.session, "2026-11-27 15:00")
    assert (search(store, "tapir")[0].when - before).days == 7  # the note follows its session
    _integrity_check(store)


def _integrity_check(store) -> None:
    with sqlite3.connect(store.path) as con:
        con.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        docs = con.execute("SELECT count(*) FROM search_doc").fetchone()[0]
        live = sum(
            con.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]
            for table in (
                "mentoring_session",
                "session_note",
                "feedback",
                "action_item",
                "goal",
                "milestone",
            )
        )
    assert docs == live


def test_the_index_can_be_rebuilt(store, world):
    from mentor_tui.services.search import rebuild_search_index

    with sqlite3.connect(store.path) as con:
        con.execute("DELETE FROM search_doc WHERE kind = 'goal'")  # drifted, somehow
    assert found(store, "giraffe") == []
    rebuild_search_index(store)
    assert found(store, "giraffe") == [("goal", world.goal)]
    assert found(store, "bison") == [("journal", world.journal)]
    _integrity_check(store)


def test_filters_by_kind_pair_and_dates(store, world, pair):
    assert found(store, "walrus OR") == []  # OR is a word like any other: nothing has it
    add_journal_entry(store, "A walrus in the journal too", pair_id=pair.id)
    assert {k for k, _ in found(store, "walrus")} == {"session", "journal"}
    assert {k for k, _ in found(store, "walrus", kinds=["session"])} == {"session"}
    assert {k for k, _ in found(store, "walrus", kinds=["journals"])} == {"journal"}
    assert found(store, "walrus", pair_id="no-such-pair") == []
    assert len(found(store, "walrus", pair_id=pair.id)) == 2
    # The session is on 20 Nov (New York), the journal entry on 16 Nov (the frozen clock).
    assert found(store, "walrus", since=date(2026, 11, 17)) == [("session", world.session)]
    assert [k for k, _ in found(store, "walrus", until=date(2026, 11, 19))] == ["journal"]
    assert found(store, "walrus", since=date(2026, 11, 21)) == []
    with pytest.raises(InvalidInput, match="after"):
        search(store, "walrus", since=date(2026, 11, 21), until=date(2026, 11, 1))
    with pytest.raises(InvalidInput, match="unknown kind"):
        check_kinds(["giraffes"])


def test_ranked_or_newest_first(store, pair, me):
    old = add_journal_entry(
        store, "Heron. heron heron heron", pair_id=pair.id, written_at=_at(2026, 1, 5)
    )
    new = add_journal_entry(
        store,
        "Birds today",
        title="A note",
        pair_id=pair.id,
        written_at=_at(2026, 11, 1),
    )
    update = add_journal_entry(store, "Saw one heron once among many words of other things")
    del new
    ranked = found(store, "heron")
    assert ranked[0] == ("journal", old.id)  # the title and many mentions rank it first
    newest = found(store, "heron", newest=True)
    assert newest[0] == ("journal", update.id)
    assert found(store, "heron", limit=1, offset=1, newest=True) == [("journal", old.id)]


def _at(year: int, month: int, day: int):
    from datetime import UTC, datetime

    return datetime(year, month, day, 12, tzinfo=UTC)


def test_prefix_while_typing(store, world):
    assert found(store, "capy") == [("note", world.note)]
    assert found(store, "capy ") == []  # a finished word is a whole word
    assert found(store, "My tap") == [("note", world.note)]


@pytest.mark.parametrize(
    "typed",
    ['"', "*", "NEAR(", "[/]", '"walrus', "walrus*", "AND", "OR NOT", "^", "a:b", "(", ")", "-"],
)
def test_hostile_query_text_never_errors(store, world, typed):
    search(store, typed)
    search(store, typed, newest=True)
    search(store, f"walrus {typed}")


def test_match_expression_quotes_every_word():
    assert match_expression('say "hi" NEAR(') == '"say" AND """hi""" AND "NEAR(" *'
    assert match_expression("done ") == '"done"'
    assert match_expression("* [/] -") is None
    assert match_expression("walrus *") == '"walrus"'


def test_snippet_shows_a_match_at_the_end_of_a_long_body(store, pair):
    body = "filler words here. " * 270 + "the needle at the very end."
    assert len(body) > 5000
    entry = add_journal_entry(store, body, title="Long one", pair_id=pair.id)
    goal = create_goal(store, pair.id, title="Long goal", specific=body)
    for hit in search(store, "needle"):
        assert hit.record_id in (entry.id, goal.id)
        text = "".join(part for part, _ in hit.snippet)
        assert ("needle", True) in hit.snippet, hit.snippet
        assert text.startswith(ELLIPSIS) and len(text) <= SNIPPET_WIDTH
        assert "\n" not in text


def test_clip_keeps_the_match_in_view():
    spans = (("x " * 400, False), ("match", True), (" and the rest " * 20, False))
    for width in (20, 40, 80):
        clipped = clip(spans, width)
        text = "".join(part for part, _ in clipped)
        assert ("match", True) in clipped and len(text) <= width
        assert text.startswith(ELLIPSIS) and text.endswith(ELLIPSIS)
    short = (("A short ", False), ("match", True))
    assert clip(short, 80) == short
    assert clip((("a\n\n b", False),), 80) == (("a b", False),)


def test_search_takes_a_plain_connection(store, world):
    with sqlite3.connect(store.path) as con:
        hits = search(con, "okapi")
    assert [(h.kind, h.record_id) for h in hits] == [("goal", world.goal)]


@pytest.fixture
def dense(store, pair, me):
    """DENSE + 100 journal entries and goals that say heron, written straight in (the
    triggers index them); the newest entry says it most."""
    from mentor_tui.models.journal_sql import DENSE

    stamp = "2026-{:02d}-{:02d}T{:02d}:00:00.000000Z"
    n = DENSE + 100
    with sqlite3.connect(store.path) as con:
        con.executemany(
            "INSERT INTO journal_entry (id, created_at, updated_at, revision, deleted, origin, "
            "pair_id, author_id, written_at, title, body, tags, goal_id, shared, prompt) "
            "VALUES (?, ?, ?, 1, 0, '', ?, ?, ?, ?, ?, '', NULL, 0, '')",
            [
                (
                    f"j{i:05d}",
                    stamp.format(1 + i // 300 % 10, 1 + i % 28, i % 24),
                    stamp.format(1 + i // 300 % 10, 1 + i % 28, i % 24),
                    pair.id,
                    me.id,
                    stamp.format(1 + i // 300 % 10, 1 + i % 28, i % 24),
                    f"Entry {i}",
                    "a heron and other birds " * 3,
                )
                for i in range(n)
            ]
            + [
                (
                    "j-best",
                    stamp.format(11, 1, 0),
                    stamp.format(11, 1, 0),
                    pair.id,
                    me.id,
                    stamp.format(11, 1, 0),
                    "Heron heron",
                    "heron",
                )
            ],
        )
        con.executemany(
            "INSERT INTO goal (id, created_at, updated_at, revision, deleted, origin, pair_id, "
            "title, specific, measurable, achievable, relevant, status, position) "
            "VALUES (?, ?, ?, 1, 0, '', ?, ?, 'about a heron', '', '', '', 'draft', 0)",
            [
                (f"g{i:05d}", stamp.format(1, 1, 0), stamp.format(1, 1, 0), pair.id, f"Goal {i}")
                for i in range(n)
            ],
        )
    return n


def test_dense_searches_rank_the_newest_matches_and_keep_filters(store, dense):
    ranked = search(store, "heron", limit=5)
    assert ranked[0].record_id == "j-best" and len(ranked) == 5
    assert [h.kind for h in search(store, "heron", kinds=["goal"], limit=3)] == ["goal"] * 3
    march = search(store, "heron", since=date(2026, 3, 1), until=date(2026, 3, 31), limit=50)
    assert len(march) == 50 and all(h.when.month == 3 for h in march)
    newest = search(store, "heron", limit=3, newest=True)
    assert newest[0].record_id == "j-best"


def test_queries_use_the_full_text_indexes(store, world, dense):
    """EXPLAIN QUERY PLAN for each shape (few and many matches, ranked and newest, with
    and without filters): MATCH drives, base tables are read by key, never scanned."""
    from mentor_tui.models import search_sql

    plans: list[tuple[str, list[str]]] = []

    class Spy:
        def __init__(self, con: sqlite3.Connection) -> None:
            self.con = con

        def execute(self, sql: str, params=()):
            steps = [r[3] for r in self.con.execute("EXPLAIN QUERY PLAN " + sql, params)]
            plans.append((sql, steps))
            return self.con.execute(sql, params)

    with sqlite3.connect(store.path) as con:
        for word in ("walrus", "heron"):  # few matches, many
            for newest in (False, True):
                for filters in ({}, {"pair_id": "p", "start": "2026", "end": "2027"}):
                    search_sql.search(Spy(con), word, newest=newest, **filters)  # type: ignore[arg-type]
    matching = [(sql, steps) for sql, steps in plans if " MATCH " in sql]
    assert len(matching) >= 16
    for _sql, steps in matching:
        assert any(re.search(r"VIRTUAL TABLE INDEX \d+:r?M", step) for step in steps), steps
    for sql, steps in plans:
        for step in steps:
            if step.startswith("SCAN ") and "VIRTUAL TABLE" not in step:
                # a walk down a date index stops after a page (search_plan's note)
                walks = ("subquery", "ix_journal_entry_written_at", "ix_search_doc_at")
                assert any(word in step for word in walks), (sql, steps)
    # The rowid bounds reach the FTS index: the recent window, and a page's range.
    windows = [steps for sql, steps in matching if ":floor" in sql]
    assert windows and all(any(re.search(r":M\d>", s) for s in steps) for steps in windows)
    ranged = [steps for sql, steps in matching if "BETWEEN" in sql]
    assert ranged and all(any("><" in step for step in steps) for steps in ranged)
