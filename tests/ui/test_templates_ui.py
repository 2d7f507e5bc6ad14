"""Templates in the app: in the session editor, ctrl+t on the Agenda tab fills an empty
agenda from the session kind's templates (agenda and checklist), saved by ctrl+s like
typed text; it never overwrites an agenda with text, and acts on the Agenda tab only.
The Templates screen lists the library with a literal preview, and a applies each kind
where it is used (u takes it back)."""

from __future__ import annotations

from textual.widgets import DataTable, Static, TextArea

from mentor_tui.screens.session_editor import SessionEditorScreen
from mentor_tui.screens.templates import TemplatesScreen
from mentor_tui.services import sessions as svc
from mentor_tui.services.goals import list_goals
from mentor_tui.services.templates import KINDS, write_template
from tests.ui.conftest import settle


async def _open_editor(pilot, app) -> SessionEditorScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SessionEditorScreen)
    return screen


async def test_ctrl_t_fills_an_empty_kickoff_agenda(make_app, store, pair):
    row = svc.schedule_session(store, pair.id, "2026-11-24 08:00", kind="kickoff")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_editor(pilot, app)
        agenda = screen.query_one("#agenda", TextArea)
        await pilot.press("alt+2", "ctrl+t")  # on the Notes tab: nothing
        await settle(pilot)
        assert screen.query_one("#shared_notes", TextArea).text == "" and agenda.text == ""
        await pilot.press("alt+1", "ctrl+t")
        await settle(pilot)
        filled = agenda.text
        assert "what Ada Lovelace hopes to get from it" in filled
        assert "## Kickoff checklist" in filled and "- [ ] First goals drafted" in filled
        await pilot.press("ctrl+t")  # again: the agenda has text, it is kept
        await settle(pilot)
        assert agenda.text == filled
        head = screen.query_one("#session-head", Static)
        assert "Checklist" not in str(head.render())  # counts what is saved
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Checklist: 0 done, 4 left" in str(head.render())
    assert svc.get_session(store, row.id).agenda == filled


async def test_ctrl_t_uses_my_template_and_keeps_typed_text(make_app, store, pair, home):
    write_template(home, "agenda", "check-in", "# Ours\n- {partner} first\n")
    row = svc.schedule_session(store, pair.id, "2026-11-24 08:00", agenda="Typed")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_editor(pilot, app)
        agenda = screen.query_one("#agenda", TextArea)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert agenda.text == "Typed"
        agenda.load_text("")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert agenda.text == "- Ada Lovelace first\n"
    assert svc.get_session(store, row.id).agenda == "Typed"


async def test_the_templates_screen_lists_by_kind_and_previews_literally(make_app, pair, home):
    write_template(home, "prompts", "odd", "# [b]Odd[/b]\n- {mentee} \x1b[31m [red]x[/red]\n")
    app = make_app(start_in="templates")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TemplatesScreen)
        table = screen.query_one("#templates-table", DataTable)
        keys = [row.value for row in table.rows]
        assert keys[0] == "agenda/ad-hoc" and "checklist/kickoff" in keys
        kinds = [key.split("/")[0] for key in keys]
        assert kinds == sorted(kinds, key=list(KINDS).index)  # grouped by kind
        shown = str(screen.query_one("#template-preview", Static).render())
        assert shown.startswith("Ad hoc: one topic, solved together")
        table.move_cursor(row=keys.index("prompts/odd"))
        await settle(pilot)
        shown = str(screen.query_one("#template-preview", Static).render())
        assert shown.startswith("[b]Odd[/b]\nprompts/odd · mine")
        assert shown.endswith("- {mentee} \\x1b[31m [red]x[/red]")  # as written
        assert "\x1b" not in shown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TemplatesScreen)


def test_the_templates_screen_snapshot(snap_compare, make_app, pair):
    async def settled(pilot) -> None:
        await settle(pilot)

    app = make_app(start_in="templates")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled)


async def _highlight(pilot, screen, ref: str) -> None:
    table = screen.query_one("#templates-table", DataTable)
    table.move_cursor(row=[row.value for row in table.rows].index(ref))
    await settle(pilot)


async def test_a_applies_each_kind_where_it_is_used(make_app, store, pair):
    planned = svc.schedule_session(store, pair.id, "2026-11-24 08:00", kind="kickoff")
    app = make_app(start_in="templates")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await _highlight(pilot, screen, "agenda/kickoff")
        await pilot.press("a")
        await settle(pilot)
        agenda = svc.get_session(store, planned.id).agenda
        assert "what Ada Lovelace hopes to get from it" in agenda
        await _highlight(pilot, screen, "checklist/kickoff")
        await pilot.press("a")
        await settle(pilot)
        with_checklist = svc.get_session(store, planned.id).agenda
        assert with_checklist.startswith(agenda.rstrip("\n") + "\n\n## Kickoff checklist\n")
        await pilot.press("u")  # takes the checklist back out
        await settle(pilot)
        assert svc.get_session(store, planned.id).agenda == agenda
        await _highlight(pilot, screen, "agenda/check-in")  # never over typed text
        await pilot.press("a")
        await settle(pilot)
        assert svc.get_session(store, planned.id).agenda == agenda
        await _highlight(pilot, screen, "prompts/reflection")
        await pilot.press("a")
        await settle(pilot)
        assert "## Reflection prompts" in svc.get_session(store, planned.id).agenda
        await _highlight(pilot, screen, "goal/learn-a-skill")
        await pilot.press("a")
        await settle(pilot)
        [view] = list_goals(store, pair.id)
        assert view.goal.status == "draft" and view.milestones_total == 3
        await pilot.press("u")
        await settle(pilot)
        assert list_goals(store, pair.id) == []
        await _highlight(pilot, screen, "rubric/milestone-score")
        await pilot.press("a")  # read, not applied: nothing changes
        await settle(pilot)
        assert list_goals(store, pair.id) == []
