"""Sync: where the chosen pair syncs and when it last did, a preview of what would be
published, and sync on a key. Thin: the sync services decide; the slow parts run in
thread workers that post progress messages and never touch widgets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from mentor_tui.screens.base import AreaScreen
from mentor_tui.screens.form import FormModal
from mentor_tui.services.text import visible
from mentor_tui.widgets.render import plain

SYNC_GROUP, PREVIEW_GROUP, SETUP_GROUP = "sync", "preview", "setup"


@dataclass(frozen=True)
class SyncData:
    status: Any  # sync.report.SyncStatus, or None before any pair exists
    label: str
    zone: str


class SyncProgress(Message):
    """Posted from the sync worker's thread; shown by the screen."""

    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage, self.done, self.total = stage, done, total


class PasswordScreen(FormModal[str | None]):
    """Asks for the WebDAV password once per run when no keyring holds it. Nothing is
    written here (the caller keeps it): Enter answers, Escape asks only if typed."""

    LEAVE_QUESTION = "Forget the password you typed?"
    LEAVE_YES = "Forget it"

    def __init__(self, user: str, host: str) -> None:
        super().__init__()
        self.user, self.host = user, host

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-card"):
            yield Static(
                plain(f"WebDAV password for {self.user} at {self.host}", one_line=True),
                classes="form-title",
            )
            yield Static(
                "No keyring holds it: it is kept in memory until you quit.", classes="form-help"
            )
            yield Input(id="password", password=True)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#password", Input).value or None)


class GoOnEnterCheckbox(Checkbox, inherit_bindings=False):
    """Space ticks it; Enter goes ahead, as the form's button says ("Go (enter)"): with
    Textual's Checkbox, Enter on it ticked encryption on or off instead."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Toggle", show=False)
    ]

    def key_enter(self) -> None:
        if isinstance(self.screen, FormModal):
            self.screen.action_save()


class SyncSetupScreen(FormModal[dict[str, str] | None]):
    """Publish the pair (git or WebDAV), or join a partner's with their invite code. The
    answer goes back to the Sync screen, whose worker does the (slow, networked) set-up."""

    LEAVE_QUESTION = "Leave the sync set-up without going ahead?"

    def __init__(self, *, joining: bool = False) -> None:
        super().__init__()
        self.joining = joining  # no pair yet: there is nothing to publish, only to join

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-card"):  # scrolls on an 80x24 terminal
            yield Static("Set up sync, or join your partner's", classes="form-title")
            yield Label("How")
            yield Select(
                [
                    ("Publish this pair to a git repository", "git"),
                    ("Publish this pair to a WebDAV folder", "webdav"),
                    ("Join with an invite code", "join"),
                ],
                id="how",
                value="join" if self.joining else "git",
                allow_blank=False,
            )
            yield Label("Repository or WebDAV folder URL, or the invite code")
            yield Input(id="where")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("WebDAV user")
                    yield Input(id="user")
                with Vertical():
                    yield Label("WebDAV password")
                    yield Input(id="password", password=True)
            yield GoOnEnterCheckbox(
                "Encrypt end to end (the host sees only ciphertext)", id="encrypt"
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Go (enter)", id="go", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#where", Input).focus()

    @on(Button.Pressed, "#go")
    def _go_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        how = self.query_one("#how", Select).value
        self.dismiss(
            {
                "how": str(how),
                **{
                    name: self.query_one(f"#{name}", Input).value
                    for name in ("where", "user", "password")
                },
                "encrypt": "yes" if self.query_one("#encrypt", Checkbox).value else "",
            }
        )


class SyncScreen(AreaScreen[SyncData]):
    NEEDS_PAIR = False  # joining works before any pair exists
    BINDINGS = [
        Binding("r", "sync_now", "Sync now"),
        Binding("v", "preview", "Preview"),
        Binding("i", "setup", "Set up / join"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="sync-status", classes="screen-summary")
        yield Static("", id="sync-progress", classes="screen-summary")
        with VerticalScroll(id="sync-preview"):
            yield Static("", id="sync-preview-text")

    # -- status --------------------------------------------------------------------------
    def load(self, pair_id: str | None) -> SyncData:
        from mentor_tui.sync.report import status

        view = self.app.pair
        if pair_id is None or view is None:
            return SyncData(None, "", "UTC")
        return SyncData(status(self.store, self.app.home, pair_id), view.label, view.me.timezone)

    def show(self, data: SyncData) -> None:
        self._data = data
        text = Text()
        info = data.status
        if info is None:
            text.append("No pair yet. Press i to join your partner's with their invite code.")
        elif not info.configured:
            text.append("Sync is not set up for ", style="bold")
            text.append(visible(data.label, one_line=True), style="bold")
            text.append(
                ".\nPress i to publish it to a git repository or a WebDAV folder, "
                "or to join your partner's."
            )
        else:
            from mentor_tui.sync.wording import status_rows

            # The rows `mentor sync status` prints (sync/wording.py).
            rows = status_rows(info, data.label, self._partner(), data.zone)
            for name, value in rows:
                text.append(f"{name:<16}", style="bold")
                text.append(f"{visible(value, one_line=True)}\n")  # never markup, never raw
            text.append("r sync now · v preview what would be published", style="dim")
        self.query_one("#sync-status", Static).update(text)

    def _partner(self) -> str:
        pair = self.app.pair
        return pair.partner.display_name if pair is not None else "your partner"

    def show_no_pair(self) -> None:
        self.show(SyncData(None, "", "UTC"))

    # -- sync ----------------------------------------------------------------------------
    def _not_set_up(self) -> bool:
        """Whether there is nothing to sync yet (and it said what to do instead)."""
        info = getattr(self, "_data", None)
        if info is not None and info.status is None:  # there is no "this pair" to name
            self.notify(
                "No pair yet: press i to join your partner's with their invite code.",
                severity="warning",
            )
            return True
        if info is None or not info.status.configured:
            self.notify("Sync is not set up for this pair: press i.", severity="warning")
            return True
        return False

    def action_sync_now(self) -> None:
        if self._not_set_up():
            return
        info = self._data
        if info.status.kind == "webdav" and not self._have_password(info.status):
            from mentor_tui.sync.webdav import host_of

            host = host_of(info.status.location)

            def entered(password: str | None) -> None:
                if password:
                    from mentor_tui.sync.credentials import store_password

                    store_password(info.status.user, host, password)
                    self._start_sync()

            self.app.push_screen(PasswordScreen(info.status.user, host), entered)
            return
        self._start_sync()

    def _have_password(self, status: Any) -> bool:
        from mentor_tui.sync.canonical import SyncError
        from mentor_tui.sync.credentials import get_password
        from mentor_tui.sync.webdav import host_of

        try:
            get_password(status.user, host_of(status.location))
        except SyncError:
            return False
        return True

    def _start_sync(self) -> None:
        from mentor_tui.sync.service import sync

        pair_id, store, home = self.app.pair_id, self.store, self.app.home
        assert pair_id is not None

        def report(stage: str, done: int, total: int) -> None:
            self.post_message(SyncProgress(stage, done, total))

        def work() -> Any:
            from mentor_tui.services.pairs import get_pair

            result = sync(store, home, pair_id, progress=report)
            # Named as the sync left them: it may just have taken their name in.
            return get_pair(store, pair_id), result

        self._progress(Text("Syncing…"))
        self.run_worker(work, thread=True, exclusive=True, group=SYNC_GROUP, exit_on_error=False)

    def on_sync_progress(self, message: SyncProgress) -> None:
        counted = f" {message.done}/{message.total}" if message.total else ""
        self._progress(plain(f"{message.stage}{counted}…", one_line=True))

    def _progress(self, text: Text) -> None:
        self.query_one("#sync-progress", Static).update(text)

    # -- preview -------------------------------------------------------------------------
    def action_preview(self) -> None:
        from mentor_tui.sync.report import preview

        if self._not_set_up():
            return
        pair_id, store, home = self.app.pair_id, self.store, self.app.home
        assert pair_id is not None  # configured: a pair is chosen
        self.run_worker(
            lambda: preview(store, home, pair_id),
            thread=True,
            exclusive=True,
            group=PREVIEW_GROUP,
            exit_on_error=False,
        )

    def _show_preview(self, shown: Any) -> None:
        from mentor_tui.sync.wording import preview_heading, preview_rows

        partner = self._partner()
        # The words `mentor sync preview` prints (sync/wording.py), each line made safe.
        text = Text()
        text.append(visible(preview_heading(shown, partner), one_line=True) + "\n", style="bold")
        for row in preview_rows(shown):
            text.append(visible(row) + "\n")  # titles are one line already (record_label)
        text.append("\nSUMMARY.md\n", style="bold")
        text.append(visible(shown.summary))
        self.query_one("#sync-preview-text", Static).update(text)

    # -- setup and join ------------------------------------------------------------------
    def action_setup(self) -> None:
        self.app.push_screen(SyncSetupScreen(joining=self.app.pair is None), self._set_up)

    def _set_up(self, answer: dict[str, str] | None) -> None:
        if not answer:
            return
        store, home, view = self.store, self.app.home, self.app.pair

        def work() -> Any:
            from mentor_tui.errors import MentorError
            from mentor_tui.sync.join import join
            from mentor_tui.sync.service import setup_git, setup_webdav

            where = answer["where"].strip()
            if answer["how"] == "join":
                return join(
                    store, home, where, user=answer["user"], password=answer["password"] or None
                )
            if view is None:
                raise MentorError("create a pair first (n), or join your partner's")
            sealed = bool(answer.get("encrypt"))
            if answer["how"] == "git":
                return setup_git(store, home, view, where, encrypt=sealed)
            return setup_webdav(
                store, home, view, where, answer["user"], answer["password"], encrypt=sealed
            )

        self._progress(Text("Setting up…"))
        self.run_worker(work, thread=True, exclusive=True, group=SETUP_GROUP, exit_on_error=False)

    # -- results -------------------------------------------------------------------------
    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        from mentor_tui.sync.wording import sync_lines

        group = event.worker.group
        if group not in (SYNC_GROUP, PREVIEW_GROUP, SETUP_GROUP):
            return
        if event.state == WorkerState.ERROR:
            self._progress(plain(str(event.worker.error), style="bold red"))
            return
        if event.state != WorkerState.SUCCESS:
            return
        result: Any = event.worker.result
        if group == PREVIEW_GROUP:
            self._show_preview(result)
            return
        pair, result = result  # SETUP_GROUP: an invite code, or the pair joined
        if not isinstance(pair, str) and group == SETUP_GROUP:
            self.app.reload_pairs(prefer=pair.id)  # joined: a new pair to choose
            self.app.refresh_bindings()  # keys that need a pair (the areas') are offered now
        view = self.app.pair if isinstance(pair, str) else pair
        partner = view.partner.display_name if view is not None else "your partner"
        # The words `mentor sync` prints (sync/wording.py), each line made safe.
        line = Text("\n".join(visible(said) for said in sync_lines(result, partner)))
        for problem in result.problems:
            line.append("\n" + visible(problem), style="yellow")
        self._progress(line)
        self.query_one("#sync-preview-text", Static).update("")  # what it showed is published
        self.app.reload_pairs(prefer=self.app.pair_id)  # names may have changed; reloads us


SCREEN = SyncScreen
