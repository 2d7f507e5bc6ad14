"""The SMART checker: does a goal say what, how much, how, why and by when?

Pure functions of the goal's texts and `today`: no database, no clock, no textual. The
editor runs it on every keystroke; the CLI and the propose/approve services run the same
check. Each dimension either passes or gets one concrete hint that says what to add.
Kept free of sqlmodel, like models/charter.py, so the CLI can build its flags from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mentor_tui.errors import InvalidInput


@dataclass(frozen=True)
class SmartField:
    name: str  # the Goal column
    letter: str
    label: str
    prompt: str  # the one-line question the editor shows above the field


SMART_FIELDS: tuple[SmartField, ...] = (
    SmartField(
        "specific", "S", "Specific", "What exactly will you do? Name the action and its result."
    ),
    SmartField(
        "measurable",
        "M",
        "Measurable",
        "How will you both know? An indicator, a target value and a unit.",
    ),
    SmartField(
        "achievable",
        "A",
        "Achievable",
        "How will you get there? The plan, resources, and support you need.",
    ),
    SmartField(
        "relevant", "R", "Relevant", "Why does it matter? Its link to the charter or a career aim."
    ),
    SmartField(
        "due_on",
        "T",
        "Time-bound",
        'By when? A date (2027-03-31) or a phrase ("in 6 weeks", "end of quarter").',
    ),
)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Phrases that point in a direction without saying what will be done.
VAGUE_PHRASES = (
    "get better at",
    "get better",
    "be better at",
    "become better at",
    "improve",
    "learn more",
    "learn about",
    "work on",
    "work harder",
    "focus on",
    "be more",
    "become more",
    "grow",
    "develop",
    "get good at",
    "do better",
    "try to",
    "level up",
)
# Verbs that name a concrete, observable action. A Specific with one of them (or with a
# gerund after "by": "by writing ...") is not vague; "get better at speaking" still is.
ACTION_VERBS = _wordset("""
    write wrote ship release publish present give gave deliver lead led run ran build built
    launch complete finish pass submit review refactor migrate mentor teach speak spoke
    organise organize host record design implement fix close merge contribute document
    draft facilitate interview pair demo rewrite port automate test benchmark profile
    deploy author prepare read complete attend join apply sign create make
    """)
ACTION_GERUNDS = _wordset("""
    writing shipping releasing publishing presenting giving delivering leading running
    building launching completing finishing passing submitting reviewing refactoring
    migrating mentoring teaching speaking organising organizing hosting recording designing
    implementing fixing closing merging contributing documenting drafting facilitating
    interviewing pairing rewriting porting automating testing benchmarking profiling
    deploying authoring preparing reading attending joining applying creating making
    """)
# Abstract words that do not make a goal concrete on their own.
SOFT_WORDS = _wordset("""
    communication communicating skills skill things stuff coding programming leadership
    confidence knowledge better more general overall abilities ability myself work job
    career stuff areas area performance habits mindset presence soft technical
    """)
STOP_WORDS = _wordset("""
    a an the my our your at in on of to and or for with about by from be more some any
    i me we us it its this that these those as so very really much lot lots
    """)
NUMBER_WORDS = _wordset("""
    one two three four five six seven eight nine ten eleven twelve twenty thirty fifty
    hundred thousand once twice thrice half quarter dozen percent weekly daily monthly
    every each zero first second third
    """)
_WORD = re.compile(r"[\w'-]+")
_NUMBER = re.compile(r"\d")

MIN_SPECIFIC_WORDS = 4
MIN_PLAN_WORDS = 3


@dataclass(frozen=True)
class DimensionCheck:
    field: SmartField
    hint: str = ""  # empty when the dimension passes

    @property
    def ok(self) -> bool:
        return not self.hint


@dataclass(frozen=True)
class SmartCheck:
    dimensions: tuple[DimensionCheck, ...]

    @property
    def passed(self) -> bool:
        return all(d.ok for d in self.dimensions)

    @property
    def failing(self) -> tuple[DimensionCheck, ...]:
        return tuple(d for d in self.dimensions if not d.ok)

    def of(self, name: str) -> DimensionCheck:
        return next(d for d in self.dimensions if d.field.name == name)

    @property
    def marks(self) -> str:
        """ "S✓ M✗ A✓ R✓ T✓": one mark per dimension, for lists."""
        return " ".join(f"{d.field.letter}{'✓' if d.ok else '✗'}" for d in self.dimensions)

    def summary(self) -> str:
        """One line: "SMART" or the first failing dimension's hint, with a count of the rest."""
        if self.passed:
            return "SMART: all five dimensions pass"
        first, rest = self.failing[0], len(self.failing) - 1
        more = f" (and {rest} more)" if rest else ""
        return f"not SMART yet: {first.field.label}: {first.hint}{more}"


def _words(text: str) -> list[str]:
    return [w.strip("'-") for w in _WORD.findall(text.lower()) if w.strip("'-")]


def _has_number(text: str) -> bool:
    return bool(_NUMBER.search(text)) or any(w in NUMBER_WORDS for w in _words(text))


def check_specific(text: str) -> str:
    words = _words(text)
    if not words:
        return 'empty: say what exactly you will do, e.g. "give a 10-minute talk on our API"'
    lowered = " ".join(words)
    vague = next((p for p in VAGUE_PHRASES if re.search(rf"\b{re.escape(p)}\b", lowered)), None)
    has_action = _has_number(text) or any(
        w in ACTION_VERBS or (w in ACTION_GERUNDS and i and words[i - 1] == "by")
        for i, w in enumerate(words)
    )
    concrete = [w for w in words if w not in STOP_WORDS and w not in SOFT_WORDS]
    if vague:
        concrete = [w for w in concrete if w not in vague.split()]
    if vague and not has_action and len(concrete) < 3:
        return (
            f'vague: "{vague}" is a direction, not a result; name the action and its '
            'object, e.g. "present the Q1 roadmap"'
        )
    if len(words) < MIN_SPECIFIC_WORDS:
        return "too short: say what you will do, for whom or where (four words or more)"
    return ""


def check_measurable(text: str) -> str:
    if not _words(text):
        return 'empty: name an indicator, a target value and a unit, e.g. "3 talks given"'
    if not _has_number(text):
        return 'no number: add a target value and a unit, e.g. "80% coverage", "2 reviews a week"'
    return ""


def check_achievable(text: str) -> str:
    words = _words(text)
    if not words:
        return "empty: say how you will get there: the plan, resources, and support you need"
    if len(words) < MIN_PLAN_WORDS:
        return "too thin: add the plan, the resources, or the support you need"
    return ""


def check_relevant(text: str) -> str:
    words = _words(text)
    if not words:
        return "empty: say why it matters: its link to the charter's purpose or a career aim"
    if len(words) < MIN_PLAN_WORDS:
        return "not tied to anything: say which charter aim or career step it serves"
    return ""


def check_due(due_on: date | None, today: date) -> str:
    if due_on is None:
        return 'no date: add a due date, e.g. 2027-03-31, "in 6 weeks" or "end of quarter"'
    if due_on < today:
        return f"in the past ({due_on.isoformat()}): choose a date from today on"
    return ""


def check_smart(
    *,
    specific: str = "",
    measurable: str = "",
    achievable: str = "",
    relevant: str = "",
    due_on: date | None = None,
    today: date,
    due_error: str = "",
) -> SmartCheck:
    """Each dimension passes or gets a hint. `due_error` overrides the Time-bound hint
    (the editor passes the reason a typed date could not be read)."""
    hints = {
        "specific": check_specific(specific),
        "measurable": check_measurable(measurable),
        "achievable": check_achievable(achievable),
        "relevant": check_relevant(relevant),
        "due_on": due_error or check_due(due_on, today),
    }
    return SmartCheck(tuple(DimensionCheck(f, hints[f.name]) for f in SMART_FIELDS))


def check_goal(goal: object, today: date) -> SmartCheck:
    """The check of a stored goal (anything with the five attributes)."""
    return check_smart(
        specific=getattr(goal, "specific", ""),
        measurable=getattr(goal, "measurable", ""),
        achievable=getattr(goal, "achievable", ""),
        relevant=getattr(goal, "relevant", ""),
        due_on=getattr(goal, "due_on", None),
        today=today,
    )


def resolve_due(text: str, today: date) -> tuple[date | None, str]:
    """The editor's due field: (the date, "") when readable, (None, "") when empty,
    (None, the one-line reason) when not."""
    from mentor_tui.dates import parse_date

    if not text.strip():
        return None, ""
    try:
        return parse_date(text, today), ""
    except InvalidInput as problem:
        return None, str(problem)


def check_texts(fields: dict[str, str], today: date) -> tuple[SmartCheck, date | None]:
    """The live check of an editor's typed texts (due date as typed); returns the
    resolved due date too, so the editor can show it."""
    due_on, due_error = resolve_due(fields.get("due_on", ""), today)
    check = check_smart(
        specific=fields.get("specific", ""),
        measurable=fields.get("measurable", ""),
        achievable=fields.get("achievable", ""),
        relevant=fields.get("relevant", ""),
        due_on=due_on,
        today=today,
        due_error=due_error,
    )
    return check, due_on
