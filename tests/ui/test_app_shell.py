"""The shell by keyboard: first run, every area by its key and by the palette, the pair
switcher, the charter and help. Assertions read the database through services."""

from __future__ import annotations

from textual.widgets import Select

from mentor_tui.screens.charter import CharterScreen
from mentor_tui.screens.dashboard import DashboardScreen
from mentor_tui.screens.first_run import FirstRunScreen
from mentor_tui.screens.goals import GoalsScreen
from mentor_tui.screens.help import HelpScreen
from mentor_tui.screens.journal import JournalScreen
from mentor_tui.screens.milestones import MilestonesScreen
from mentor_tui.screens.sessions import SessionsScreen
from mentor_tui.services.pairs import create_pair, list_pairs
from mentor_tui.services.profile import get_me
from tests.ui.conftest import settle, workers_finished


async def test_first_run_sets_up_the_profile_then_asks_for_a_pair(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press(*"Ada Lovelace", "enter")
        app.screen.query_one("#timezone").value = ""
        await pilot.press(*"Mars/Base", "enter")
        await settle(pilot)
        assert get_me(store) is None, "a bad time zone must not create a profile"
        assert "unknown time zone" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#timezone").value = "Europe/Berlin"
        await pilot.press("enter")
        await settle(pilot)
        me = get_me(store)
        assert (me.display_name, me.timezone) == ("Ada Lovelace", "Europe/Berlin")
        assert isinstance(app.screen, CharterScreen), "with no pair yet, the app offers one"
        await pilot.press(*"Grace Hopper")
        await pilot.press("ctrl+s")
        await settle(pilot)
    pairs = list_pairs(store)
    assert [p.partner.display_name for p in pairs] == ["Grace Hopper"]
    assert app.pair_id == pairs[0].id


async def test_every_area_opens_by_its_key(make_app, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        for key, screen in (
            ("g", GoalsScreen),
            ("m", MilestonesScreen),
            ("s", SessionsScreen),
            ("j", JournalScreen),
            ("d", DashboardScreen),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen), key


async def test_every_area_opens_from_the_command_palette(make_app, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for title, screen in (
            ("Goals", GoalsScreen),
            ("Milestones", MilestonesScreen),
            ("Sessions", SessionsScreen),
            ("Journal", JournalScreen),
            ("Dashboard", DashboardScreen),
        ):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*f"open {title}".lower())
            await workers_finished(pilot)  # the palette's search is a worker: its hits are in
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, screen), title


async def test_pair_switcher_cycles_in_one_key_and_picks_by_number(make_app, store, pair):
    second = create_pair(store, partner_name="Katherine Johnson")
    third = create_pair(store, partner_name="Alan Turing", my_role="mentee")
    ids = [view.id for view in list_pairs(store)]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.pair_id == ids[0]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.pair_id == ids[1]
        await pilot.press("left_square_bracket")
        assert app.pair_id == ids[0]
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("3")
        await settle(pilot)
        assert app.pair_id == ids[2]
    assert {second.id, third.id, pair.id} == set(ids)


async def test_the_chosen_pair_is_remembered(make_app, store, pair):
    second = create_pair(store, partner_name="Katherine Johnson")
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.choose_pair(second.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.pair_id == second.id


async def test_charter_edits_are_saved_and_bad_dates_are_shown_inline(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CharterScreen)
        screen.query_one("#planned_end_on").value = "whenever"
        await pilot.pause()
        assert "cannot read 'whenever'" in str(screen.query_one("#planned_end_on-hint").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen, "an unreadable date keeps the editor open"
        assert screen.query_one("#planned_end_on").value == "whenever", "typed text is kept"
        screen.query_one("#planned_end_on").value = "2027-05-31"
        screen.query_one("#backup_channel").text = "Signal: +49 30 1234 [bold]x[/bold]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    saved = list_pairs(store)[0].pair
    assert str(saved.planned_end_on) == "2027-05-31"
    assert saved.backup_channel == "Signal: +49 30 1234 [bold]x[/bold]"


async def test_leaving_the_charter_with_changes_asks_first(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one("#purpose").text = "Something new"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, CharterScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert list_pairs(store)[0].pair.purpose == "Grow into a staff engineer"


async def test_help_lists_the_keys_and_closes(make_app, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_q_types_a_letter_in_forms_and_quits_from_areas(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one("#cadence").focus()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, CharterScreen), "q on a form must not quit"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_review_and_wins_open_from_the_palette(make_app, demo_store):
    from mentor_tui.screens.review import ReviewScreen
    from mentor_tui.screens.wins import WinsScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for title, screen in (("open review", ReviewScreen), ("open wins wall", WinsScreen)):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*title)
            await workers_finished(pilot)  # the palette's search is a worker: its hits are in
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, screen), title
            await pilot.press("escape")
            await settle(pilot)


async def test_the_app_can_start_on_any_area(make_app, pair):
    app = make_app(start_in="journal")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)


async def test_prep_brief_opens_from_the_palette(make_app, demo_store):
    from mentor_tui.screens.brief import BriefScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"prep brief")
        await workers_finished(pilot)  # the palette's search is a worker: its hits are in
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)


async def test_an_area_loads_once_per_showing(make_app, pair, monkeypatch):
    loads: list[str | None] = []
    original = DashboardScreen.load

    def counted(self, pair_id):
        loads.append(pair_id)
        return original(self, pair_id)

    monkeypatch.setattr(DashboardScreen, "load", counted)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert loads == [pair.id], "the first showing loads once"
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert loads == [pair.id, pair.id], "coming back loads again, once"


async def test_without_a_pair_y_opens_sync_where_a_partners_pair_is_joined(make_app, me):
    """A mentee whose mentor made the pair leaves the new-pair form: the area keys do
    nothing yet, but `y` opens Sync, whose `i` joins with the invite code."""
    from mentor_tui.screens.sync import SyncScreen, SyncSetupScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CharterScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.pair is None
        shown = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        assert "y" in shown and not shown & {"j", "g", "m", "s", "right_square_bracket"}
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, SyncSetupScreen)
        assert app.screen.query_one("#how", Select).value == "join"  # nothing to publish yet
