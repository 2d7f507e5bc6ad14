"""`mentor template list|show|new|apply|delete|share|unshare|copy`: the templates library
from the shell.

Built-in templates ship with mentor-tui; mine are Markdown files in HOME/templates/KIND/
(services/templates.py); `share` publishes one of mine to the pair's partner at the next
sync, whose shared ones `list` shows ("from NAME") and `copy` makes mine
(services/shared_templates.py). `new` writes one (the built-in template of that name to adapt,
a skeleton, --text or --file) and, with --edit, opens it in $VISUAL or $EDITOR.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    add_json_option,
    add_pair_option,
    clean_for_terminal,
    home_of,
    open_store,
    pair_of,
    print_json,
    print_table,
    read_text_file,
    run_editor,
    subcommand,
)

KIND_HELP = "agenda, checklist, goal, prompts or rubric"


def register(commands: Any) -> None:
    template = subcommand(
        commands,
        "template",
        None,
        "the templates library: agendas, checklists, goal templates, prompts, rubrics",
    )
    actions = template.add_subparsers(title="template commands", metavar="ACTION", required=True)

    listing = subcommand(actions, "list", _list, "list the built-in templates and mine")
    listing.add_argument("--kind", metavar="KIND", help=f"only this kind: {KIND_HELP}")
    add_pair_option(listing)
    add_json_option(listing)

    show = subcommand(actions, "show", _show, "print a template's text, as written")
    _add_ref(show)
    add_json_option(show)

    new = subcommand(
        actions,
        "new",
        _new,
        "write a template of mine (a file in HOME/templates/KIND/NAME.md)",
        aliases=["add"],
    )
    new.add_argument("kind", metavar="KIND", help=KIND_HELP)
    new.add_argument("name", metavar="NAME", help="letters, digits and hyphens: my-check-in")
    source = new.add_mutually_exclusive_group()
    source.add_argument("--text", metavar="TEXT", help="the template's text (Markdown)")
    source.add_argument("--file", metavar="FILE", help="read the text from FILE (- for stdin)")
    new.add_argument("--edit", action="store_true", help="then open it in $VISUAL or $EDITOR")
    new.add_argument("--replace", action="store_true", help="write over my template of that name")

    apply = subcommand(
        actions,
        "apply",
        _apply,
        "put a template where it is used: into a session's agenda, or as a new goal",
    )
    _add_ref(apply, optional=True)
    where = apply.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--session",
        metavar="ID",
        help="into this session's agenda (without NAME: its kind's agenda and checklist)",
    )
    where.add_argument(
        "--goal", action="store_true", help="a goal template: start a new draft goal from it"
    )
    add_pair_option(apply)

    delete = subcommand(
        actions, "delete", _delete, "move a template of mine to HOME/templates/.trash"
    )
    _add_ref(delete)

    share = subcommand(
        actions, "share", _share, "share a template of mine with the pair's partner (next sync)"
    )
    _add_ref(share)
    add_pair_option(share)
    unshare = subcommand(
        actions, "unshare", _unshare, "stop sharing a template of mine with the pair's partner"
    )
    _add_ref(unshare)
    add_pair_option(unshare)
    copy = subcommand(
        actions, "copy", _copy, "copy a template the partner shares into my templates"
    )
    _add_ref(copy)
    copy.add_argument("--as", dest="new_name", metavar="NEW-NAME", help="name my copy so")
    add_pair_option(copy)


def _add_ref(parser: argparse.ArgumentParser, *, optional: bool = False) -> None:
    parser.add_argument(
        "name",
        metavar="NAME",
        nargs="?" if optional else None,
        help="the template: NAME, or KIND/NAME when two kinds share the name",
    )
    parser.add_argument("--kind", metavar="KIND", help=f"the template's kind: {KIND_HELP}")


def _warn_problems(problems: list[str]) -> None:
    for problem in problems:
        print(f"mentor: warning: {clean_for_terminal(problem, one_line=True)}", file=sys.stderr)


def _current_pair_id(args: argparse.Namespace) -> str | None:
    """The pair whose shared templates a listing shows; None without one (no pair yet, or
    several and none chosen): the library alone is listed then."""
    from mentor_tui.errors import MentorError

    try:
        return pair_of(open_store(args), args).id
    except MentorError:
        if getattr(args, "pair", None):
            raise  # a pair asked for by name must exist
        return None


def _list(args: argparse.Namespace) -> int:
    from mentor_tui.services.shared_templates import pair_library

    pair_id = _current_pair_id(args)
    library = pair_library(open_store(args), home_of(args), pair_id, args.kind)
    _warn_problems(library.problems)
    if args.json:
        print_json([t.as_json() for t in library.templates])
        return 0
    rows = [
        [
            t.ref,
            clean_for_terminal(t.source, one_line=True)
            + (" (in place of the built-in one)" if t.shadows else ""),
            clean_for_terminal(t.title, one_line=True),
        ]
        for t in library.templates
    ]
    print_table(rows, ["template", "source", "title"])
    return 0


def _show(args: argparse.Namespace) -> int:
    from mentor_tui.errors import NotFound
    from mentor_tui.services.templates import find_template

    try:
        template = find_template(home_of(args), args.name, args.kind)
    except NotFound:  # not mine nor built in: perhaps one the partner shares
        from mentor_tui.services.shared_templates import find_partners

        pair_id = _current_pair_id(args)
        if pair_id is None:
            raise
        template = find_partners(open_store(args), pair_id, args.name, args.kind)
    if args.json:
        print_json(template.as_json())
        return 0
    where = f" ({template.path})" if template.path else ""
    print(clean_for_terminal(f"{template.ref}: {template.title}", one_line=True))
    print(clean_for_terminal(f"{template.source}{where}", one_line=True))
    print()
    print(clean_for_terminal(template.body.rstrip("\n")))
    return 0


def _new(args: argparse.Namespace) -> int:
    from mentor_tui.services.templates import starter_text, write_template

    home = home_of(args)
    if args.text is not None:
        text = args.text
    elif args.file is not None:
        text = read_text_file(args.file)
    else:
        text = starter_text(home, args.kind, args.name)
    path = write_template(home, args.kind, args.name, text, replace=args.replace)
    print(f"Wrote {clean_for_terminal(str(path), one_line=True)}")
    if args.edit:
        run_editor(
            path, no_editor=f"set $EDITOR, or edit {path} yourself", not_done=f"{path} is kept"
        )
    return 0


def _apply(args: argparse.Namespace) -> int:
    from mentor_tui.services.template_apply import apply_goal, apply_to_session, checklist_counts
    from mentor_tui.services.templates import find_template, session_templates

    home = home_of(args)
    store = open_store(args)
    pair = pair_of(store, args)
    if args.goal:
        if not args.name:
            raise CommandError("which goal template? `mentor template list --kind goal`")
        goal, milestones = apply_goal(store, pair.id, find_template(home, args.name, "goal"))
        title = clean_for_terminal(goal.title, one_line=True)
        print(f"Draft goal {goal.id[:8]}: {title}, with {len(milestones)} milestones")
        return 0
    from mentor_tui.services.sessions import find_session

    row = find_session(store, pair.id, args.session)
    if args.name:
        templates = [find_template(home, args.name, args.kind)]
    else:
        templates = session_templates(home, row.kind)
        if not templates:
            raise CommandError("no template for this session's kind; name one")
    saved = apply_to_session(store, row.id, templates)
    done, left = checklist_counts(saved.agenda)
    names = ", ".join(t.ref for t in templates)
    tally = f"; checklist {done} done, {left} left" if done or left else ""
    print(f"Session {saved.id[:8]}: agenda from {names}{tally}")
    return 0


def _delete(args: argparse.Namespace) -> int:
    from mentor_tui.services.templates import delete_template

    kept = delete_template(home_of(args), args.name, args.kind)
    print(f"Moved to {clean_for_terminal(str(kept), one_line=True)}")
    return 0


def _share(args: argparse.Namespace) -> int:
    from mentor_tui.services.shared_templates import share_template

    store = open_store(args)
    pair = pair_of(store, args)
    row = share_template(store, home_of(args), pair.id, args.name, args.kind)
    partner = clean_for_terminal(pair.partner.display_name, one_line=True)
    print(f"Shared {row.kind}/{row.name} with {partner}: the next sync publishes it")
    return 0


def _unshare(args: argparse.Namespace) -> int:
    from mentor_tui.services.shared_templates import unshare_template

    store = open_store(args)
    pair = pair_of(store, args)
    ref = unshare_template(store, pair.id, args.name, args.kind)
    partner = clean_for_terminal(pair.partner.display_name, one_line=True)
    print(f"{ref} is no longer shared with {partner} (from the next sync); your file stays")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from mentor_tui.services.shared_templates import copy_template

    store = open_store(args)
    pair = pair_of(store, args)
    path = copy_template(store, home_of(args), pair.id, args.name, args.kind, args.new_name)
    print(f"Copied to {clean_for_terminal(str(path), one_line=True)}: yours to edit")
    return 0
