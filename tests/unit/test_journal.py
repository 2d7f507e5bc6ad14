"""The journal: capture, tags, sharing, keyset paging, full-text search with structured
highlights, filters, the streak and the prompt of the week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.models.tables import Goal
from mentor_tui.services import journal as svc


def add(store, pair, text, **kwargs):
    return svc.add_journal_entry(store, text, pair_id=pair.id, **kwargs)


def test_first_sentence_is_the_title_and_tags_come_from_the_text(store, pair):
    entry = add(
        store,
        pair,
        "Paired on the flaky test. Found a race @testing @Pairing, mail me at ada@example.com",
        tags=["#growth", "testing"],
    )
    assert entry.title == "Paired on the flaky test."
    assert entry.body.startswith("Found a race")
    assert entry.tags == "growth testing pairing"
    assert not entry.shared


def test_text_is_kept_exactly_as_typed(store, pair):
    body = "[bold]not markup[/bold] \x1b[31m é漢 <b>"
    entry = add(store, pair, body, title="Exact")
    again = svc.get_journal_entry(store, entry.id)
    assert (again.title, again.body) == ("Exact", body)


def test_split_title_like_jrnl():
    assert svc.split_title("One line only") == ("One line only", "")
    assert svc.split_title("Why? Because.") == ("Why?", "Because.")
    assert svc.split_title("Title line\nbody 1.5 here") == ("Title line", "body 1.5 here")
    long = "word " * 200
    assert svc.split_title(long) == ("", long.strip())


def test_bad_input_is_refused(store, pair):
    with pytest.raises(InvalidInput, match="empty"):
        add(store, pair, "   ")
    with pytest.raises(InvalidInput, match="not a tag"):
        add(store, pair, "x", tags=["no!pe"])
    with pytest.raises(InvalidInput, match="needs a pair"):
        svc.add_journal_entry(store, "x", shared=True)


def test_share_toggle(store, pair):
    entry = add(store, pair, "Something")
    assert svc.toggle_shared(store, entry.id).shared
    assert not svc.set_shared(store, entry.id, False).shared
    lonely = svc.add_journal_entry(store, "no pair")
    with pytest.raises(InvalidInput, match="no one to share"):
        svc.set_shared(store, lonely.id, True)


def test_goal_link_must_be_in_the_pair(store, pair):
    with store.write() as session:
        goal = Goal(pair_id=pair.id, title="Give a talk")
        session.add(goal)
    entry = add(store, pair, "Drafted the outline", goal_id=goal.id)
    assert entry.goal_id == goal.id
    assert svc.find_goal(store, pair.id, "talk").id == goal.id
    with pytest.raises(Exception, match="no such goal"):
        add(store, pair, "x", goal_id="nope")


def test_update_keeps_tags_and_adds_new_ones(store, pair):
    entry = add(store, pair, "Start @one")
    svc.update_journal_entry(store, entry.id, body="now @two")
    assert svc.get_journal_entry(store, entry.id).tags == "one two"
    svc.update_journal_entry(store, entry.id, tags=["three"])
    assert svc.get_journal_entry(store, entry.id).tags == "three one two"


def test_keyset_paging_newest_first(store, pair, clock):
    for n in range(7):
        add(store, pair, f"Entry {n}")
        clock.advance(minutes=1)
    first = svc.list_journal(store, pair.id, limit=3)
    assert [e.title for e in first] == ["Entry 6", "Entry 5", "Entry 4"]
    second = svc.list_journal(store, pair.id, limit=3, before=(first[-1].written_at, first[-1].id))
    assert [e.title for e in second] == ["Entry 3", "Entry 2", "Entry 1"]


def test_search_returns_structured_spans(store, pair, clock):
    add(store, pair, "Kafka consumer lag. The [red]consumer[/red] fell behind @oncall")
    clock.advance(minutes=1)
    add(store, pair, "Unrelated entry. Nothing here")
    hits = svc.search_journal(store, "consumer", pair.id)
    assert len(hits) == 1
    assert hits[0].title == (("Kafka ", False), ("consumer", True), (" lag.", False))
    assert ("consumer", True) in hits[0].snippet
    assert "".join(text for text, _ in hits[0].snippet).startswith("The [red]")


def test_search_as_you_type_uses_a_prefix_and_survives_fts_syntax(store, pair):
    add(store, pair, "Migration plan for postgres")
    assert len(svc.search_journal(store, "postg", pair.id)) == 1
    assert len(svc.search_journal(store, "postg ", pair.id)) == 0  # a finished word
    for query in ('"', "AND", "NEAR(", "a OR", "*", "col:umn", "(", "'"):
        svc.search_journal(store, query, pair.id)  # no exception
    assert svc.search_journal(store, "plan migr", pair.id)[0].entry.title.startswith("Migration")


def test_accents_are_folded(store, pair):
    add(store, pair, "Café near the office")
    assert len(svc.search_journal(store, "cafe", pair.id)) == 1


def test_search_filters_and_tags_in_the_query(store, pair, clock):
    add(store, pair, "Design review one @design")
    clock.advance(days=2)
    add(store, pair, "Design review two @career")
    assert [h.entry.title for h in svc.search_journal(store, "design @career", pair.id)] == [
        "Design review two @career"
    ]
    assert len(svc.search_journal(store, "design", pair.id, tag="design")) == 1
    today = clock.now().date()
    assert len(svc.search_journal(store, "design", pair.id, since=today)) == 1
    assert len(svc.search_journal(store, "design", pair.id, until=today - timedelta(days=1))) == 1
    assert len(svc.list_journal(store, pair.id, tag="career")) == 1
    # Tags match whole: "care" is not "career".
    assert svc.list_journal(store, pair.id, tag="care") == []


def test_deleted_entries_are_not_found(store, pair):
    entry = add(store, pair, "Forget me")
    svc.delete_journal_entry(store, entry.id)
    assert svc.search_journal(store, "forget", pair.id) == []
    assert svc.list_journal(store, pair.id) == []


def test_edits_are_searchable_and_old_words_are_gone(store, pair):
    entry = add(store, pair, "Original words")
    svc.update_journal_entry(store, entry.id, title="Replacement")
    assert svc.search_journal(store, "original", pair.id) == []
    assert len(svc.search_journal(store, "replacement", pair.id)) == 1
    svc.rebuild_search_index(store)
    assert len(svc.search_journal(store, "replacement", pair.id)) == 1


def test_streak_counts_days_in_the_authors_zone(store, pair, me, clock):
    # Now: Mon 16 Nov 09:30 UTC = 04:30 in New York.
    def at(day: int, hour: int):
        return datetime(2026, 11, day, hour, tzinfo=UTC)

    assert svc.journal_streak(store, me.id, me.timezone) == 0
    add(store, pair, "late", written_at=at(15, 23))  # Sun 18:00 in New York
    add(store, pair, "later", written_at=at(16, 1))  # Sun 20:00 in New York, Mon in UTC
    assert svc.journal_streak(store, me.id, me.timezone) == 1  # Sunday; today is not over
    assert svc.journal_streak(store, me.id, "UTC") == 2  # Sunday and Monday
    add(store, pair, "saturday", written_at=at(14, 20))
    add(store, pair, "thursday", written_at=at(12, 20))  # a gap on Friday ends the streak
    assert svc.journal_streak(store, me.id, me.timezone) == 2
    add(store, pair, "today", written_at=at(16, 9))
    assert svc.journal_streak(store, me.id, me.timezone) == 3
    clock.advance(days=2)
    assert svc.journal_streak(store, me.id, me.timezone) == 0


def test_prompt_rotates_by_iso_week():
    prompts = {svc.prompt_of_week(date(2026, 11, 16) + timedelta(weeks=n)) for n in range(3)}
    assert prompts == set(svc.PROMPTS)
    assert svc.prompt_of_week(date(2026, 11, 16)) == svc.prompt_of_week(date(2026, 11, 22))
