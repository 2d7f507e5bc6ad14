"""The SMART checker, table-driven: each dimension passes or gets a concrete hint."""

from datetime import date

import pytest

from mentor_tui.services.smart import (
    SMART_FIELDS,
    check_achievable,
    check_due,
    check_measurable,
    check_relevant,
    check_smart,
    check_specific,
    check_texts,
)

TODAY = date(2026, 11, 16)


@pytest.mark.parametrize(
    ("text", "hint_start"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("get better at communication", "vague"),
        ("Get better at public speaking", "vague"),
        ("improve", "vague"),
        ("learn more", "vague"),
        ("Learn more about Rust", "vague"),
        ("work on my leadership skills", "vague"),
        ("be more confident", "vague"),
        ("ship it", "too short"),
        ("write docs", "too short"),
        ("Give a 10-minute talk on our API at the team meeting", ""),
        ("Improve my communication by giving two talks", ""),
        ("Improve the onboarding documentation for new hires", ""),
        ("Lead the migration of the billing service to Postgres", ""),
        ("get better at communication by running 3 workshops", ""),
        ("[bold]x[/bold] [link=http://x]y[/] write the parser tests", ""),
    ],
)
def test_specific(text: str, hint_start: str) -> None:
    hint = check_specific(text)
    assert hint.startswith(hint_start) if hint_start else hint == ""


@pytest.mark.parametrize(
    ("text", "hint_start"),
    [
        ("", "empty"),
        ("people like my talks", "no number"),
        ("lots of reviews", "no number"),
        ("3 talks given", ""),
        ("test coverage at 80%", ""),
        ("two design reviews led", ""),
        ("one talk every month", ""),
    ],
)
def test_measurable(text: str, hint_start: str) -> None:
    hint = check_measurable(text)
    assert hint.startswith(hint_start) if hint_start else hint == ""


@pytest.mark.parametrize(
    ("check", "text", "hint_start"),
    [
        (check_achievable, "", "empty"),
        (check_achievable, "somehow", "too thin"),
        (check_achievable, "Two hours a week; Grace reviews drafts", ""),
        (check_relevant, "", "empty"),
        (check_relevant, "important", "not tied to anything"),
        (check_relevant, "The charter's aim: grow into a staff engineer", ""),
    ],
)
def test_achievable_and_relevant(check, text: str, hint_start: str) -> None:
    hint = check(text)
    assert hint.startswith(hint_start) if hint_start else hint == ""


@pytest.mark.parametrize(
    ("due", "hint_start"),
    [
        (None, "no date"),
        (date(2026, 11, 15), "in the past (2026-11-15)"),
        (date(2026, 11, 16), ""),
        (date(2027, 3, 31), ""),
    ],
)
def test_due(due: date | None, hint_start: str) -> None:
    hint = check_due(due, TODAY)
    assert hint.startswith(hint_start) if hint_start else hint == ""


def test_a_smart_goal_passes_every_dimension() -> None:
    check = check_smart(
        specific="Give a 20-minute talk on our sync design at the guild",
        measurable="1 talk given, 10 or more attendees",
        achievable="Two evenings a week; Grace reviews the slides",
        relevant="The charter's aim of speaking up in design discussions",
        due_on=date(2027, 1, 29),
        today=TODAY,
    )
    assert check.passed
    assert check.marks == "S✓ M✓ A✓ R✓ T✓"
    assert check.summary() == "SMART: all five dimensions pass"


def test_a_vague_wish_fails_with_one_hint_per_dimension() -> None:
    check = check_smart(specific="get better at communication", today=TODAY)
    assert not check.passed
    assert [d.field.letter for d in check.failing] == ["S", "M", "A", "R", "T"]
    assert check.marks == "S✗ M✗ A✗ R✗ T✗"
    assert check.summary().startswith('not SMART yet: Specific: vague: "get better at"')
    assert check.summary().endswith("(and 4 more)")
    assert all(d.hint for d in check.dimensions)


def test_typed_texts_resolve_the_due_phrase_or_explain_it() -> None:
    fields = {"specific": "x", "due_on": "in 6 weeks"}
    check, due = check_texts(fields, TODAY)
    assert due == date(2026, 12, 28)
    assert check.of("due_on").ok
    check, due = check_texts({"due_on": "someday soon"}, TODAY)
    assert due is None
    assert check.of("due_on").hint.startswith("cannot read 'someday soon' as a date")
    check, due = check_texts({"due_on": "2020-01-01"}, TODAY)
    assert check.of("due_on").hint.startswith("in the past")


def test_every_field_has_a_one_line_prompt() -> None:
    assert [f.letter for f in SMART_FIELDS] == list("SMART")
    assert all(f.prompt and "\n" not in f.prompt for f in SMART_FIELDS)


def test_ten_thousand_characters_are_checked_without_trouble() -> None:
    long = "write the parser tests " * 500
    assert check_specific(long) == ""
    assert check_measurable("x" * 10_000).startswith("no number")
