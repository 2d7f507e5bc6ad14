"""Templates applied where they are used: a session's agenda (with its kind's checklist),
a new goal with its milestones (or the empty fields of a goal being written), prompts
added to an agenda, a feedback prompt set or a rubric read beside its form. A template
never overwrites text already typed: an agenda template goes only into an empty agenda; a
checklist or a prompt set is added after what is there; a goal template fills only the
goal's empty fields.

Placeholders ({mentee}, {mentor}, {me}, {partner}, {pair}, {today}, {next_session}) are
filled by one explicit pass over the template's text: a value put in is never read again,
unknown braces stay as written, and nothing is ever given to str.format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.db import Store
from mentor_tui.models.tables import Goal, MentoringSession, Milestone
from mentor_tui.services.goals import create_goal
from mentor_tui.services.milestones import add_milestone
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.sessions import get_session, next_session, update_session, when_text
from mentor_tui.services.templates import Template, session_templates

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_CHECKBOX = re.compile(r"^\s*[-*+] \[([ xX])\] ", re.MULTILINE)
GOAL_SECTIONS = ("goal", "specific", "measurable", "achievable", "relevant", "milestones")


def fill(text: str, values: Mapping[str, str]) -> str:
    """The text with each known {name} replaced by its value, in one pass."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def placeholders(
    store: Store, pair: PairView, session: MentoringSession | None = None
) -> dict[str, str]:
    """The values a template may name, for this pair (and session)."""
    upcoming = next_session(store, pair).planned
    if session is not None and upcoming is not None and upcoming.id == session.id:
        upcoming = None  # "next session" in this session's agenda means the one after it
    if upcoming is not None:
        next_words = when_text(upcoming, pair)
    else:
        next_words = f"to plan ({pair.cadence.value})"
    return {
        "mentor": pair.mentor.display_name,
        "mentee": pair.mentee.display_name,
        "me": pair.me.display_name,
        "partner": pair.partner.display_name,
        "pair": pair.label,
        "today": viewer_today(store).isoformat(),
        "next_session": next_words,
    }


def checklist_counts(text: str) -> tuple[int, int]:
    """(done, left): the Markdown checkboxes (- [x] / - [ ]) in a text."""
    marks = _CHECKBOX.findall(text)
    done = sum(mark in "xX" for mark in marks)
    return done, len(marks) - done


def session_text(template: Template, values: Mapping[str, str]) -> str:
    """What a template adds to an agenda: its text filled; a checklist or a prompt set
    under its title, so that it can be told from the agenda around it."""
    body = fill(template.body, values).strip("\n")
    if template.kind == "agenda":
        return body + "\n"
    return f"## {fill(template.title, values)}\n\n{body}\n"


def add_to_agenda(agenda: str, templates: list[Template], values: Mapping[str, str]) -> str:
    """The agenda with these templates in it: an agenda template only into an empty
    agenda; the others after the text that is there."""
    text = agenda
    for template in templates:
        if template.kind not in ("agenda", "checklist", "prompts"):
            raise InvalidInput(f"{template.ref} is a {template.kind}: it does not go in an agenda")
        if template.kind == "agenda" and text.strip():
            raise InvalidInput(
                "this session has an agenda already; an agenda template never overwrites "
                "what was typed (add a checklist or prompts instead)"
            )
        addition = session_text(template, values)
        text = (text.rstrip("\n") + "\n\n" + addition) if text.strip() else addition
    return text


def apply_to_session(store: Store, session_id: str, templates: list[Template]) -> MentoringSession:
    """Put the templates into the session's agenda (see add_to_agenda) and save it."""
    row = get_session(store, session_id)
    values = placeholders(store, get_pair(store, row.pair_id), row)
    return update_session(store, session_id, agenda=add_to_agenda(row.agenda, templates, values))


@dataclass
class GoalSkeleton:
    title: str
    smart: dict[str, str] = field(default_factory=dict)
    milestones: list[str] = field(default_factory=list)


def parse_goal(template: Template, values: Mapping[str, str]) -> GoalSkeleton:
    """A goal template's `## Goal`, SMART and `## Milestones` sections (filled)."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in fill(template.body, values).splitlines():
        if line.startswith("## "):
            name = line[3:].strip().lower()
            current = sections.setdefault(name, []) if name in GOAL_SECTIONS else None
        elif current is not None:
            current.append(line)
    text = {name: "\n".join(lines).strip() for name, lines in sections.items()}
    title = next((line for line in text.get("goal", "").splitlines() if line.strip()), "")
    milestones = [
        re.sub(r"^[-*+] (\[[ xX]\] )?", "", line.strip())
        for line in text.get("milestones", "").splitlines()
        if re.match(r"^\s*[-*+] ", line)
    ]
    return GoalSkeleton(
        title=title.strip() or fill(template.title, values),
        smart={name: text.get(name, "") for name in GOAL_SECTIONS[1:5]},
        milestones=[m for m in milestones if m.strip()],
    )


def apply_goal(store: Store, pair_id: str, template: Template) -> tuple[Goal, list[Milestone]]:
    """A new draft goal from a goal template, with the template's milestones."""
    if template.kind != "goal":
        raise InvalidInput(f"{template.ref} is a {template.kind}, not a goal template")
    skeleton = parse_goal(template, placeholders(store, get_pair(store, pair_id)))
    smart = skeleton.smart
    goal = create_goal(
        store,
        pair_id,
        title=skeleton.title,
        specific=smart["specific"],
        measurable=smart["measurable"],
        achievable=smart["achievable"],
        relevant=smart["relevant"],
    )
    milestones = [add_milestone(store, goal.id, title=title) for title in skeleton.milestones]
    return goal, milestones


def kind_agenda_text(store: Store, home: Path, session_id: str) -> str:
    """What an empty agenda of this session starts as: its kind's agenda and checklist
    templates, filled ("" when the kind has none). Nothing is saved."""
    row = get_session(store, session_id)
    templates = session_templates(home, row.kind)
    values = placeholders(store, get_pair(store, row.pair_id), row)
    return add_to_agenda("", templates, values) if templates else ""


def apply_to_next_session(
    store: Store, pair_id: str, template: Template
) -> tuple[MentoringSession, str]:
    """Put the template into the pair's next planned session's agenda; (the session,
    its agenda before), so that the change can be taken back."""
    planned = next_session(store, get_pair(store, pair_id)).planned
    if planned is None:
        raise NotFound("no session is planned; plan one, then apply the template to it")
    return apply_to_session(store, planned.id, [template]), planned.agenda


GOAL_FIELDS = ("title", "specific", "measurable", "achievable", "relevant")


@dataclass
class GoalFill:
    """What a goal template puts into a goal being written: the fields that were empty,
    and the milestones it starts with (added when a new goal is first saved)."""

    fields: dict[str, str]
    milestones: list[str]


def fill_goal(store: Store, pair_id: str, template: Template, typed: Mapping[str, str]) -> GoalFill:
    """The goal template's title and SMART prompts for the fields still empty in `typed`;
    a field with text in it is never touched."""
    if template.kind != "goal":
        raise InvalidInput(f"{template.ref} is a {template.kind}, not a goal template")
    skeleton = parse_goal(template, placeholders(store, get_pair(store, pair_id)))
    offered = {"title": skeleton.title, **skeleton.smart}
    fields = {
        name: offered[name]
        for name in GOAL_FIELDS
        if offered.get(name, "").strip() and not typed.get(name, "").strip()
    }
    return GoalFill(fields, skeleton.milestones)


def create_goal_with_milestones(
    store: Store, pair_id: str, milestones: list[str], **fields: Any
) -> Goal:
    """A new goal (services.goals.create_goal) with the first milestones its template
    named."""
    goal = create_goal(store, pair_id, **fields)
    for title in milestones:
        add_milestone(store, goal.id, title=title)
    return goal


def feedback_prompt_sets(templates: list[Template]) -> list[Template]:
    """The prompt sets the feedback form offers: those named for feedback, else every
    prompt set."""
    prompts = [t for t in templates if t.kind == "prompts"]
    return [t for t in prompts if "feedback" in t.name] or prompts


RUBRIC_FIRST = "milestone-score"


def milestone_rubrics(templates: list[Template]) -> list[Template]:
    """The rubrics an assessment shows, the milestone-score one first (mine before the
    partner's of the same name)."""
    rubrics = [t for t in templates if t.kind == "rubric"]
    return sorted(rubrics, key=lambda t: (t.name != RUBRIC_FIRST, bool(t.partner)))


def help_text(template: Template, values: Mapping[str, str]) -> str:
    """A prompt set or a rubric to read beside a form: its text filled, without blank
    lines at either end."""
    return fill(template.body, values).strip("\n")
