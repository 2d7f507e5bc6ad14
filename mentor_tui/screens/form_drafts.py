"""The screen kit's drafts: what a form holds survives a killed terminal.

A form that names its draft (`FormBase.draft_key`) gets, from the kit:
- while the user types: DRAFT_DELAY after the last change, the form's values are written
  to its draft (services/drafts.py) in a thread worker, so the typing never waits on the
  disk; only when they differ from the stored record and from the last draft written;
- on a save that went through, or on leaving without saving (nothing changed, or the user
  chose to discard): the draft is removed;
- when the form opens again and its draft differs from the stored record: the draft is
  put back into the fields, and a notice says so, from when, and how to drop it.

Restored, not asked about: the usual reason to reopen a form after a crash is to go on
with what was typed; in a form every letter is text (an "r restore / d discard" question
would need a dialog first, in the way of every open); and nothing is saved until ctrl+s,
while Escape still asks before throwing the restored text away, and then drops the draft.

Passwords are never written: an Input with password=True is left out of every draft.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.css.query import QueryError
from textual.timer import Timer
from textual.widgets import Input, Select, Switch, TextArea
from textual.widgets.select import InvalidSelectValueError

from mentor_tui.dates import format_instant, local
from mentor_tui.services.drafts import (
    DraftKey,
    DraftValue,
    discard_draft,
    load_draft,
    save_draft,
)

if TYPE_CHECKING:
    from mentor_tui.screens.form import FormBase

#: Seconds after the last change before the draft is written.
DRAFT_DELAY = 0.5
DRAFT_GROUP = "draft"


def _keep(
    home: Path,
    key: DraftKey,
    values: Mapping[str, object],
    at: datetime,
    still_wanted: Callable[[], bool],
) -> Path | None:
    """The draft worker: a folder that cannot be written keeps no draft, and says nothing
    (the form itself, and its save, go on as before)."""
    try:
        return save_draft(home, key, values, at, still_wanted=still_wanted)
    except OSError:
        return None


class FormDrafts:
    """One form's draft: when to write it, when to drop it, and offering it back."""

    def __init__(self, form: FormBase[Any]) -> None:
        self.form = form
        self._timer: Timer | None = None
        self._written: dict[str, object] | None = None  # what the draft file holds
        self._keys: set[DraftKey] = set()  # every key this form wrote or restored
        # Bumped by every write and every drop: a write queued before a newer write or a
        # drop sees that under the store's lock and skips.
        self._sequence = 0

    @property
    def home(self) -> Path:
        # The app's home, not the Store's folder (the same place): a form opened before the
        # Store (the light start) must not wait for it to offer its draft.
        return self.form.mentor.home

    def values(self) -> dict[str, object]:
        """The form's values, without any password typed in it."""
        secret = {field.id for field in self.form.query(Input) if field.password and field.id}
        return {name: v for name, v in self.form.form_values().items() if name not in secret}

    # ---- while typing -------------------------------------------------------------------

    def changed(self) -> None:
        """A field changed: the draft is written once the typing pauses."""
        if self.form.draft_key() is None or self.form._clean is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.form.set_timer(DRAFT_DELAY, self.write)

    def write(self) -> None:
        self._timer = None
        key = self.form.draft_key()
        if key is None or self.form._form_closed or not self.form.is_mounted:
            return
        if not self.form.is_dirty():  # typed back to what is stored: no draft
            if self._keys:
                self.drop()
            return
        values = self.values()
        if values == self._written and key in self._keys:
            return
        self._written, self._sequence = values, self._sequence + 1
        self._keys.add(key)
        sequence = self._sequence
        self.form.run_worker(
            partial(
                _keep,
                self.home,
                key,
                values,
                self.form.mentor.clock.now(),
                lambda: self._sequence == sequence,
            ),
            thread=True,
            group=DRAFT_GROUP,
            exit_on_error=False,
        )

    # ---- saved or discarded -------------------------------------------------------------

    def drop(self) -> None:
        """The form's draft goes (on the UI thread: a quick unlink)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        key = self.form.draft_key()
        keys = self._keys | ({key} if key is not None else set())
        self._sequence += 1
        for each in keys:
            discard_draft(self.home, each)
        self._keys.clear()
        self._written = None

    def saved(self) -> None:
        """The form's values were saved: the draft goes; what was typed during the save
        (if anything) becomes the next draft."""
        self.drop()
        if self.form.is_dirty():
            self.changed()

    # ---- offered back -------------------------------------------------------------------

    def offer(self) -> None:
        """On opening: a draft that differs from the stored record goes back into the
        fields (the stored values stay the clean state: the form counts as changed)."""
        key = self.form.draft_key()
        if key is None:
            return
        draft = load_draft(self.home, key)
        if draft is None:
            return
        current = self.values()
        # Only the form's own fields: a draft file is read as hostile as any stored text.
        kept = {name: value for name, value in draft.values.items() if name in current}
        if all(current[name] == value for name, value in kept.items()):
            discard_draft(self.home, key)  # nothing the stored record does not hold
            return
        for name, value in kept.items():
            self._restore(name, value)
        self._keys.add(key)
        self._written = self.values()
        self.form.notify(
            f"Restored your unsaved draft from {self._when(draft.saved_at)}. ctrl+s saves "
            f"it; Escape, then {self.form.LEAVE_YES}, drops it.",
            title="Draft",
            timeout=10,
            markup=False,
        )

    def _restore(self, name: str, value: DraftValue) -> None:
        try:
            field = self.form.query_one(f"#{name}")
        except QueryError:
            return
        try:
            if isinstance(field, TextArea) and isinstance(value, str):
                field.load_text(value)
            elif isinstance(field, Input):
                if isinstance(value, str):
                    field.value = value
            elif isinstance(field, Switch):
                if isinstance(value, bool):
                    field.value = value
            elif isinstance(field, Select):
                if value is None:
                    field.clear()
                else:
                    field.value = value
        except InvalidSelectValueError:
            pass  # the choice is gone (a goal dropped since): the stored one stays

    def _when(self, saved_at: datetime | None) -> str:
        if saved_at is None:
            return "an earlier session"
        me = self.form.mentor.me
        zone = me.timezone if me is not None else "UTC"
        now = self.form.mentor.clock.now()
        same_day = local(saved_at, zone).date() == local(now, zone).date()
        return format_instant(saved_at, zone, with_date=not same_day)
