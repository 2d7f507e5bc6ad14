"""The session editor with both members' notes: a session my partner scheduled shows their
fields read-only beside my own notes, which ctrl+s saves; my partner's note on a session of
mine shows in a tab of its own. Partner text shows as typed, never as markup."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Markdown, TabbedContent, TextArea
from textual.widgets._markdown import MarkdownBlock

from mentor_tui.models.tables import MentoringSession, SessionNote
from mentor_tui.screens.session_editor import SessionEditorScreen
from mentor_tui.services import sessions as svc
from mentor_tui.services.session_notes import my_session_note
from tests.ui.conftest import settle

STAMP = datetime(2026, 11, 10, tzinfo=UTC)


def _as_synced(store, row):
    """Store a row the way sync does: the partner's stamps kept, origin set."""
    row.revision, row.created_at, row.updated_at = 1, STAMP, STAMP
    with store.write(preserve_stamps=True) as session:
        session.add(row)
    return row


def _shown(widget) -> str:
    return "\n".join(str(block.render()) for block in widget.query(MarkdownBlock))


async def test_partners_session_shows_their_notes_and_saves_mine(make_app, store, pair):
    theirs = _as_synced(
        store,
        MentoringSession(
            pair_id=pair.id,
            starts_at=datetime(2026, 11, 20, 14, tzinfo=UTC),
            timezone="Europe/Berlin",
            agenda="Parser review",
            shared_notes="Ada's summary [bold]not markup[/bold]",
            takeaways="Write the RFC",
            origin=pair.partner.id,
        ),
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionEditorScreen) and screen.session_id == theirs.id
        # Their fields are shown, not offered for editing.
        assert not screen.query("#shared_notes, #agenda, #private_notes")
        partner = screen.query_one("#partner-notes")
        assert [m.source for m in partner.query(Markdown)] == [
            "Parser review",
            "Ada's summary [bold]not markup[/bold]",
            "Write the RFC",
        ]
        shown = _shown(partner)
        assert "Ada's summary [bold]not markup[/bold]" in shown
        assert "Ada Lovelace's notes" in str(partner.query_one(".partner-notes-title").render())
        assert screen.focused is screen.query_one("#my_notes", TextArea)
        await pilot.press(*"My view: *good*", "tab", *"Ship [it]", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionEditorScreen)
        await pilot.press("escape")  # saved: leaves without asking
        await settle(pilot)
        assert not isinstance(app.screen, SessionEditorScreen)
    mine = my_session_note(store, theirs.id)
    assert mine is not None and (mine.notes, mine.takeaways) == ("My view: *good*", "Ship [it]")
    assert svc.get_session(store, theirs.id).shared_notes == "Ada's summary [bold]not markup[/bold]"


async def test_partners_note_on_my_session_has_its_own_tab(make_app, store, pair):
    mine = svc.schedule_session(store, pair.id, "2026-11-20 10:00", agenda="Mine")
    _as_synced(
        store,
        SessionNote(
            pair_id=pair.id,
            session_id=mine.id,
            author_id=pair.partner.id,
            notes="Ada [red]wrote[/red] this",
            takeaways="",
            origin=pair.partner.id,
        ),
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)  # the list is read in a worker: Enter needs its rows
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionEditorScreen) and screen.session_id == mine.id
        tabs = screen.query_one(TabbedContent)
        # The last tab (alt+7), the name as written.
        assert str(tabs.get_tab("tab-partner").label) == "7 Ada Lovelace's notes"
        tabs.active = "tab-partner"
        await settle(pilot)
        partner = screen.query_one("#partner-notes")
        assert [m.source for m in partner.query(Markdown)] == ["Ada [red]wrote[/red] this"]
        assert "Ada [red]wrote[/red] this" in _shown(partner)
        # My own session stays mine to edit, as before.
        assert screen.query_one("#agenda", TextArea).text == "Mine"


async def test_no_partner_tab_before_they_write(make_app, store, pair):
    svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)  # the list is read in a worker: Enter needs its rows
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionEditorScreen)
        assert not app.screen.query("#tab-partner, #partner-notes, #my-notes")


async def test_closing_an_item_my_partner_raised_says_why_and_keeps_it(make_app, store, pair):
    from mentor_tui.models.tables import ActionItem
    from mentor_tui.services.sessions import open_action_items

    theirs = _as_synced(
        store,
        MentoringSession(
            pair_id=pair.id,
            starts_at=datetime(2026, 11, 20, 14, tzinfo=UTC),
            timezone="Europe/Berlin",
            origin=pair.partner.id,
        ),
    )
    item = _as_synced(
        store,
        ActionItem(
            pair_id=pair.id, session_id=theirs.id, title="Their item", origin=pair.partner.id
        ),
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)  # the list is read in a worker: Enter needs its rows
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-actions"
        await settle(pilot)
        app.screen.query_one("#items-table").focus()
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, SessionEditorScreen)
        assert any("read-only" in str(n.message) for n in app._notifications)
    assert [v.item.id for v in open_action_items(store, pair.id)] == [item.id]
