"""The session editor: agenda, shared notes (Markdown, rendered), private notes (marked as
private, never published), outcomes, action items (with carry-forward) and feedback.

ctrl+s saves the texts (in the write worker, screens/form.py); escape leaves (asking
first when something is unsaved). ctrl+pagedown and ctrl+pageup go to the next and
previous tab in any terminal; alt+1, alt+2... go to a tab where the terminal sends alt as a
modifier (the labels carry the number); each puts the cursor in the tab's first field. Tab
moves between the fields of the tab on screen only (nothing else takes focus). On the
Agenda tab, ctrl+t fills an empty agenda from the session kind's templates
(services/template_apply.py). On the Actions tab: a adds an action item, d marks the
selected one done, x drops it, del deletes it; on the Feedback tab: f adds feedback, del
deletes the selected entry. u undoes those
(screens/session_records.py).

A session my partner scheduled came through sync and is read-only: its fields are shown,
rendered, as the partner's notes, next to my own notes on it (a record of mine, see
services/session_notes.py), which ctrl+s saves. My partner's own note on a session of mine
shows in a tab of its own once it has arrived.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static, TabbedContent, TabPane, Tabs, TextArea

from mentor_tui.models.enums import session_kind_label
from mentor_tui.screens.form import EditorScreen, FormError, Job
from mentor_tui.screens.session_records import (
    FEEDBACK_COLUMNS,
    change_item,
    delete_feedback_entry,
    feedback_rows,
)
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.session_notes import (
    SessionNoteView,
    session_notes,
    write_my_session_notes,
)
from mentor_tui.services.sessions import (
    NOTE_FIELDS,
    SessionDetail,
    session_detail,
    update_session,
)
from mentor_tui.services.template_apply import checklist_counts
from mentor_tui.services.text import visible
from mentor_tui.widgets.footer import FittingFooter
from mentor_tui.widgets.markdown_preview import MarkdownPreview
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import status
from mentor_tui.widgets.session_items import ITEM_COLUMNS, feedback_text, fit_titles, item_cells
from mentor_tui.widgets.session_notes import (
    MY_FIELDS,
    MyNotes,
    PartnerNotes,
    literal,
    partner_sections,
)

OUTCOMES = (
    ("takeaways", "Takeaways"),
    ("accomplishments", "Accomplishments"),
    ("roadblocks", "Roadblocks"),
)


#: alt+N goes to the Nth tab: a key a focused TextArea never takes (priority bindings).
TAB_KEYS = 7


def tab_label(number: int, label: str | Content) -> Content:
    """'1 Agenda': the tab's key (alt+1) in its label."""
    return Content.assemble((f"{number} ", "bold"), label)


class SessionEditorScreen(EditorScreen[None]):
    BINDINGS = [
        *(
            Binding(
                f"alt+{n}",
                f"tab({n})",
                "Tab N",
                key_display="alt+N",
                show=n == 1,
                priority=True,  # before a focused TextArea reads it as a character
            )
            for n in range(1, TAB_KEYS + 1)
        ),
        # Most terminals send alt+digit as ESC digit, which Textual reads as the macOS
        # option characters (alt+4 arrives as "¢"): keys every terminal sends move on too.
        Binding("ctrl+pagedown", "next_tab(1)", "Next tab", key_display="^PgDn", priority=True),
        Binding(
            "ctrl+pageup",
            "next_tab(-1)",
            "Prev tab",
            key_display="^PgUp",
            show=False,
            priority=True,
        ),
        Binding("ctrl+t", "agenda_template", "Template", priority=True),
        Binding("a", "add_item", "Action item", show=False),
        Binding("d", "item('done')", "Done", show=False),
        Binding("x", "item('drop')", "Drop", show=False),
        Binding("f", "add_feedback", "Feedback", show=False),
        Binding("delete", "delete_record", "Delete", key_display="del", show=False),
    ]
    LEAVE_QUESTION = "Leave without saving your changes?"
    LEAVE_YES, LEAVE_NO = "Leave", "Stay"

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.detail: SessionDetail | None = None
        self.notes: list[SessionNoteView] = []

    @property
    def theirs(self) -> bool:
        """The session came from my partner (sync): their fields are read-only here."""
        return self.detail is not None and self.detail.session.origin != ""

    def _fetch(self) -> SessionDetail:
        self.detail = session_detail(self.store, self.session_id)
        self.notes = session_notes(self.store, self.session_id)
        return self.detail

    def compose(self) -> ComposeResult:
        detail = self._fetch()
        partner = detail.pair.partner.display_name
        sections = partner_sections(detail, self.notes)
        yield Static("", id="session-head")
        yield FormError(collapse=True)
        numbers = iter(range(1, TAB_KEYS + 1))
        with TabbedContent(id="session-tabs"):
            if self.theirs:  # their fields read-only, beside my own notes on the session
                with (
                    TabPane(tab_label(next(numbers), "Notes"), id="tab-notes"),
                    Horizontal(id="notes-pair"),
                ):
                    yield MyNotes(partner, id="my-notes")
                    yield PartnerNotes(partner, sections, id="partner-notes", classes="beside")
            else:
                yield from self._compose_my_session(numbers)
            # Action items and feedback are records of their own: mine to add on any session.
            with TabPane(tab_label(next(numbers), "Actions"), id="tab-actions"):
                yield Static(
                    Text(
                        "a add · d done · x drop · del delete · u undo   Open items from "
                        "earlier sessions are carried here until done or dropped.",
                        style="dim",
                    )
                )
                yield RecordTable(
                    ITEM_COLUMNS,
                    id="items-table",
                    empty="No action items. Press a to add one.",
                )
            with TabPane(tab_label(next(numbers), "Feedback"), id="tab-feedback"):
                yield RecordTable(
                    FEEDBACK_COLUMNS,
                    id="feedback-table",
                    empty="No feedback yet.",
                )
                with VerticalScroll(id="feedback-scroll"):
                    yield Static("", id="feedback-list")
            if sections and not self.theirs:  # my partner's own notes on my session, once
                # synced: last, so that the other tabs keep their keys whether it is there
                label = tab_label(next(numbers), literal(f"{partner}'s notes"))
                with TabPane(label, id="tab-partner"):
                    yield PartnerNotes(partner, sections, id="partner-notes")
        yield FittingFooter()

    def _compose_my_session(self, numbers: Iterator[int]) -> ComposeResult:
        with TabPane(tab_label(next(numbers), "Agenda"), id="tab-agenda"):
            yield TextArea(id="agenda", soft_wrap=True, tab_behavior="focus")
        with (
            TabPane(tab_label(next(numbers), "Notes"), id="tab-notes"),
            Horizontal(id="notes-pair"),
        ):
            yield TextArea(id="shared_notes", soft_wrap=True, tab_behavior="focus")
            with VerticalScroll(id="notes-preview"):
                yield MarkdownPreview(
                    "*The shared notes, rendered, appear here.*", id="notes-markdown"
                )
        with TabPane(tab_label(next(numbers), "Private 🔒"), id="tab-private"):
            yield Static(
                Text(
                    "🔒 Private notes: only on this machine. Never published, "
                    "never synced, never exported.",
                    style="bold",
                ),
                id="private-banner",
            )
            yield TextArea(id="private_notes", soft_wrap=True, tab_behavior="focus")
        with (
            TabPane(tab_label(next(numbers), "Outcomes"), id="tab-outcomes"),
            VerticalScroll(id="outcomes-scroll"),
        ):
            for name, label in OUTCOMES:
                yield Label(label)
                yield TextArea(
                    id=name, soft_wrap=True, tab_behavior="focus", classes="outcome-text"
                )

    def on_mount(self) -> None:
        # Tab goes from field to field of the tab on screen: the tab strip (alt+N and the
        # mouse switch tabs), scroll areas around fields and read-only notes beside mine
        # never take focus. A tab with no field keeps its one focusable thing (the items
        # table, the feedback or the partner's notes, which scroll by keys).
        unfocusable: list[Widget] = [*self.query(Tabs)]
        unfocusable += [
            *self.query("#notes-preview, #outcomes-scroll, #feedback-scroll, PartnerNotes.beside")
        ]
        for widget in unfocusable:
            widget.can_focus = False
        self.load(fetch=False)  # compose has just read it
        self.query_one("#my_notes" if self.theirs else "#agenda", TextArea).focus()

    def action_next_tab(self, step: int) -> None:
        panes = [pane.id for pane in self.query_one(TabbedContent).query(TabPane)]
        active = self.query_one(TabbedContent).active
        current = panes.index(active) if active in panes else 0
        self.action_tab((current + step) % len(panes) + 1)

    def action_tab(self, number: int) -> None:
        panes = list(self.query_one(TabbedContent).query(TabPane))
        if 1 <= number <= len(panes) and panes[number - 1].id:
            self.query_one(TabbedContent).active = str(panes[number - 1].id)
            self._focus_tab()

    @on(TabbedContent.TabActivated)
    def _focus_tab(self) -> None:
        """The cursor goes to the tab's first field, so typing can start at once."""
        pane = self.query_one(TabbedContent).active_pane
        if pane is None:
            return
        first = next((w for w in pane.query("*") if w.focusable), None)
        if first is not None:
            first.focus()

    def load(self, *, texts: bool = True, fetch: bool = True) -> None:
        detail = self._fetch() if fetch or self.detail is None else self.detail
        row = detail.session
        head = Text(f"{session_kind_label(row.kind).capitalize()} · ", style="bold")
        head.append(visible(detail.when, one_line=True), style="bold")
        head.append(f" · {row.duration_minutes} min · ")
        head.append_text(status(row.status))
        head.append(f"\n{visible(detail.pair.label, one_line=True)}", style="dim")
        if self.theirs:
            partner = visible(detail.pair.partner.display_name, one_line=True)
            head.append(f" · scheduled by {partner} (read-only)", style="dim")
        if detail.checkin is not None:
            c = detail.checkin
            head.append("\nCheck-in: ", style="dim")
            head.append(visible(c.lesson, one_line=True) or "—")
            if c.last_goal_rating:
                head.append(f" · last goal {c.last_goal_rating}/5", style="dim")
        done, left = checklist_counts(row.agenda)
        if done or left:  # a checklist in the (saved) agenda: how far it has got
            head.append(f"\nChecklist: {done} done, {left} left", style="dim")
        self.query_one("#session-head", Static).update(head)
        if texts and self.theirs:
            mine = next((view for view in self.notes if view.mine), None)
            self.mark_clean(dict(self.query_one(MyNotes).load(mine)))
        elif texts:
            saved = {name: getattr(row, name) for name in NOTE_FIELDS}
            for name, value in saved.items():
                self.query_one(f"#{name}", TextArea).load_text(value)
            self.mark_clean(dict(saved))
            self._render_preview()
        self._fill_items()
        self.query_one("#feedback-list", Static).update(feedback_text(detail))
        feedback = self.query_one("#feedback-table", RecordTable)
        feedback.fill(feedback_rows(detail))

    def reload_records(self) -> None:
        """After an undo: the items and feedback again; the texts being written stay."""
        self.load(texts=False)

    def _fill_items(self) -> None:
        if self.detail is None:
            return
        today = viewer_today(self.store)
        views = [*self.detail.carried_items, *self.detail.own_items]
        rows = [(v.item.id, item_cells(v, today)) for v in views]
        fit_titles(rows, self.size.width)
        self.query_one("#items-table", RecordTable).fill(rows)

    def on_resize(self, event: events.Resize) -> None:
        self._fill_items()  # the titles are cut to the width

    def _values(self) -> dict[str, str]:
        fields = MY_FIELDS if self.theirs else NOTE_FIELDS
        return {name: self.query_one(f"#{name}", TextArea).text for name in fields}

    def form_values(self) -> dict[str, object]:
        return dict(self._values())

    def draft_key(self) -> DraftKey:
        return DraftKey("session", self.session_id)

    @on(TextArea.Changed, "#shared_notes")
    def _notes_changed(self) -> None:
        self.query_one("#notes-markdown", MarkdownPreview).follow(
            self.query_one("#shared_notes", TextArea).text
        )

    def _render_preview(self) -> None:
        self.query_one("#notes-markdown", MarkdownPreview).show_now(
            self.query_one("#shared_notes", TextArea).text
        )

    def action_save(self) -> None:
        if not self.is_dirty() and not self.saving:
            self.notify("Nothing to save.", timeout=2)
            return
        super().action_save()

    def save_job(self) -> Job:
        values, session_id = self._values(), self.session_id
        if self.theirs:
            notes, takeaways = values["my_notes"], values["my_takeaways"]
            return lambda store: write_my_session_notes(store, session_id, notes, takeaways)
        clean = self.clean_values()
        changed = {k: v for k, v in values.items() if v != clean.get(k)}
        return lambda store: update_session(store, session_id, **changed)

    def saved(self, _result: object) -> None:
        self.notify("Saved.", timeout=2)  # and stay: the notes are still being written
        self.load(texts=False)  # the head's checklist count follows the saved agenda

    def _tab(self) -> str:
        return self.query_one(TabbedContent).active

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letters are for typing in the text tabs; they act only on their own tab.
        if action in ("add_item", "item"):
            return self._tab() == "tab-actions"
        if action == "agenda_template":
            return self._tab() == "tab-agenda"
        if action == "add_feedback":
            return self._tab() == "tab-feedback"
        if action == "delete_record":
            return self._tab() in ("tab-actions", "tab-feedback")
        return True

    def _reload_items(self, saved: bool | str | None) -> None:
        if saved:
            self.load(texts=False)

    def action_agenda_template(self) -> None:
        from mentor_tui.services.template_apply import kind_agenda_text

        area = self.query_one("#agenda", TextArea)
        if area.text.strip():
            self.notify("The agenda has text already; a template never overwrites it.")
            return
        text = kind_agenda_text(self.store, self.mentor.home, self.session_id)
        if not text:
            self.notify("No agenda template for this kind of session.")
            return
        area.load_text(text)  # saved with ctrl+s, like anything typed
        area.move_cursor(area.document.end)

    def action_add_item(self) -> None:
        from mentor_tui.screens.session_forms import ActionItemScreen

        if self.detail is not None:
            self.app.push_screen(
                ActionItemScreen(self.detail.pair, self.session_id),
                self._reload_items,
            )

    def action_item(self, what: str) -> None:
        table = self.query_one("#items-table", RecordTable)
        change_item(self.mentor, table, what, self.reload_records)

    def action_delete_record(self) -> None:
        if self._tab() == "tab-actions":
            self.action_item("delete")
        else:
            table = self.query_one("#feedback-table", RecordTable)
            delete_feedback_entry(self.mentor, table, self.reload_records)

    def action_add_feedback(self) -> None:
        from mentor_tui.screens.session_forms import FeedbackScreen

        self.app.push_screen(FeedbackScreen(self.session_id), self._reload_items)
