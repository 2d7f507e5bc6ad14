"""The program's intake: the questions a coordinator asks, the template they edit, and the
checking of one participant's answers (every field bounded, one clear line when refused).

Answers arrive from a form, the CLI or a file in the shared place written by someone
else: nothing is trusted, and every value is checked here before matching reads it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, cast

from mentor_tui.dates import check_timezone
from mentor_tui.errors import InvalidInput, MentorError
from mentor_tui.services.program_types import IntakeAnswers, RoleWanted

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("role_wanted", "Do you want to be a mentor, a mentee, or either?"),
    ("seniority", "Your seniority (junior, mid, senior, lead...)"),
    ("department", "Your department"),
    ("site", "Your site or office (or remote)"),
    ("timezone", "Your time zone (an IANA name such as Europe/Berlin)"),
    ("working_hours", "Your working hours, local, as start-end (e.g. 9-17)"),
    ("skills_offered", "Skills you can offer, separated by commas"),
    ("skills_wanted", "Skills you want to grow, separated by commas"),
    ("interests", "Interests, separated by commas"),
    ("goals", "What you want from the program"),
    ("availability", "How much time you can give (e.g. one hour every two weeks)"),
    ("free_text", "Anything else the coordinator should know"),
    ("other_department", "As a mentee: do you want a mentor from another department? (yes/no)"),
    ("capacity", "As a mentor: how many mentees at once (1-10)?"),
)
QUESTION_KEYS = tuple(key for key, _ in QUESTIONS)

LIST_ITEMS = 20
ITEM_LIMIT = 60
TEXT_LIMIT = 2000
PROMPT_LIMIT = 300  # a prompt travels in PROGRAM.json and heads a form field
MAX_CAPACITY = 10
ROLES: tuple[RoleWanted, ...] = ("mentor", "mentee", "either")

_IDENTITY = ("person_id", "name")  # passed separately; tolerated in the raw answers
_ANSWER_KEYS = frozenset(f.name for f in fields(IntakeAnswers)) - set(_IDENTITY)
_RAW_KEYS = _ANSWER_KEYS | {"working_hours"} | set(_IDENTITY)


# ---- the questionnaire a coordinator edits ---------------------------------------------


Questions = tuple[tuple[str, str], ...]


def questionnaire_text(questions: Questions = QUESTIONS) -> str:
    """The template: one `key = prompt` line per question asked."""
    lines = [
        "# Intake questionnaire",
        "#",
        "# One question per line: `key = prompt`. Edit a prompt freely; delete a line to",
        "# leave that question out (role_wanted is always asked). Lines starting with # are",
        "# comments. Known keys: " + ", ".join(QUESTION_KEYS) + ".",
        "",
    ]
    lines += [f"{key} = {prompt}" for key, prompt in questions]
    return "\n".join(lines) + "\n"


def default_questionnaire() -> str:
    return questionnaire_text(QUESTIONS)


def _prompt_problem(key: str, prompt: object) -> str:
    """Why a prompt is refused ("" when it is fine): it heads a form field and a comment
    line in $EDITOR, so one line of printable text, bounded."""
    if not isinstance(prompt, str):
        return f"the prompt of {key} must be text"
    if not prompt.strip():
        return f"the prompt of {key} is empty"
    if len(prompt) > PROMPT_LIMIT:
        return f"the prompt of {key} is over {PROMPT_LIMIT} characters"
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in prompt):
        return f"the prompt of {key} holds a control character"
    return ""


def check_questions(value: object) -> Questions:
    """Questions as PROGRAM.json carries them, [[key, prompt], ...]: known keys, no
    repeats, bounded prompts, role_wanted asked; InvalidInput in one line if not."""
    if not isinstance(value, list | tuple) or len(value) > len(QUESTIONS):
        raise InvalidInput(f"the questions must be a list of at most {len(QUESTIONS)}")
    found: list[tuple[str, str]] = []
    for item in value:
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise InvalidInput("each question must be [key, prompt]")
        key, prompt = item
        if key not in QUESTION_KEYS:
            raise InvalidInput(f"unknown question {str(key)[:40]!r}")
        if key in dict(found):
            raise InvalidInput(f"{key} is asked twice")
        problem = _prompt_problem(key, prompt)
        if problem:
            raise InvalidInput(problem)
        found.append((key, prompt.strip()))
    if "role_wanted" not in dict(found):
        raise InvalidInput("the questionnaire must ask role_wanted (mentor, mentee or either)")
    return tuple(found)


def parse_questionnaire(text: str) -> Questions:
    """The questions of an edited template, in its order; a bad line refused in one line."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, equals, prompt = stripped.partition("=")
        key, prompt = key.strip().strip("`"), prompt.strip()
        if not equals:
            raise InvalidInput(f"line {number}: expected `key = prompt`")
        if key not in QUESTION_KEYS:
            raise InvalidInput(
                f"line {number}: unknown question {key!r}; known: {', '.join(QUESTION_KEYS)}"
            )
        if key in seen:
            raise InvalidInput(f"line {number}: {key} is asked twice")
        problem = _prompt_problem(key, prompt)
        if problem:
            raise InvalidInput(f"line {number}: {problem}")
        seen.add(key)
        found.append((key, prompt))
    return check_questions(found)


def check_asked(raw: Mapping[str, Any], questions: Questions) -> None:
    """Refuse, in one line, an answer to a question the program does not ask."""
    asked = {key for key, _ in questions}
    for key in raw:
        question = "working_hours" if key in ("hours_start", "hours_end") else key
        if question in _IDENTITY or question in asked:
            continue
        raise InvalidInput(
            f"the program does not ask {str(question)[:40]!r}; it asks: {', '.join(sorted(asked))}"
        )


# ---- one participant's answers ----------------------------------------------------------


def _unicode(value: str, key: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"{key} is not valid Unicode") from None
    return value


def _text(value: object, key: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"{key} must be text")
    if len(value) > TEXT_LIMIT:
        raise InvalidInput(f"{key} is {len(value):,} characters long (at most {TEXT_LIMIT:,})")
    return _unicode(value.strip(), key)


def _items(value: object, key: str) -> tuple[str, ...]:
    """A list (or comma-separated text) stripped, without repeats (compared case-folded),
    each item kept as typed."""
    if value is None:
        return ()
    if isinstance(value, str):
        raw: list[object] = list(value.split(","))
    elif isinstance(value, list | tuple):
        raw = list(value)
    else:
        raise InvalidInput(f"{key} must be a list of words")
    kept: list[str] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, str):
            raise InvalidInput(f"{key} must be a list of words")
        cleaned = " ".join(item.split())
        if not cleaned or cleaned.casefold() in seen:
            continue
        if len(cleaned) > ITEM_LIMIT:
            raise InvalidInput(f"{key}: {cleaned[:20]!r}… is over {ITEM_LIMIT} characters")
        seen.add(cleaned.casefold())
        kept.append(_unicode(cleaned, key))
    if len(kept) > LIST_ITEMS:
        raise InvalidInput(f"{key} has {len(kept)} items (at most {LIST_ITEMS})")
    return tuple(kept)


def _whole(value: object, key: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(f"{key} must be a whole number from {low} to {high}")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"{key} must be a whole number from {low} to {high}") from None
    if not low <= number <= high:
        raise InvalidInput(f"{key} is {number}; it must be from {low} to {high}")
    return number


def _yes_no(value: object, key: str) -> bool:
    if isinstance(value, bool):
        return value
    words = {"yes": True, "y": True, "true": True, "": False, "no": False, "n": False}
    answer = words.get(value.strip().casefold()) if isinstance(value, str) else None
    if answer is None:
        raise InvalidInput(f"{key} must be yes or no")
    return answer


def _hours(raw: Mapping[str, Any]) -> tuple[int, int]:
    """Working hours from `hours_start`/`hours_end` or one `working_hours` such as 9-17."""
    if "working_hours" in raw and raw["working_hours"] not in (None, ""):
        text = raw["working_hours"]
        start, dash, end = str(text).partition("-")
        if not dash or not isinstance(text, str):
            raise InvalidInput("working_hours must be start-end in whole hours, e.g. 9-17")
        return (
            _whole(start, "working hours' start", 0, 23),
            _whole(end, "working hours' end", 0, 23),
        )
    return (
        _whole(raw.get("hours_start", 9), "hours_start", 0, 23),
        _whole(raw.get("hours_end", 17), "hours_end", 0, 23),
    )


def parse_intake(raw: Mapping[str, Any], person_id: str, name: str) -> IntakeAnswers:
    """One participant's answers, checked and bounded; InvalidInput in one line if not."""
    if not isinstance(raw, Mapping):
        raise InvalidInput("the intake answers must be a table of answers")
    unknown = sorted(str(key) for key in raw if key not in _RAW_KEYS)
    if unknown:
        raise InvalidInput(f"unknown intake answer {unknown[0]!r}")
    role = raw.get("role_wanted")
    if isinstance(role, str):
        role = role.strip().casefold()
    if role not in ROLES:
        raise InvalidInput("role_wanted must be mentor, mentee or either")
    zone = raw.get("timezone") or "UTC"
    if not isinstance(zone, str):
        raise InvalidInput("timezone must be an IANA name such as Europe/Berlin")
    try:
        zone = check_timezone(zone)
    except MentorError as problem:
        raise InvalidInput(f"timezone: {problem}") from None
    start, end = _hours(raw)
    if start == end:
        raise InvalidInput("working hours start and end at the same hour")
    capacity = raw.get("capacity")
    return IntakeAnswers(
        person_id=_text(person_id, "person_id"),
        name=_text(name, "name"),
        role_wanted=cast(RoleWanted, role),
        timezone=zone,
        hours_start=start,
        hours_end=end,
        other_department=_yes_no(raw.get("other_department", False), "other_department"),
        capacity=_whole(1 if capacity in (None, "") else capacity, "capacity", 1, MAX_CAPACITY),
        seniority=_text(raw.get("seniority"), "seniority"),
        department=_text(raw.get("department"), "department"),
        site=_text(raw.get("site"), "site"),
        goals=_text(raw.get("goals"), "goals"),
        availability=_text(raw.get("availability"), "availability"),
        free_text=_text(raw.get("free_text"), "free_text"),
        skills_offered=_items(raw.get("skills_offered"), "skills_offered"),
        skills_wanted=_items(raw.get("skills_wanted"), "skills_wanted"),
        interests=_items(raw.get("interests"), "interests"),
    )


def intake_to_json(answers: IntakeAnswers) -> dict[str, Any]:
    """The answers as JSON (identity aside): parse_intake reads it back to the same."""
    out: dict[str, Any] = {}
    for key in sorted(_ANSWER_KEYS):
        value = getattr(answers, key)
        out[key] = list(value) if isinstance(value, tuple) else value
    return out
