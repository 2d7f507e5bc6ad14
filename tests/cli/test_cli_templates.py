"""`mentor template ...` as a shell sees it (in process, on the frozen clock): the list
with mine beside the built-in ones, show, new (text, file, the built-in one to adapt),
apply to a session's agenda and as a new goal, delete; errors in one line."""

from __future__ import annotations

import json

import pytest

from mentor_tui.services.goals import list_goals
from mentor_tui.services.sessions import get_session, schedule_session
from tests.cli.helpers import assert_one_line_error, mentor


def test_list_shows_the_built_in_library(home):
    done = mentor("template", "list", home=home)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["template", "source", "title"]
    refs = {line.split()[0] for line in lines[1:]}
    assert {"agenda/kickoff", "agenda/check-in", "checklist/kickoff", "goal/learn-a-skill"} <= refs
    agendas = mentor("template", "list", "--kind", "agenda", "--json", home=home)
    names = [t["name"] for t in json.loads(agendas.stdout)]
    assert sorted(names) == ["ad-hoc", "check-in", "closing", "kickoff", "quarterly-review"]


def test_a_template_of_mine_is_listed_shown_and_deleted(home):
    done = mentor("template", "new", "prompts", "Mentee Intro", "--text", "# Intro\n- Who are you?")
    assert done.returncode == 0, done.stderr
    path = home / "templates" / "prompts" / "mentee-intro.md"
    assert done.stdout == f"Wrote {path}\n"
    listed = mentor("template", "list", "--kind", "prompts", home=home)
    assert any(
        line.split()[:2] == ["prompts/mentee-intro", "mine"] for line in listed.stdout.splitlines()
    )
    shown = mentor("template", "show", "mentee-intro", home=home)
    assert shown.stdout.splitlines() == [
        "prompts/mentee-intro: Intro",
        f"mine ({path})",
        "",
        "- Who are you?",
    ]
    again = mentor("template", "new", "prompts", "mentee-intro", "--text", "x", home=home)
    assert "exists already" in assert_one_line_error(again)
    gone = mentor("template", "delete", "prompts/mentee-intro", home=home)
    assert gone.returncode == 0 and not path.exists()
    assert "built in" in assert_one_line_error(mentor("template", "delete", "agenda/kickoff"))


def test_new_without_text_starts_from_the_built_in_one(home):
    done = mentor("template", "new", "agenda", "check-in", home=home)
    assert done.returncode == 0, done.stderr
    text = (home / "templates" / "agenda" / "check-in.md").read_text()
    assert text.startswith("# Check-in: progress, blockers, next steps\n")
    listed = mentor("template", "list", "--kind", "agenda", home=home).stdout
    row = next(line for line in listed.splitlines() if line.startswith("agenda/check-in "))
    assert row.split()[1:7] == ["mine", "(in", "place", "of", "the", "built-in"]


def test_new_from_a_file(home, tmp_path):
    source = tmp_path / "mine.md"
    source.write_text("- [ ] one\n- [ ] two\n")
    done = mentor("template", "new", "checklist", "mine", "--file", str(source), home=home)
    assert done.returncode == 0, done.stderr
    assert mentor("template", "show", "checklist/mine", home=home).stdout.endswith(
        "- [ ] one\n- [ ] two\n"
    )


def test_hostile_text_is_shown_without_its_escapes(home):
    mentor("template", "new", "rubric", "odd", "--text", "# \x1b[2JTitle\n- \x1b]0;x\x07 score")
    shown = mentor("template", "show", "odd", home=home)
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("template", "show", "kickoff"), "several templates"),
        (("template", "show", "no-such"), "no template is named"),
        (("template", "list", "--kind", "recipe"), "unknown template kind"),
        (("template", "new", "agenda", "../up", "--text", "x"), "cannot name a template"),
    ],
)
def test_errors_in_one_line(home, args, words):
    assert words in assert_one_line_error(mentor(*args, home=home))


def test_apply_a_session_kinds_agenda_and_checklist(home, store, pair):
    row = schedule_session(store, pair.id, "2026-11-24 08:00", kind="kickoff")
    done = mentor("template", "apply", "--session", row.id[:8], home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"Session {row.id[:8]}: agenda from agenda/kickoff, checklist/kickoff; "
        "checklist 0 done, 4 left\n"
    )
    agenda = get_session(store, row.id).agenda
    assert "what Ada Lovelace hopes to get from it" in agenda
    assert "- [ ] Backup channel named" in agenda
    again = mentor("template", "apply", "--session", row.id[:8], home=home)
    assert "never overwrites" in assert_one_line_error(again)
    prompts = mentor("template", "apply", "prompts/reflection", "--session", row.id[:8])
    assert prompts.returncode == 0, prompts.stderr
    assert get_session(store, row.id).agenda.startswith(agenda.rstrip("\n") + "\n\n## Reflection")


def test_a_template_of_mine_applies(home, store, pair):
    mentor("template", "new", "agenda", "check-in", "--text", "# Ours\n- {mentee}: news\n")
    row = schedule_session(store, pair.id, "2026-11-24 08:00")
    assert mentor("template", "apply", "--session", row.id, home=home).returncode == 0
    assert get_session(store, row.id).agenda == "- Ada Lovelace: news\n"


def test_apply_a_goal_template(home, store, pair):
    done = mentor("template", "apply", "lead-a-project", "--goal", home=home)
    assert done.returncode == 0, done.stderr
    [view] = list_goals(store, pair.id)
    assert done.stdout == (
        f"Draft goal {view.goal.id[:8]}: Lead (the project) from plan to launch, "
        "with 4 milestones\n"
    )
    assert view.milestones_total == 4
    wrong = mentor("template", "apply", "agenda/ad-hoc", "--goal", home=home)
    assert "not a goal template" in assert_one_line_error(wrong)


def test_new_with_edit_opens_the_editor_on_the_file(home, tmp_path):
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "- {partner}: edited" >> "$1"\n')
    editor.chmod(0o755)
    done = mentor(
        "template", "new", "prompts", "mine", "--edit", env={"EDITOR": str(editor), "VISUAL": ""}
    )
    assert done.returncode == 0, done.stderr
    text = (home / "templates" / "prompts" / "mine.md").read_text()
    assert text.startswith("# Mine\n") and text.endswith("- {partner}: edited\n")
    none = mentor("template", "new", "prompts", "other", "--edit", env={"EDITOR": "", "VISUAL": ""})
    assert "no editor" in assert_one_line_error(none)


def test_share_unshare_and_copy_the_partners(home, store, pair):
    from mentor_tui.models.tables import SharedTemplate
    from mentor_tui.services.shared_templates import shared_in_pair

    mentor("template", "new", "agenda", "one-on-one", "--text", "# Our 1:1\n- wins", home=home)
    done = mentor("template", "share", "agenda/one-on-one", home=home)
    assert done.stdout == "Shared agenda/one-on-one with Ada Lovelace: the next sync publishes it\n"
    listed = mentor("template", "list", "--kind", "agenda", home=home).stdout
    row = next(line for line in listed.splitlines() if line.startswith("agenda/one-on-one "))
    assert row.split()[1:3] == ["mine,", "shared"]
    built_in = mentor("template", "share", "agenda/kickoff", home=home)
    assert "your partner has it already" in assert_one_line_error(built_in)
    done = mentor("template", "unshare", "one-on-one", home=home)
    assert done.returncode == 0 and shared_in_pair(store, pair.id).mine == frozenset()
    # Ada's shared template, as her synced record brings it: listed "from", copied as mine.
    with store.write() as session:
        session.add(
            SharedTemplate(
                pair_id=pair.id,
                kind="prompts",
                name="adas",
                body="# Ada's \x1b[31mquestions\n- why?\n",
                shared_by=pair.partner.id,
                origin=pair.partner.id,
            )
        )
    listed = mentor("template", "list", "--kind", "prompts", home=home).stdout
    row = next(line for line in listed.splitlines() if line.startswith("prompts/adas "))
    assert row.split()[1:4] == ["from", "Ada", "Lovelace"] and "\x1b" not in listed
    shown = mentor("template", "show", "prompts/adas", home=home).stdout
    assert shown.splitlines()[1] == "from Ada Lovelace" and "\x1b" not in shown
    copied = mentor("template", "copy", "adas", home=home)
    path = home / "templates" / "prompts" / "adas.md"
    assert copied.stdout == f"Copied to {path}: yours to edit\n"
    again = mentor("template", "copy", "adas", home=home)
    assert "--as NEW-NAME" in assert_one_line_error(again)
    renamed = mentor("template", "copy", "adas", "--as", "adas-2", home=home)
    assert renamed.returncode == 0 and (path.parent / "adas-2.md").is_file()
