"""Issue 13's table as bench_journal.py prints it: each figure's median, spread, target
and verdict, beside jrnl's figure for the same work where there is one."""

from __future__ import annotations

import statistics

from journal_data import SEARCH_WORD

TABLE = (
    ("first_frame", "mentor --open journal: start to the first frame", 0.5, "s"),
    ("data_shown", "mentor --open journal: start to data shown", 1.0, "s"),
    ("dashboard", "mentor: start to the Dashboard with data", 1.0, "s"),
    ("then_journal", "  then j: to the Journal's rows", 0.15, "s"),
    ("key_median", "search as you type: keystroke to rows, median", 0.030, "ms"),
    ("key_max", "search as you type: keystroke to rows, max", 0.030, "ms"),
    ("add", "mentor journal add (whole process)", 0.15, "s"),
    ("list_search", f"mentor journal list --search {SEARCH_WORD} -n 20 (whole)", 0.10, "s"),
    ("peak_mb", "app peak memory", 80, "MB"),
)


def _shown(value: float, unit: str) -> str:
    return (
        f"{value * 1000:.0f} ms"
        if unit == "ms"
        else f"{value:.0f} MB"
        if unit == "MB"
        else (f"{value:.3f} s")
    )


def print_table(runs: dict[str, list[float]], jrnl: dict[str, list[float]]) -> None:
    """Each figure: its median over the runs, the spread (lowest-highest), the target, and
    jrnl's for the same work where there is one, with the ratio jrnl / mentor."""
    print("Issue 13's figures (median of the runs, spread lowest-highest):", flush=True)
    for key, label, target, unit in TABLE:
        values = runs.get(key, [])
        if not values:
            print(f"  {label:<54} {'not measured':>12}")
            continue
        middle = statistics.median(values)
        spread = f"{_shown(min(values), unit)}-{_shown(max(values), unit)}"
        verdict = "ok" if middle <= target else "MISS"
        text = (
            f"  {label:<54} {_shown(middle, unit):>9} ({spread}, n={len(values)})"
            f"   target <= {_shown(target, unit)} {verdict}"
        )
        theirs = jrnl.get(key)
        if theirs:
            their_median = statistics.median(theirs)
            text += f"   jrnl {_shown(their_median, unit)} (x{their_median / middle:.0f})"
        print(text, flush=True)
