"""`mentor goal ...`: the same services the screens call (milestones: cli/milestones.py)."""

from __future__ import annotations

import argparse
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    add_json_option,
    add_pair_option,
    clean_for_terminal,
    open_store,
    pair_of,
    print_due_read_back,
    print_json,
    print_table,
    subcommand,
)
from mentor_tui.wording import plural

# Flag -> Goal field for the SMART texts (kept literal: the CLI never imports sqlmodel
# before a handler runs).
_SMART_FLAGS = (
    ("specific", "what exactly you will do"),
    ("measurable", "indicator, target value and unit"),
    ("achievable", "plan, resources, support needed"),
    ("relevant", "why it matters: the link to the charter or a career aim"),
)


def register(commands: Any) -> None:
    goal = subcommand(commands, "goal", None, "SMART goals: list, show, write, propose, approve")
    goals = goal.add_subparsers(title="goal commands", metavar="ACTION", required=True)

    listing = subcommand(
        goals, "list", _goal_list, "the pair's goals with progress and SMART marks"
    )
    listing.add_argument("--all", action="store_true", help="include dropped goals")
    add_pair_option(listing)
    add_json_option(listing)

    show = subcommand(goals, "show", _goal_show, "a goal: SMART fields, check, milestones, history")
    show.add_argument("goal", metavar="GOAL", help="id, id prefix or part of the title")
    add_pair_option(show)
    add_json_option(show)

    new = subcommand(goals, "new", _goal_new, "write a new draft goal")
    new.add_argument("--title", required=True, help="a short name for the goal")
    _add_smart_flags(new)
    new.add_argument("--propose", action="store_true", help="propose it for approval at once")
    add_pair_option(new)
    add_json_option(new)

    edit = subcommand(goals, "edit", _goal_edit, "change a goal's title or SMART fields")
    edit.add_argument("goal", metavar="GOAL")
    edit.add_argument("--title")
    _add_smart_flags(edit)
    add_pair_option(edit)

    for name, about in (
        ("propose", "ask for approval (the goal must be SMART)"),
        ("approve", "approve a goal (decision rights: the charter's approver)"),
        ("achieve", "mark an approved goal achieved"),
        ("drop", "drop a goal"),
        ("reopen", "back to draft"),
    ):
        step = subcommand(goals, name, _goal_move, about)
        step.add_argument("goal", metavar="GOAL")
        step.set_defaults(move=name)
        add_pair_option(step)

    review = subcommand(
        goals, "review", _goal_review, "the side-by-side review: both assessments per milestone"
    )
    review.add_argument("goal", metavar="GOAL")
    add_pair_option(review)
    add_json_option(review)


def _add_smart_flags(parser: argparse.ArgumentParser) -> None:
    for name, about in _SMART_FLAGS:
        parser.add_argument(f"--{name}", metavar="TEXT", help=about)
    parser.add_argument(
        "--due", metavar="DATE", help='the due date: 2027-03-31, "in 6 weeks", "end of quarter"'
    )


def _smart_values(args: argparse.Namespace, store: Any) -> dict[str, Any]:
    from mentor_tui.dates import parse_date
    from mentor_tui.services.profile import viewer_today

    values = {
        name: getattr(args, name) for name, _ in _SMART_FLAGS if getattr(args, name) is not None
    }
    if args.title is not None:
        values["title"] = args.title
    if args.due is not None:
        values["due_on"] = parse_date(args.due, viewer_today(store))
    return values


def _goal_json(view: Any, today: Any) -> dict[str, Any]:
    data = view.goal.model_dump(mode="json")
    check = view.smart(today)
    data["progress"] = round(view.progress, 3)
    data["milestones_done"], data["milestones_total"] = view.milestones_done, view.milestones_total
    data["smart"] = {d.field.name: {"ok": d.ok, "hint": d.hint} for d in check.dimensions}
    return data


def _goal_list(args: argparse.Namespace) -> int:
    from mentor_tui.dates import due_text
    from mentor_tui.services.goals import list_goals
    from mentor_tui.services.profile import viewer_today

    store = open_store(args)
    pair, today = pair_of(store, args), viewer_today(store)
    views = list_goals(store, pair.id, include_dropped=args.all)
    if args.json:
        print_json([_goal_json(v, today) for v in views])
        return 0
    if not views:
        print('No goals yet. Write one: mentor goal new --title "..." --due "in 6 weeks"')
        return 0
    rows = [
        [
            v.goal.id[:8],
            clean_for_terminal(v.goal.title[:60]),
            v.goal.status,
            f"{v.goal.due_on or '-'} "
            f"({due_text(v.goal.due_on, today, done=v.goal.status == 'achieved')})",
            f"{v.milestones_done}/{v.milestones_total}",
            v.smart(today).marks,
        ]
        for v in views
    ]
    print_table(rows, ["ID", "GOAL", "STATUS", "DUE", "DONE", "SMART"])
    return 0


def _goal_show(args: argparse.Namespace) -> int:
    from mentor_tui.dates import due_text, format_instant
    from mentor_tui.services.goal_history import changes_since_approval, goal_history
    from mentor_tui.services.goals import approval_hint, find_goal
    from mentor_tui.services.milestones import goal_milestones
    from mentor_tui.services.profile import viewer_today
    from mentor_tui.services.smart import SMART_FIELDS

    store = open_store(args)
    pair, today = pair_of(store, args), viewer_today(store)
    view = find_goal(store, pair.id, args.goal)
    goal, zone = view.goal, pair.me.timezone
    if args.json:
        data = _goal_json(view, today)
        data["milestones"] = [
            m.milestone.model_dump(mode="json") for m in goal_milestones(store, goal.id)
        ]
        data["history"] = [c.change.model_dump(mode="json") for c in goal_history(store, goal.id)]
        print_json(data)
        return 0
    check = view.smart(today)
    print(clean_for_terminal(goal.title))
    print(
        f"  id: {goal.id}   status: {goal.status}   {clean_for_terminal(approval_hint(pair, goal))}"
    )
    for field in SMART_FIELDS:
        dimension = check.of(field.name)
        mark = "✓" if dimension.ok else "✗"
        if field.name == "due_on":
            value = f"{goal.due_on} ({due_text(goal.due_on, today)})" if goal.due_on else ""
        else:
            value = clean_for_terminal(getattr(goal, field.name))
        print(f"  {mark} {field.label}: {value}")
        if not dimension.ok:
            print(f"      hint: {dimension.hint}")
    milestones = goal_milestones(store, goal.id)
    print(f"  milestones: {view.milestones_done}/{view.milestones_total} done")
    for m in milestones:
        flag = m.flag(today)
        print(
            f"    {m.milestone.id[:8]}  [{m.milestone.status}] "
            f"{clean_for_terminal(m.milestone.title)}  "
            f"{m.milestone.due_on or ''}{'  ' + flag if flag else ''}"
        )
    diffs = changes_since_approval(store, goal.id)
    if diffs:
        print("  changed since approval:")
        for diff in diffs:
            print(f"    {diff.label}: {clean_for_terminal(diff.plain())}")
    history = goal_history(store, goal.id)
    if history:
        last = history[-1]
        print(
            f"  history: {plural(len(history), 'change')}, "
            f"the last by {clean_for_terminal(last.who)} "
            f"on {format_instant(last.change.changed_at, zone)}"
        )
    return 0


def _goal_new(args: argparse.Namespace) -> int:
    from mentor_tui.services.goals import create_goal, propose_goal
    from mentor_tui.services.profile import viewer_today
    from mentor_tui.services.smart import check_goal

    store = open_store(args)
    pair = pair_of(store, args)
    values = _smart_values(args, store)
    goal = create_goal(store, pair.id, **values)
    if args.propose:
        from mentor_tui.errors import MentorError

        try:
            goal = propose_goal(store, goal.id)
        except MentorError as problem:  # the draft is kept: say so, and what to do next
            raise CommandError(
                f"saved as a draft ({goal.id[:8]}), not proposed: {problem}; "
                f"fix it with `mentor goal edit`, then `mentor goal propose`"
            ) from problem
    if args.json:
        print_json(goal.model_dump(mode="json"))
        return 0
    print(f"Goal {goal.status}: {clean_for_terminal(goal.title)} ({goal.id})")
    print_due_read_back(args, goal.due_on, store)
    check = check_goal(goal, viewer_today(store))
    for dimension in check.failing:
        print(f"  hint: {dimension.field.label}: {dimension.hint}")
    return 0


def _goal_edit(args: argparse.Namespace) -> int:
    from mentor_tui.services.goals import find_goal, update_goal

    store = open_store(args)
    pair = pair_of(store, args)
    goal = update_goal(
        store, find_goal(store, pair.id, args.goal).goal.id, **_smart_values(args, store)
    )
    print(f"Goal updated: {clean_for_terminal(goal.title)}")
    print_due_read_back(args, goal.due_on, store)
    return 0


def _goal_move(args: argparse.Namespace) -> int:
    from mentor_tui.services import goals

    store = open_store(args)
    pair = pair_of(store, args)
    step = {
        "propose": goals.propose_goal,
        "approve": goals.approve_goal,
        "achieve": goals.mark_goal_achieved,
        "drop": goals.drop_goal,
        "reopen": goals.reopen_goal,
    }[args.move]
    goal = step(store, goals.find_goal(store, pair.id, args.goal).goal.id)
    print(f"Goal {goal.status}: {clean_for_terminal(goal.title)}")
    return 0


def _goal_review(args: argparse.Namespace) -> int:
    from mentor_tui.services.goals import find_goal
    from mentor_tui.services.review import review_rows

    store = open_store(args)
    pair = pair_of(store, args)
    review = review_rows(store, find_goal(store, pair.id, args.goal).goal.id)

    def side(a: Any) -> dict[str, Any] | None:
        return (
            None
            if a is None
            else {"score": a.score, "comment": a.comment, "assessor_id": a.assessor_id}
        )

    if args.json:
        print_json(
            [
                {
                    "milestone_id": r.milestone.id,
                    "title": r.milestone.title,
                    "status": r.milestone.status,
                    "evidence": r.milestone.evidence,
                    "mentee": side(r.mentee),
                    "mentor": side(r.mentor),
                    "disagreement": r.disagreement,
                }
                for r in review.rows
            ]
        )
        return 0

    def score(a: Any) -> str:
        return f"{a.score}/5 {clean_for_terminal(a.comment)[:40]}".strip() if a else "-"

    rows = [
        [
            clean_for_terminal(r.milestone.title[:40]),
            r.milestone.status.replace("_", " "),
            score(r.mentee),
            clean_for_terminal(r.milestone.evidence[:30]),
            score(r.mentor),
            f"≠ {r.disagreement}" if r.disagreement else "",
        ]
        for r in review.rows
    ]
    print(clean_for_terminal(review.goal.title))
    print_table(rows, ["MILESTONE", "STATUS", "SELF", "EVIDENCE", "MENTOR", "DISAGREEMENT"])
    return 0
