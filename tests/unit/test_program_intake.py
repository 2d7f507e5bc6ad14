"""The intake: the coordinator's questionnaire template and one participant's answers,
checked and bounded, refused in one line."""

from __future__ import annotations

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.services.intake import (
    QUESTIONS,
    default_questionnaire,
    intake_to_json,
    parse_intake,
    parse_questionnaire,
)

GOOD = {
    "role_wanted": "Mentee",
    "department": " Data ",
    "site": "Berlin",
    "timezone": "Europe/Berlin",
    "working_hours": "8-16",
    "skills_wanted": "Python, SQL ,python,, Rust",
    "interests": ["Climbing", "  board   games "],
    "other_department": "yes",
    "goals": "Lead a project [/y]",
}


def test_the_default_template_parses_back_to_the_questions() -> None:
    assert parse_questionnaire(default_questionnaire()) == QUESTIONS


def test_a_coordinator_edits_prompts_and_leaves_questions_out() -> None:
    text = "# mine\nrole_wanted = Mentor or mentee?\n\nsite = Where do you work?\n"
    assert parse_questionnaire(text) == (
        ("role_wanted", "Mentor or mentee?"),
        ("site", "Where do you work?"),
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("role_wanted = a\nshoe_size = b\n", "line 2: unknown question 'shoe_size'"),
        ("role_wanted = a\nrole_wanted = b\n", "line 2: role_wanted is asked twice"),
        ("role_wanted\n", "line 1: expected `key = prompt`"),
        ("site = where?\n", "must ask role_wanted"),
        ("role_wanted =  \n", "the prompt of role_wanted is empty"),
    ],
)
def test_a_bad_template_is_refused_in_one_line(text: str, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_questionnaire(text)
    assert words in str(refused.value)
    assert "\n" not in str(refused.value)


def test_answers_are_normalised_and_kept_as_typed() -> None:
    answers = parse_intake(GOOD, "p1", "Ann")
    assert answers.role_wanted == "mentee"
    assert answers.department == "Data"
    assert (answers.hours_start, answers.hours_end) == (8, 16)
    assert answers.skills_wanted == ("Python", "SQL", "Rust")  # python: a repeat
    assert answers.interests == ("Climbing", "board games")
    assert answers.other_department is True
    assert answers.capacity == 1
    assert answers.goals == "Lead a project [/y]"


def test_answers_round_trip_through_json() -> None:
    answers = parse_intake(GOOD, "p1", "Ann")
    assert parse_intake(intake_to_json(answers), "p1", "Ann") == answers


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone: unknown time zone 'Mars/Olympus'"),
        ({"role_wanted": "boss"}, "role_wanted must be mentor, mentee or either"),
        ({"goals": "x" * 2001}, "goals is 2,001 characters long (at most 2,000)"),
        ({"skills_offered": ["x" * 61]}, "is over 60 characters"),
        ({"interests": [f"i{n}" for n in range(21)]}, "interests has 21 items (at most 20)"),
        ({"working_hours": "9-24"}, "working hours' end is 24; it must be from 0 to 23"),
        ({"working_hours": "nine"}, "working_hours must be start-end"),
        ({"working_hours": "9-9"}, "start and end at the same hour"),
        ({"capacity": 11}, "capacity is 11; it must be from 1 to 10"),
        ({"capacity": "lots"}, "capacity must be a whole number from 1 to 10"),
        ({"other_department": "maybe"}, "other_department must be yes or no"),
        ({"favourite_colour": "blue"}, "unknown intake answer 'favourite_colour'"),
        ({"interests": 3}, "interests must be a list of words"),
    ],
)
def test_bad_answers_are_refused_in_one_line(change: dict[str, object], words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_intake({**GOOD, **change}, "p1", "Ann")
    assert words in str(refused.value)
    assert "\n" not in str(refused.value)


def test_hours_may_wrap_midnight_and_come_as_two_numbers() -> None:
    raw = {"role_wanted": "mentor", "hours_start": "22", "hours_end": 6, "capacity": "3"}
    answers = parse_intake(raw, "p2", "Bo")
    assert (answers.hours_start, answers.hours_end, answers.capacity) == (22, 6, 3)
    assert answers.timezone == "UTC"
