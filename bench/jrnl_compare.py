"""jrnl's figures for the journal bench's work on the same entries, where jrnl is
installed (or JRNL=/path/to/jrnl): one entry added, one word searched."""

from __future__ import annotations

import os
import shutil
import statistics
from datetime import datetime
from pathlib import Path

from journal_data import FMT, SEARCH_WORD
from measure import line, process_times


def bench_jrnl(
    texts: list[tuple[str, str, str, str]], work: Path, runs: int
) -> dict[str, list[float]]:
    """jrnl's figures for the same work on the same entries: add one, search a word."""
    jrnl = os.environ.get("JRNL") or shutil.which("jrnl")
    if not jrnl:
        print("  jrnl: not installed (set JRNL=/path/to/jrnl to compare)")
        return {}
    (work / "jrnl-config" / "jrnl").mkdir(parents=True)
    journal = work / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        for at, title, body, tags in texts:
            moment = datetime.strptime(at, FMT)
            out.write(
                f"[{moment:%Y-%m-%d %H:%M}] {title}\n{body}"
                + "".join(f" @{t}" for t in tags.split())
                + "\n\n"
            )
    (work / "jrnl-config" / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\n"
        "default_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        f"indent_character: '|'\njournals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.2\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(work / "jrnl-config")}
    add = process_times([jrnl, "Bench thought @bench"], env, runs)
    line(
        "jrnl: add an entry (whole process, median/best)",
        f"{statistics.median(add):.3f}/{min(add):.3f} s",
        "for comparison",
    )
    search = process_times([jrnl, "-contains", SEARCH_WORD, "-n", "20"], env, runs)
    line(
        f"jrnl -contains {SEARCH_WORD} -n 20",
        f"{statistics.median(search):.3f}/{min(search):.3f} s",
        "for comparison",
    )
    return {"add": add, "list_search": search}
