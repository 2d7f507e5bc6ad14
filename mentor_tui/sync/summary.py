"""SUMMARY.md: a digest of one member's published side that a person can read on the
remote (a git host's web page, a WebDAV folder). Built only from what is published, and
free of export time stamps, so it changes only when the data does."""

from __future__ import annotations

from typing import Any

LIMIT = 50  # per section: the records themselves are complete, this is a digest


def _one_line(text: object, width: int = 100) -> str:
    clean = " ".join(str(text or "").split())
    clean = "".join(ch for ch in clean if ch.isprintable())
    return clean if len(clean) <= width else clean[: width - 1] + "…"


def build_summary(
    member_name: str, role: str, pair_label: str, records: list[dict[str, Any]]
) -> bytes:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_kind.setdefault(record["kind"], []).append(record["data"])
    lines = [f"# {_one_line(member_name)} ({role})", "", f"Pair: {_one_line(pair_label)}", ""]
    counts = ", ".join(
        f"{k.replace('_', ' ')}: {len(v)}"
        for k, v in sorted(by_kind.items())
        if k not in ("person", "pair")
    )
    lines += [f"Published: {counts or 'nothing yet'}.", ""]

    goals = sorted(by_kind.get("goal", []), key=lambda g: (g.get("position") or 0, g["title"]))
    milestones: dict[str, list[dict[str, Any]]] = {}
    for m in by_kind.get("milestone", []):
        milestones.setdefault(m["goal_id"], []).append(m)
    if goals:
        lines += ["## Goals", ""]
        for goal in goals[:LIMIT]:
            due = f", due {goal['due_on']}" if goal.get("due_on") else ""
            lines.append(f"- {_one_line(goal['title'])} ({goal['status']}{due})")
        lines.append("")
    if by_kind.get("milestone"):
        lines += ["## Milestones", ""]
        ordered = sorted(
            by_kind["milestone"], key=lambda m: (m.get("due_on") or "9999", m["title"])
        )
        for m in ordered[:LIMIT]:
            due = f", due {m['due_on']}" if m.get("due_on") else ""
            lines.append(f"- {_one_line(m['title'])} ({m['status'].replace('_', ' ')}{due})")
        lines.append("")
    sessions = sorted(by_kind.get("session", []), key=lambda s: s["starts_at"], reverse=True)
    if sessions:
        lines += ["## Sessions", ""]
        for s in sessions[:LIMIT]:
            note = f": {_one_line(s['takeaways'], 80)}" if s.get("takeaways") else ""
            kind = s["kind"].replace("_", "-")
            lines.append(f"- {s['starts_at'][:10]} {kind} ({s['status']}){note}")
        lines.append("")
    actions = [a for a in by_kind.get("action_item", []) if a.get("status") == "open"]
    if actions:
        lines += ["## Open action items", ""]
        for a in sorted(actions, key=lambda a: (a.get("due_on") or "9999", a["title"]))[:LIMIT]:
            due = f" (due {a['due_on']})" if a.get("due_on") else ""
            lines.append(f"- {_one_line(a['title'])}{due}")
        lines.append("")
    entries = sorted(by_kind.get("journal_entry", []), key=lambda j: j["written_at"], reverse=True)
    if entries:
        lines += ["## Shared journal entries", ""]
        for j in entries[:LIMIT]:
            title = j.get("title") or j.get("body") or "(untitled)"
            lines.append(f"- {j['written_at'][:10]} {_one_line(title, 80)}")
        lines.append("")
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
