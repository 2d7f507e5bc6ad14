"""`mentor program cycle NAME [--ends DATE]`: the coordinator ends this cycle and starts
the next (program/cycles.py); the report then sets the new cycle against the last."""

from __future__ import annotations

import argparse
from typing import Any

from mentor_tui.cli.common import clean_for_terminal, home_of, open_store
from mentor_tui.wording import plural


def add_cycle(actions: Any, subcommand: Any) -> argparse.ArgumentParser:
    cycle: argparse.ArgumentParser = subcommand(
        actions,
        "cycle",
        _cycle,
        "end this cycle (its roll-up is kept for the report's trends) and start the next",
    )
    cycle.add_argument("name", metavar="NAME", help="the new cycle's name, e.g. 2027-H1")
    cycle.add_argument(
        "--ends", default=None, metavar="DATE", help="the new cycle's last day (a date or a phrase)"
    )
    return cycle


def _cycle(args: argparse.Namespace) -> int:
    from mentor_tui.cli.program_intake import ask_password
    from mentor_tui.dates import parse_date
    from mentor_tui.program.cycles import start_cycle
    from mentor_tui.program.refresh import refresh
    from mentor_tui.services.profile import viewer_today

    store = open_store(args)
    today = viewer_today(store)
    ends = parse_date(args.ends, today) if args.ends else None  # "2027-06-30", "in 6 months"
    home = home_of(args)
    refresh(home, program_id=args.program, ask=ask_password)  # the ending cycle as it stands
    ended, pairs = start_cycle(home, args.name, ends, today, program_id=args.program)
    refresh(home, program_id=args.program, ask=ask_password)  # the view names the new cycle
    was = f"cycle {clean_for_terminal(ended, one_line=True)}" if ended else "the first cycle"
    print(
        f"Ended {was} ({plural(pairs, 'pair')} kept for the report's trends); "
        f"now in {clean_for_terminal(' '.join(args.name.split()), one_line=True)}."
    )
    print("Closed pairs free their people: `mentor program matches` suggests new partners.")
    return 0
