"""The charter's free-text parts. Kept free of sqlmodel: the CLI builds flags from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CharterField:
    name: str
    label: str
    prompt: str


# The charter's free-text parts, in the order a pair agrees them. The CLI's flags and the
# charter editor are both built from this list.
CHARTER_TEXT_FIELDS: tuple[CharterField, ...] = (
    CharterField("purpose", "Purpose", "Why this mentorship exists, in a sentence or two"),
    CharterField(
        "success_looks_like",
        "What success looks like",
        "How you will both know it worked, at the planned end",
    ),
    CharterField(
        "progress_measure",
        "How progress is measured",
        "Milestones, rubric scores, artefacts: what you will look at",
    ),
    CharterField(
        "communication_norms", "Communication norms", "Channels, response times, how to reschedule"
    ),
    CharterField(
        "backup_channel",
        "Backup channel",
        "Where to meet when the video tool fails (a phone number, a chat room)",
    ),
)
