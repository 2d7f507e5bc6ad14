"""The screen kit: one base for every pop-up form and full-screen editor.

What every form shares, written once:
- it knows whether anything changed: the field values when it loaded against now
  (`is_dirty`); Escape asks before throwing changes away, and just leaves otherwise;
- ctrl+s saves (a priority binding: a focused TextArea does not swallow it);
- one inline error line (`#form-error`), shown as rich Text, never as markup;
- the save runs in a thread worker (group "write"): the form reads its widgets on the UI
  thread, the worker calls the service with those plain values, and the outcome comes
  back as Worker.StateChanged, handled on the UI thread. A failure (a refused value, a
  busy or unwritable database) keeps the form open with every typed character and says
  why in one line; while a save runs, another ctrl+s is ignored and the save button
  says "Saving…";
- drafts (screens/form_drafts.py): a form that names its draft (`draft_key`) keeps what
  is typed on disk while the user types, drops it when saved or discarded, and puts it
  back when the form opens again after a crash or a killed terminal.

`FormModal[T]` is for pop-ups (ModalScreen), `EditorScreen[T]` for full screens.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.events import Mount
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, Switch, TextArea
from textual.worker import Worker, WorkerState

from mentor_tui.errors import MentorError
from mentor_tui.models.storage import BUSY, storage_error
from mentor_tui.screens.form_drafts import FormDrafts
from mentor_tui.services.drafts import DraftKey
from mentor_tui.widgets.confirm import ConfirmScreen
from mentor_tui.widgets.quiet import update_static

if TYPE_CHECKING:
    from mentor_tui.app import MentorApp
    from mentor_tui.models.db import Store

T = TypeVar("T")

WRITE_GROUP = "write"
SAVING_LABEL = "Saving…"

#: What a save does off the UI thread: the service call, with plain values bound.
Job = Callable[["Store"], Any]


def storage_problem(error: BaseException) -> str | None:
    """One line for a storage failure, None for any other error.

    The Store says what failed in its own words (StorageError); a raw driver error that
    slipped past it still gets one line here rather than a traceback.
    """
    translated = storage_error(error)
    if translated is not None:
        return str(translated)
    # Such an error exists only once SQLAlchemy is imported: a form opened before the
    # Store (the light start) does not import it to ask.
    sqlalchemy_errors = sys.modules.get("sqlalchemy.exc")
    if sqlalchemy_errors is not None and isinstance(error, sqlalchemy_errors.DBAPIError):
        reason = str(error.orig)
    elif isinstance(error, sqlite3.Error | OSError):
        reason = str(error)
    else:
        return None
    if "locked" in reason or "busy" in reason:
        return BUSY
    first_line = reason.strip().splitlines()[0] if reason.strip() else type(error).__name__
    return f"the database cannot be written: {first_line}"


def failure_line(error: BaseException, prefix: str = "") -> str:
    """What the form's error line says when a save failed."""
    problem = storage_problem(error)
    if problem is not None:
        return f"Could not save: {problem}"
    if isinstance(error, MentorError):
        return f"{prefix}{error}"
    # A bug, not the user's doing: still keep the form and its text, and say what broke.
    return f"Could not save: {type(error).__name__}: {error}"


@dataclass(frozen=True)
class Written:
    """What the write worker hands back: the job's result, or the error it raised. The
    worker itself always succeeds, so a refused save is an answer, not a crashed worker."""

    result: Any = None
    error: Exception | None = None


def _write(job: Job, store: Callable[[], Store]) -> Written:
    try:
        return Written(result=job(store()))
    except Exception as error:  # every failure goes back to the form, as one line
        return Written(error=error)


def widget_value(widget: Widget) -> object:
    """A field's value as the dirty check compares it."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return None if widget.is_blank() else widget.value
    if isinstance(widget, Input | Switch):
        return widget.value
    return None


class FormError(Static):
    """The form's one error line: plain text, never markup. `collapse` hides it while it
    is empty, for screens whose layout had no room kept for it."""

    def __init__(self, *, collapse: bool = False) -> None:
        super().__init__("", id="form-error", classes="form-error", markup=False)
        self.collapse = collapse
        self.display = not collapse

    def say(self, message: str) -> None:
        update_static(self, Text(message))  # editors clear it on every key: mostly a no-op
        if self.collapse:
            self.display = bool(message)


class FormBase(Screen[T]):
    """Dirty tracking, Escape that asks, ctrl+s, one error line, saves in a worker.

    A form implements `save_job` (read widgets, check what can be checked here, return
    the service call) and, when saving should not just dismiss with the job's result,
    `saved`. Everything else has a default that forms override where they differ.
    """

    #: Asked on Escape when something changed; the answers say what they do.
    LEAVE_QUESTION = "Leave without saving? What you typed is lost."
    LEAVE_YES = "Discard"
    LEAVE_NO = "Keep editing"
    #: Put before a refused value's message (e.g. "not saved: ").
    ERROR_PREFIX = ""
    SAVE_BINDING: ClassVar[Binding] = Binding("ctrl+s", "save", "Save", priority=True)
    LEAVE_BINDING: ClassVar[Binding] = Binding("escape", "leave", "Back")

    _clean: dict[str, object] | None = None
    _writer: Worker[Written] | None = None
    _on_written: Callable[[Any], None] | None = None
    _on_failed: Callable[[str], None] | None = None
    _written_values: dict[str, object] | None = None
    _error_prefix = ""
    _leave_after_write = False
    _save_label: str | None = None
    _form_closed = False
    _drafts: FormDrafts | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Every form gets ctrl+s first and Escape last among its own keys (the footer's
        # order), unless it binds them itself. Set before Textual merges the bindings.
        if cls.__module__ != __name__:
            own: list[BindingType] = list(cls.__dict__.get("BINDINGS", []))
            keys = {
                key.strip()
                for binding in own
                if isinstance(binding, Binding)
                for key in binding.key.split(",")
            }
            cls.BINDINGS = [
                *([cls.SAVE_BINDING] if "ctrl+s" not in keys else []),
                *own,
                *([cls.LEAVE_BINDING] if "escape" not in keys else []),
            ]
        super().__init_subclass__(**kwargs)

    # ---- the app and its store ----------------------------------------------------------

    @property
    def mentor(self) -> MentorApp:
        return cast("MentorApp", self.app)

    @property
    def store(self) -> Store:
        return self.mentor.store

    # ---- changed or not -----------------------------------------------------------------

    @on(Mount)
    def _take_clean_snapshot(self) -> None:
        # Runs after the form's own on_mount (Textual calls the subclass's handler first),
        # so the fields are filled: what they hold now is the clean state.
        if self._clean is None:
            self.mark_clean()
        self.drafts.offer()
        self.mentor.open_store_soon()  # a save is coming: open the Store while typing

    # ---- drafts -------------------------------------------------------------------------

    def draft_key(self) -> DraftKey | None:
        """Which draft this form keeps: its kind, the record (None for a new one), the
        pair. None keeps no draft (a form that only asks for a secret, say)."""
        return None

    @property
    def drafts(self) -> FormDrafts:
        if self._drafts is None:
            self._drafts = FormDrafts(self)
        return self._drafts

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Switch.Changed)
    def _field_changed(self) -> None:
        self.drafts.changed()

    def form_values(self) -> dict[str, object]:
        """Every field's value, by id (forms with other fields override)."""
        return {
            widget.id: widget_value(widget)
            for widget in self.query("Input, TextArea, Select, Switch")
            if widget.id
        }

    def mark_clean(self, values: dict[str, object] | None = None) -> None:
        """These values (now, by default) are what is saved: no question on leaving."""
        self._clean = dict(self.form_values() if values is None else values)

    def clean_values(self) -> dict[str, object]:
        return dict(self._clean or {})

    def is_dirty(self) -> bool:
        return self._clean is not None and self.form_values() != self._clean

    # ---- leaving ------------------------------------------------------------------------

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        self._form_closed = True  # a deferred Escape must not dismiss a second time
        return super().dismiss(result)

    def action_leave(self) -> None:
        if self._form_closed:
            return
        if self.saving:
            self._leave_after_write = True  # leave once the save is through, if it is
            return
        if not self.is_dirty():
            self.drafts.drop()
            self.leave()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.drafts.drop()
                self.leave()

        self.app.push_screen(
            ConfirmScreen(self.LEAVE_QUESTION, yes=self.LEAVE_YES, no=self.LEAVE_NO), answered
        )

    def leave(self) -> None:
        """Nothing to save, or the user chose to discard it: go."""
        self.dismiss(None)

    @on(Button.Pressed, "#cancel, #leave")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_leave()

    # ---- saving -------------------------------------------------------------------------

    @property
    def saving(self) -> bool:
        return self._writer is not None

    def action_save(self) -> None:
        if self.saving:
            return
        values = self.form_values()
        try:
            job = self.save_job()
        except MentorError as problem:  # refused before any write: the text stays
            self.show_error(f"{self.ERROR_PREFIX}{problem}")
            return
        self.run_write(job, self.saved, prefix=self.ERROR_PREFIX, clean=values)

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def save_job(self) -> Job:
        """Read the fields (UI thread) and return the service call the worker makes."""
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        """The save went through (UI thread): by default the form closes with the result."""
        self.dismiss(result)

    def run_write(
        self,
        job: Job,
        done: Callable[[Any], None],
        *,
        prefix: str = "",
        clean: dict[str, object] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run `job(store)` in the write worker; `done(result)` on success, on the UI
        thread; on failure `failed(line)` (by default `write_failed`: the error line).
        `clean`: the values the job saves, clean once it succeeded."""
        if self.saving:
            return
        self.show_error("")
        self._on_written, self._on_failed = done, failed
        self._written_values, self._error_prefix = clean, prefix
        button = self._save_button()
        if button is not None:
            self._save_label = str(button.label)
            button.label = SAVING_LABEL
        self._writer = self.run_worker(
            # The Store is fetched in the worker: after the light start it may still be
            # opening (open_store_soon, below), and the UI must not wait for it.
            partial(_write, job, lambda: self.mentor.store),
            thread=True,
            exclusive=True,
            group=WRITE_GROUP,
            exit_on_error=False,
        )

    def _save_button(self) -> Button | None:
        found = self.query("#save")
        button = found.first() if found else None
        return button if isinstance(button, Button) else None

    @on(Worker.StateChanged)
    def _write_finished(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._writer or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            return
        event.stop()
        done, failed = self._on_written, self._on_failed
        clean, prefix = self._written_values, self._error_prefix
        leave = self._leave_after_write
        self._writer = self._on_written = self._on_failed = self._written_values = None
        self._leave_after_write = False
        button = self._save_button()
        if button is not None and self._save_label is not None:
            button.label = self._save_label
        written = event.worker.result if event.state == WorkerState.SUCCESS else None
        if written is not None and written.error is None:
            if clean is not None:
                self.mark_clean(clean)
                self.drafts.saved()
            if done is not None:
                done(written.result)
            if leave and not self._form_closed and self.app.screen is self:
                self.action_leave()
            return
        error = written.error if written is not None else event.worker.error
        line = failure_line(error, prefix) if error is not None else "Could not save: stopped"
        (failed or self.write_failed)(line)

    def write_failed(self, line: str) -> None:
        """A save did not go through: the form stays as typed and says why."""
        self.show_error(line)

    # ---- the error line -----------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """One line under the fields; a form without one shows a notification."""
        # query_one finds an id without walking the whole form (editors call this per key).
        try:
            line: Widget | None = self.query_one("#form-error")
        except NoMatches:
            line = None
        if isinstance(line, FormError):
            line.say(message)
        elif isinstance(line, Static):
            update_static(line, Text(message))
        elif message:
            self.notify(message, severity="error", markup=False)

    def error_and_buttons(
        self, save: str = "Save (ctrl+s)", cancel: str = "Cancel (esc)"
    ) -> ComposeResult:
        """The error line and the Cancel / Save buttons most forms end with."""
        yield FormError()
        with Horizontal(classes="form-buttons"):
            yield Button(cancel, id="cancel")
            yield Button(save, id="save", variant="primary")


class FormModal(FormBase[T], ModalScreen[T]):
    """A pop-up form; Enter in a one-line field saves."""

    LEAVE_BINDING: ClassVar[Binding] = Binding("escape", "leave", "Cancel")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submitted(event)

    def submitted(self, _event: Input.Submitted) -> None:
        self.action_save()


class EditorScreen(FormBase[T]):
    """A full-screen editor: Enter stays a key for the field."""
