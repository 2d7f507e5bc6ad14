"""The intake as text: the questions as PROGRAM.json carries them (checked, bounded), the
$EDITOR template with my last answers, its parsing, and answers to questions not asked."""

from __future__ import annotations

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.services.intake import (
    QUESTIONS,
    check_asked,
    check_questions,
    parse_intake,
    questionnaire_text,
)
from mentor_tui.services.intake_form import (
    answers_as_text,
    intake_template,
    parse_intake_template,
)

ASKED = (("role_wanted", "Which side?"), ("working_hours", "Hours?"), ("interests", "Likes?"))


def test_the_questionnaire_text_round_trips() -> None:
    from mentor_tui.services.intake import parse_questionnaire

    assert parse_questionnaire(questionnaire_text(ASKED)) == ASKED
    assert check_questions([list(q) for q in QUESTIONS]) == QUESTIONS


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("role_wanted", "a list of at most"),
        ([["site", "Where?"]], "must ask role_wanted"),
        ([["role_wanted", "x" * 301]], "over 300 characters"),
        ([["role_wanted", "a\nb"]], "control character"),
        ([["role_wanted", "a"], ["role_wanted", "b"]], "asked twice"),
        ([["role_wanted", "a", "b"]], "[key, prompt]"),
        ([["pin", "a"]], "unknown question 'pin'"),
        ([["role_wanted", 7]], "must be text"),
        ([["role_wanted", "a"]] * 15, "at most 14"),
    ],
)
def test_bad_questions_are_refused_in_one_line(value: object, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_questions(value)
    assert words in str(refused.value) and "\n" not in str(refused.value)


def test_the_template_holds_my_last_answers_and_parses_back() -> None:
    answers = parse_intake(
        {"role_wanted": "mentor", "working_hours": "8-16", "interests": "chess, go"}, "p", "A"
    )
    text = answers_as_text(answers, ASKED)
    assert text == {"role_wanted": "mentor", "working_hours": "8-16", "interests": "chess, go"}
    template = intake_template(ASKED, text)
    assert "# Hours?\nworking_hours = 8-16\n" in template
    assert parse_intake_template(template) == text
    empty = intake_template(ASKED, {})
    assert "interests = \n" in empty and parse_intake_template(empty) == {}
    with pytest.raises(InvalidInput, match="line 1: unknown question 'shoe'"):
        parse_intake_template("shoe = 44\n")


def test_answers_to_questions_not_asked_are_refused() -> None:
    check_asked({"role_wanted": "x", "hours_start": 8, "name": "A"}, ASKED)
    with pytest.raises(InvalidInput, match="the program does not ask 'site'"):
        check_asked({"role_wanted": "x", "site": "Berlin"}, ASKED)
