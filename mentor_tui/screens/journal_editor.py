"""Write or edit a journal entry: Markdown with a live preview, tags, a goal link, the
prompt of the week, and an explicit share switch (private by default).

ctrl+s saves (in the write worker, screens/form.py); ctrl+e opens the text in $EDITOR
(the app steps aside meanwhile); ctrl+t starts the text with the prompt of the week;
escape leaves, asking when unsaved.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static, Switch, TextArea

from mentor_tui.dates import local
from mentor_tui.models.journal_sql import prompt_of_week
from mentor_tui.screens.form import EditorScreen, FormError, Job
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.pair_view import PairView
from mentor_tui.services.start_up import EditorStart, editor_start_quickly
from mentor_tui.services.text import visible
from mentor_tui.widgets.footer import FittingFooter
from mentor_tui.widgets.markdown_preview import MarkdownPreview
from mentor_tui.widgets.render import plain

if TYPE_CHECKING:
    from mentor_tui.models.db import Store


class JournalEditorScreen(EditorScreen[str | None]):
    """Dismisses with the entry's id once saved, else None."""

    BINDINGS = [
        Binding("ctrl+e", "external_editor", "$EDITOR", priority=True),
        Binding("ctrl+t", "use_prompt", "Use the prompt", priority=True),
    ]
    LEAVE_QUESTION = "Leave without saving this entry?"
    LEAVE_YES, LEAVE_NO = "Leave", "Stay"

    def __init__(self, pair: PairView | None, entry_id: str | None) -> None:
        super().__init__()
        self.pair, self.entry_id = pair, entry_id
        self.prompt = ""

    def draft_key(self) -> DraftKey:
        return DraftKey("journal", self.entry_id, self.pair.id if self.pair else None)

    def compose(self) -> ComposeResult:
        with Vertical(id="journal-editor-head"):
            yield Static("", id="journal-prompt")
            with Horizontal(id="journal-meta"):
                yield Input(
                    id="entry-title",
                    placeholder="title (or leave empty: the first sentence becomes the title)",
                )
                yield Input(
                    id="entry-tags",
                    placeholder="tags: python career (@words in the text count too)",
                )
            with Horizontal(id="journal-meta-2"):
                yield Select([], prompt="no goal", id="entry-goal")
                yield Label("Share with my partner", id="share-label")
                yield Switch(False, id="entry-share")
                yield Static("", id="share-state")
            yield FormError(collapse=True)
        with Horizontal(id="journal-edit-pair"):
            yield TextArea(id="entry-body", soft_wrap=True, tab_behavior="focus")
            with VerticalScroll(id="journal-preview"):
                yield MarkdownPreview("*The preview appears here.*", id="entry-markdown")
        yield FittingFooter()

    def _first_reads(self) -> EditorStart:
        """The goals to choose from and the entry edited: on the quick path while the
        Store is not open (the form kit opens it meanwhile, for the save), so the editor
        shows at once."""
        pair_id = self.pair.id if self.pair else None
        if not self.mentor.store_open:
            from mentor_tui.paths import database_path

            quick = editor_start_quickly(database_path(self.mentor.home), pair_id, self.entry_id)
            if quick is not None:
                return quick
        # The storage stack's services: imported here, when the Store is open or opens.
        from mentor_tui.services.goals import list_goals
        from mentor_tui.services.journal import get_journal_entry

        goals = list_goals(self.store, pair_id) if pair_id else []
        entry = get_journal_entry(self.store, self.entry_id) if self.entry_id else None
        return EditorStart([(g.goal.title, g.goal.id) for g in goals], entry)

    def on_mount(self) -> None:
        zone = self.mentor.me.timezone if self.mentor.me else "UTC"
        self.prompt = prompt_of_week(local(self.mentor.clock.now(), zone).date())
        start = self._first_reads()
        goals = start.goals
        self.query_one("#entry-goal", Select).set_options(
            [(plain(title[:50], one_line=True), goal_id) for title, goal_id in goals]
        )
        entry = start.entry
        if entry is not None:
            self.query_one("#entry-title", Input).value = entry.title
            self.query_one("#entry-tags", Input).value = entry.tags
            self.query_one("#entry-body", TextArea).load_text(entry.body)
            self.query_one("#entry-share", Switch).value = entry.shared
            if entry.goal_id and any(goal_id == entry.goal_id for _title, goal_id in goals):
                self.query_one("#entry-goal", Select).value = entry.goal_id
            self.prompt = entry.prompt or self.prompt
        self._show_prompt()
        self._share_state()
        self._render_preview()
        self.query_one("#entry-body", TextArea).focus()

    def _show_prompt(self) -> None:
        text = Text("Prompt of the week: ", style="dim")
        text.append(visible(self.prompt, one_line=True), style="bold italic")
        text.append("   ctrl+t to start with it · ctrl+e opens $EDITOR", style="dim")
        self.query_one("#journal-prompt", Static).update(text)

    def _values(self) -> tuple[str, str, str, str | None, bool]:
        goal = self.query_one("#entry-goal", Select).value
        return (
            self.query_one("#entry-title", Input).value,
            self.query_one("#entry-tags", Input).value,
            self.query_one("#entry-body", TextArea).text,
            goal if isinstance(goal, str) else None,  # no goal chosen: Select's blank
            self.query_one("#entry-share", Switch).value,
        )

    @on(Switch.Changed, "#entry-share")
    def _share_state(self) -> None:
        shared = self.query_one("#entry-share", Switch).value
        self.query_one("#share-state", Static).update(
            Text("shared: your partner sees it after the next sync", style="bold green")
            if shared
            else Text("private: only on this machine", style="dim")
        )

    @on(TextArea.Changed, "#entry-body")
    def _body_changed(self) -> None:
        self.query_one(MarkdownPreview).follow(self.query_one("#entry-body", TextArea).text)

    def _render_preview(self) -> None:
        self.query_one(MarkdownPreview).show_now(self.query_one("#entry-body", TextArea).text)

    def action_use_prompt(self) -> None:
        area = self.query_one("#entry-body", TextArea)
        if not area.text.startswith(self.prompt):
            area.load_text(f"{self.prompt}\n\n{area.text}")
            area.move_cursor(area.document.end)  # write on after the prompt
            self._render_preview()

    def save_job(self) -> Job:
        from mentor_tui.services.journal import (
            add_journal_entry,
            set_shared,
            update_journal_entry,
        )

        title, tags, body, goal, shared = self._values()
        pair_id = self.pair.id if self.pair else None
        used_prompt = self.prompt if body.startswith(self.prompt) else ""
        entry_id = self.entry_id
        if entry_id is None:
            return lambda store: (
                add_journal_entry(
                    store,
                    body,
                    title=title.strip() or None,
                    tags=[tags],
                    shared=shared,
                    pair_id=pair_id,
                    goal_id=goal,
                    prompt=used_prompt,
                ).id
            )

        def update(store: Store) -> str:
            update_journal_entry(
                store,
                entry_id,
                title=title,
                body=body,
                tags=[tags],
                goal_id=goal,
                prompt=used_prompt,
            )
            set_shared(store, entry_id, shared)
            return entry_id

        return update

    def action_external_editor(self) -> None:
        """The text in $EDITOR (or $VISUAL); the app steps aside until it exits."""
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify(
                "Set $EDITOR (e.g. export EDITOR=nano) to write in your own editor.",
                severity="warning",
            )
            return
        area = self.query_one("#entry-body", TextArea)
        with tempfile.NamedTemporaryFile(
            "w", suffix=".md", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(area.text)
            path = Path(handle.name)
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(command), str(path)], check=False)
            area.load_text(path.read_text(encoding="utf-8"))
            self._render_preview()
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="warning")
        except (OSError, UnicodeDecodeError) as problem:
            self.notify(f"The editor did not work: {problem}", severity="error", markup=False)
        finally:
            path.unlink(missing_ok=True)
