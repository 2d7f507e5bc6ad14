"""Timing whole processes and reading peaks of memory, for the benches (Linux /proc)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from pathlib import Path


def process_times(command: list[str], env: dict[str, str], runs: int = 5) -> list[float]:
    """Wall seconds of each of `runs` whole processes; each must be a success."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - began)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return times


def timed_runs(command: list[str], env: dict[str, str], runs: int = 5) -> tuple[float, float]:
    """(median, best) wall seconds of a whole process; the output must be a success."""
    times = process_times(command, env, runs)
    return statistics.median(times), min(times)


def child_peak_rss_mb() -> float:
    """Largest child's peak; meaningful because this runs in a small process of its own."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def own_peak_rss_mb() -> float:
    """VmHWM: this process's own peak (ru_maxrss would carry the parent's across exec)."""
    for text in Path("/proc/self/status").read_text().splitlines():
        if text.startswith("VmHWM:"):
            return int(text.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_age() -> float:
    """Seconds since this process started (from /proc), to time start-up as a user sees it."""
    ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - ticks / os.sysconf("SC_CLK_TCK")


def line(label: str, value: str, target: str) -> None:
    print(f"  {label:<52} {value:>14}   (target {target})" if target else f"  {label}", flush=True)
