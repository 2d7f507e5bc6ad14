"""The templates library: the built-in set, my files in the home's templates folder (which
shadow a built-in one), bounded and hostile files, the one-pass placeholder filling, and
each kind applied where it is used without overwriting typed text."""

from __future__ import annotations

import os

import pytest

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.enums import SessionKind
from mentor_tui.models.limits import TEMPLATE_LIMIT
from mentor_tui.services import template_apply as apply
from mentor_tui.services import templates as lib
from mentor_tui.services.goals import list_goals
from mentor_tui.services.milestones import goal_milestones
from mentor_tui.services.sessions import get_session, schedule_session


def test_every_session_kind_has_a_built_in_agenda(home):
    for kind in SessionKind:
        found = lib.session_templates(home, kind.value)
        assert found and found[0].kind == "agenda" and not found[0].mine
        assert found[0].body.strip()
    refs = {t.ref for t in lib.load_library(home).templates}
    assert {"agenda/closing", "checklist/kickoff", "checklist/quarterly-review"} <= refs
    assert {"goal", "prompts", "rubric"} <= {ref.split("/")[0] for ref in refs}


def test_the_kickoff_has_its_agenda_then_its_checklist(home):
    found = lib.session_templates(home, "kickoff")
    assert [t.ref for t in found] == ["agenda/kickoff", "checklist/kickoff"]
    assert "Backup channel named" in found[1].body


def test_list_by_kind_and_kind_words(home):
    agendas = lib.load_library(home, "agendas").templates
    assert {t.name for t in agendas} == {
        "kickoff",
        "check-in",
        "quarterly-review",
        "ad-hoc",
        "closing",
    }
    with pytest.raises(InvalidInput, match="unknown template kind"):
        lib.load_library(home, "recipes")


def test_my_template_is_listed_and_shadows_the_built_in_one(home):
    path = lib.write_template(home, "agenda", "Check In", "# Our check-in\n\n- {mentee} talks\n")
    assert path == home / "templates" / "agenda" / "check-in.md"
    mine = lib.find_template(home, "agenda/check-in")
    assert mine.mine and mine.shadows and mine.title == "Our check-in"
    assert mine.body == "- {mentee} talks\n"
    assert lib.session_templates(home, "check_in")[0] is not None
    assert lib.session_templates(home, "check_in")[0].mine
    with pytest.raises(InvalidInput, match="exists already"):
        lib.write_template(home, "agenda", "check-in", "again")


def test_a_name_shared_by_two_kinds_needs_its_kind(home):
    with pytest.raises(InvalidInput, match="several templates"):
        lib.find_template(home, "kickoff")
    assert lib.find_template(home, "kickoff", "checklist").ref == "checklist/kickoff"
    assert lib.find_template(home, "learn-a-skill").ref == "goal/learn-a-skill"
    with pytest.raises(NotFound):
        lib.find_template(home, "nothing-like-it")


@pytest.mark.parametrize("name", ["../escape", "a/b/c", "", "-x", "x" * 61, "dot.name"])
def test_names_that_are_not_safe_file_names_are_refused(home, name):
    with pytest.raises((InvalidInput, NotFound)):
        lib.write_template(home, "agenda", name, "text")
    assert not (home / "escape.md").exists()


def test_unreadable_and_oversized_files_are_skipped_with_a_problem(home):
    folder = home / "templates" / "prompts"
    folder.mkdir(parents=True)
    (folder / "binary.md").write_bytes(b"\xff\xfe not text")
    (folder / "huge.md").write_text("x" * (TEMPLATE_LIMIT + 1))
    (folder / "Bad Name.md").write_text("hi")
    (folder / "fine.md").write_text("no heading here")
    os.mkfifo(folder / "pipe.md")  # reading it would block: opened without waiting, refused
    library = lib.load_library(home, "prompts")
    mine = [t for t in library.templates if t.mine]
    assert [t.name for t in mine] == ["fine"]
    assert mine[0].title == "fine" and mine[0].body == "no heading here"
    assert len(library.problems) == 4
    with pytest.raises(InvalidInput, match="over"):
        lib.write_template(home, "prompts", "big", "x" * (TEMPLATE_LIMIT + 1))


def test_a_link_in_the_library_is_never_followed(home, tmp_path):
    folder = home / "templates" / "agenda"
    folder.mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("# Not a template\nthe machine's secrets")
    (folder / "link.md").symlink_to(secret)
    (folder / "loop.md").symlink_to(folder / "loop.md")
    library = lib.load_library(home, "agenda")
    assert not [t for t in library.templates if t.mine]
    assert len(library.problems) == 2
    assert all("is a link" in problem for problem in library.problems)


def test_delete_moves_my_file_aside_and_refuses_a_built_in_one(home):
    lib.write_template(home, "rubric", "mine", "- 1: meh")
    kept = lib.delete_template(home, "rubric/mine")
    assert kept.exists() and "mine" not in {t.name for t in lib.load_library(home).templates}
    with pytest.raises(InvalidInput, match="built in"):
        lib.delete_template(home, "rubric/milestone-score")


def test_fill_is_one_explicit_pass():
    values = {"mentee": "{mentor} {0} %s", "mentor": "Grace"}
    text = "Hi {mentee}, from {mentor}; {unknown} {0} {mentee.__class__} {{mentee}}"
    assert apply.fill(text, values) == (
        "Hi {mentor} {0} %s, from Grace; {unknown} {0} {mentee.__class__} {{mentor} {0} %s}"
    )


def test_checklist_counts():
    assert apply.checklist_counts("- [x] one\n- [ ] two\n* [X] three\ntext [ ] no\n") == (2, 1)
    assert apply.checklist_counts("") == (0, 0)


def test_a_kickoff_from_its_templates_has_the_agenda_and_checklist(home, store, pair):
    row = schedule_session(store, pair.id, "2026-11-24 08:00", kind="kickoff")
    saved = apply.apply_to_session(store, row.id, lib.session_templates(home, "kickoff"))
    assert "how Grace Hopper and Ada Lovelace will work together" not in saved.agenda  # title
    assert "what Ada Lovelace hopes to get from it" in saved.agenda
    assert "## Kickoff checklist" in saved.agenda
    assert apply.checklist_counts(saved.agenda) == (0, 4)
    assert "{" not in saved.agenda
    assert get_session(store, row.id).agenda == saved.agenda


def test_an_agenda_template_never_overwrites_a_typed_agenda(home, store, pair):
    row = schedule_session(store, pair.id, "2026-11-24 08:00", agenda="Mine, typed")
    agenda = lib.find_template(home, "agenda/check-in")
    with pytest.raises(InvalidInput, match="never overwrites"):
        apply.apply_to_session(store, row.id, [agenda])
    prompts = lib.find_template(home, "prompts/check-in")
    saved = apply.apply_to_session(store, row.id, [prompts])
    assert saved.agenda.startswith("Mine, typed\n\n## Check-in questions\n")
    rubric = lib.find_template(home, "rubric/milestone-score")
    with pytest.raises(InvalidInput, match="does not go in an agenda"):
        apply.apply_to_session(store, row.id, [rubric])


def test_next_session_placeholder(home, store, pair):
    first = schedule_session(store, pair.id, "2026-11-24 08:00")
    values = apply.placeholders(store, pair, first)
    assert values["next_session"] == "to plan (biweekly)"
    assert apply.placeholders(store, pair)["next_session"].startswith("Tue 24 Nov 08:00")


def test_a_goal_from_a_goal_template_with_its_milestones(home, store, pair):
    template = lib.find_template(home, "goal/learn-a-skill")
    goal, milestones = apply.apply_goal(store, pair.id, template)
    assert goal.status == "draft"
    assert goal.title == "Learn (the skill) well enough to use it at work"
    assert goal.specific.startswith("Which skill, and what will Ada Lovelace be able")
    assert goal.measurable and goal.achievable and goal.relevant
    assert [v.milestone.title for v in goal_milestones(store, goal.id)] == [
        m.title for m in milestones
    ]
    assert len(milestones) == 3
    assert [v.goal.id for v in list_goals(store, pair.id)] == [goal.id]
    with pytest.raises(InvalidInput, match="not a goal template"):
        apply.apply_goal(store, pair.id, lib.find_template(home, "agenda/ad-hoc"))


def test_a_hostile_goal_template_is_text(home, store, pair):
    lib.write_template(
        home,
        "goal",
        "odd",
        "# Odd\n## Goal\n[bold]{mentee}[/] \x1b[31m\n## Milestones\n- [ ] {__import__}\n",
    )
    goal, milestones = apply.apply_goal(store, pair.id, lib.find_template(home, "goal/odd"))
    assert goal.title == "[bold]Ada Lovelace[/] \x1b[31m"
    assert [m.title for m in milestones] == ["{__import__}"]
