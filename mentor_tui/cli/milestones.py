"""`mentor milestone ...`: list, add, done, assess; the same services the screens call."""

from __future__ import annotations

import argparse
from typing import Any

from mentor_tui.cli.common import (
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


def register(commands: Any) -> None:
    milestone = subcommand(commands, "milestone", None, "milestones: list, add, done, assess")
    milestones = milestone.add_subparsers(
        title="milestone commands", metavar="ACTION", required=True
    )
    listing = subcommand(
        milestones,
        "list",
        _milestone_list,
        "milestones of all goals by due date, overdue and at-risk marked",
    )
    listing.add_argument("--due-within", metavar="SPAN", help="only those due within, e.g. 14d")
    listing.add_argument("--status", help="planned, in_progress, done or blocked")
    listing.add_argument("--goal", metavar="GOAL", help="only this goal's")
    listing.add_argument("--by-week", action="store_true", help="group by ISO week (timeline)")
    add_pair_option(listing)
    add_json_option(listing)

    add = subcommand(milestones, "add", _milestone_add, "add a milestone to a goal")
    add.add_argument("goal", metavar="GOAL")
    add.add_argument("--title", required=True)
    add.add_argument("--due", metavar="DATE", help='a date or a phrase ("next friday")')
    add_pair_option(add)

    done = subcommand(milestones, "done", _milestone_done, "mark a milestone done")
    done.add_argument("milestone", metavar="MILESTONE", help="id, id prefix or part of the title")
    done.add_argument("--evidence", metavar="TEXT", help="a URL, a commit, a file path or text")
    add_pair_option(done)

    assess = subcommand(milestones, "assess", _milestone_assess, "score a milestone 1-5")
    assess.add_argument("milestone", metavar="MILESTONE")
    assess.add_argument("--score", required=True, help="1 (far off) to 5 (excellent)")
    assess.add_argument("--comment", default="")
    add_pair_option(assess)


def _milestone_json(view: Any, today: Any) -> dict[str, Any]:
    data = view.milestone.model_dump(mode="json")
    data["goal_title"] = view.goal_title
    data["overdue"], data["at_risk"] = view.is_overdue(today), view.is_at_risk(today)
    return data


def _milestone_list(args: argparse.Namespace) -> int:
    from mentor_tui.dates import due_text, parse_days
    from mentor_tui.services.goals import find_goal
    from mentor_tui.services.milestones import (
        group_by_week,
        list_milestones,
        viewer_today,
    )

    store = open_store(args)
    pair, today = pair_of(store, args), viewer_today(store)
    views = list_milestones(
        store,
        pair.id,
        status=args.status,
        goal_id=find_goal(store, pair.id, args.goal).goal.id if args.goal else None,
        due_within_days=parse_days(args.due_within) if args.due_within else None,
    )
    if args.json:
        print_json([_milestone_json(v, today) for v in views])
        return 0
    if not views:
        print("No milestones match.")
        return 0

    def row(v: Any) -> list[str]:
        m = v.milestone
        return [
            m.id[:8],
            clean_for_terminal(m.title[:50]),
            clean_for_terminal(v.goal_title[:30]),
            m.status.replace("_", " "),
            f"{m.due_on or '-'} ({due_text(m.due_on, today, done=m.status == 'done')})",
            v.flag(today),
        ]

    headers = ["ID", "MILESTONE", "GOAL", "STATUS", "DUE", "FLAG"]
    if args.by_week:
        for week in group_by_week(views):
            print(week.label)
            print_table([row(v) for v in week.milestones], headers)
            print()
        return 0
    print_table([row(v) for v in views], headers)
    return 0


def _milestone_add(args: argparse.Namespace) -> int:
    from mentor_tui.dates import parse_date
    from mentor_tui.services.goals import find_goal
    from mentor_tui.services.milestones import add_milestone, viewer_today

    store = open_store(args)
    pair = pair_of(store, args)
    due = parse_date(args.due, viewer_today(store)) if args.due else None
    milestone = add_milestone(
        store, find_goal(store, pair.id, args.goal).goal.id, title=args.title, due_on=due
    )
    print(f"Milestone added: {clean_for_terminal(milestone.title)} ({milestone.id})")
    print_due_read_back(args, milestone.due_on, store)
    return 0


def _milestone_done(args: argparse.Namespace) -> int:
    from mentor_tui.services.milestones import find_milestone, mark_milestone_done

    store = open_store(args)
    pair = pair_of(store, args)
    view = find_milestone(store, pair.id, args.milestone)
    earlier = view.milestone.evidence.strip()
    milestone = mark_milestone_done(
        store, view.milestone.id, evidence=args.evidence, add_evidence=True
    )
    if earlier and args.evidence and milestone.evidence != earlier:
        print("The new evidence is added below what was there.")
    evidence = clean_for_terminal(milestone.evidence)
    evidence = f" (evidence: {evidence})" if evidence else ""
    print(f"Done on {milestone.done_on}: {clean_for_terminal(milestone.title)}{evidence}")
    return 0


def _milestone_assess(args: argparse.Namespace) -> int:
    from mentor_tui.services.milestones import find_milestone
    from mentor_tui.services.review import assess_milestone

    store = open_store(args)
    pair = pair_of(store, args)
    view = find_milestone(store, pair.id, args.milestone)
    assessment = assess_milestone(store, view.milestone.id, score=args.score, comment=args.comment)
    print(
        f"Assessed as {assessment.role}: {assessment.score}/5 for "
        f"{clean_for_terminal(view.milestone.title)}"
    )
    return 0
