"""`mentor sync status` and `mentor sync preview`: what a pair's sync would do, read
without the network (sync/report.py decides; this prints)."""

from __future__ import annotations

import argparse

from mentor_tui.cli.common import clean_for_terminal, home_of, open_store, pair_of, print_json


def _status(args: argparse.Namespace) -> int:
    from mentor_tui.sync.report import status
    from mentor_tui.sync.wording import status_rows

    store = open_store(args)
    view = pair_of(store, args)
    info = status(store, home_of(args), view.id)
    if args.json:
        print_json({k: getattr(info, k) for k in info.__dataclass_fields__})
        return 0
    if not info.configured:
        print(
            f"Sync is not set up for {clean_for_terminal(view.label)}; run "
            "`mentor sync setup git URL` or `mentor sync join CODE`."
        )
        return 0

    # The Sync screen shows the same rows (sync/wording.py).
    for name, value in status_rows(info, view.label, view.partner.display_name, view.me.timezone):
        print(f"{name + ':':<17}{clean_for_terminal(value)}")
    return 0


def _preview(args: argparse.Namespace) -> int:
    from mentor_tui.sync.report import preview
    from mentor_tui.sync.wording import preview_heading, preview_rows

    store = open_store(args)
    view = pair_of(store, args)
    shown = preview(store, home_of(args), view.id)
    if args.json:
        print_json(
            {
                "records": shown.records,
                "tombstones": shown.tombstones,
                "summary": shown.summary,
                "changes": shown.changes,
                "waiting_for_key": shown.waiting_for_key,
            }
        )
        return 0
    # The Sync screen's preview says the same (sync/wording.py).
    print(clean_for_terminal(preview_heading(shown, view.partner.display_name)))
    for row in preview_rows(shown):
        print(clean_for_terminal(row))
    print()
    print("SUMMARY.md:")
    print(clean_for_terminal(shown.summary))
    return 0
