"""Starting the interface: the only place the CLI imports the Textual app."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from mentor_tui.cli.common import home_of


def start_app(args: argparse.Namespace) -> int:
    from mentor_tui.models.db import Store

    if args.demo:
        # A throwaway home: the demo never reads or writes the user's own data.
        demo_home = Path(tempfile.mkdtemp(prefix="mentor-tui-demo-"))
        try:
            from mentor_tui.models.demo import write_demo

            store = Store.open_home(demo_home)
            write_demo(store, as_role=args.demo_as)
            return _run(store, demo_home, demo=True, start_in=args.start_in)
        finally:
            shutil.rmtree(demo_home, ignore_errors=True)
    home = home_of(args)
    return _run(Store.open_home(home), home, demo=False, start_in=args.start_in)


def _run(store: object, home: Path, *, demo: bool, start_in: str) -> int:
    from mentor_tui.app import MentorApp

    app = MentorApp(store=store, home=home, demo=demo,  # type: ignore[arg-type]
                    start_in=start_in)
    app.run()
    return int(app.return_code or 0)
