"""Templates applied to a goal being written, the prompt sets and rubrics each form
offers, and the bounds a shared template (mine or the partner's) keeps."""

from __future__ import annotations

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.models.limits import TEMPLATE_LIMIT
from mentor_tui.services import bounds
from mentor_tui.services.shared_templates import pair_library, share_template
from mentor_tui.services.template_apply import (
    feedback_prompt_sets,
    fill_goal,
    milestone_rubrics,
)
from mentor_tui.services.templates import find_template, load_library, write_template


def test_a_goal_template_fills_only_what_is_empty(store, pair, home):
    template = find_template(home, "goal/learn-a-skill")
    typed = {"title": "", "specific": "Mine", "measurable": "  ", "achievable": ""}
    filled = fill_goal(store, pair.id, template, typed)
    assert set(filled.fields) == {"title", "measurable", "achievable", "relevant"}
    empty_specific = fill_goal(store, pair.id, template, {**typed, "specific": ""})
    assert "what will Ada Lovelace be able to do" in empty_specific.fields["specific"]
    assert filled.fields["measurable"].startswith("What will show it")
    assert len(filled.milestones) == 3
    full = dict.fromkeys(("title", "specific", "measurable", "achievable", "relevant"), "x")
    assert fill_goal(store, pair.id, template, full).fields == {}
    with pytest.raises(InvalidInput, match="not a goal template"):
        fill_goal(store, pair.id, find_template(home, "rubric/milestone-score"), {})


def test_the_forms_offer_feedback_prompts_and_the_milestone_rubric_first(home):
    library = load_library(home).templates
    assert [t.name for t in feedback_prompt_sets(library)] == ["feedback"]
    write_template(home, "rubric", "a-first-by-name", "# A\n- 1: x\n")
    rubrics = milestone_rubrics(load_library(home).templates)
    assert [t.name for t in rubrics] == ["milestone-score", "a-first-by-name"]
    only_others = [t for t in library if t.kind == "prompts" and t.name != "feedback"]
    assert feedback_prompt_sets(only_others) == only_others  # none for feedback: all


def test_a_shared_template_keeps_the_bounds_of_a_template_file():
    assert bounds.problem("shared_template", "body", "x" * TEMPLATE_LIMIT) == ""
    assert "at most 100,000" in bounds.problem(
        "shared_template", "body", "x" * (TEMPLATE_LIMIT + 1)
    )
    assert bounds.problem("shared_template", "kind", "goal") == ""
    assert bounds.problem("shared_template", "kind", "goals") == "is not a template kind"
    assert bounds.problem("shared_template", "name", "my-one") == ""
    for name in ("../etc", "My One", "", "x" * 61):
        assert bounds.problem("shared_template", "name", name) == "is not a template name"


def test_sharing_marks_mine_and_again_publishes_the_edit(store, pair, home):
    write_template(home, "prompts", "mine", "# Mine\n- one\n")
    first = share_template(store, home, pair.id, "prompts/mine")
    assert first.body == "# Mine\n\n- one\n" and first.shared_by == pair.me.id
    assert share_template(store, home, pair.id, "mine").revision == first.revision  # unchanged
    write_template(home, "prompts", "mine", "# Mine\n- two\n", replace=True)
    again = share_template(store, home, pair.id, "mine")
    assert again.id == first.id and again.revision > first.revision and "two" in again.body
    listed = pair_library(store, home, pair.id, "prompts").templates
    assert [t.source for t in listed if t.name == "mine"] == ["mine, shared"]
