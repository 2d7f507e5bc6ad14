"""The one list of the app's screens: the areas (a mode and a key each) and the screens
opened above them. The app's keys, footer, palette and help, and the CLI's `--open`,
all read it; it imports nothing heavy, so the CLI can parse arguments without Textual."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    """A top-level area: one mode of the app, one key, one module in screens/."""

    mode: str
    key: str
    title: str
    about: str
    in_footer: bool = True
    needs_pair: bool = True  # False: opens with no pair chosen (Sync: where one joins a pair)

    @property
    def module(self) -> str:
        return f"mentor_tui.screens.{self.mode}"


@dataclass(frozen=True)
class Overlay:
    """A screen pushed above the areas (from the palette or a key on an area)."""

    name: str
    title: str
    about: str
    module: str
    class_name: str
    needs_pair: bool = True  # False: opens with no pair chosen (a coordinator's screens)
    command: str = ""  # the palette's words, when not "Open <title>"


AREAS: tuple[Area, ...] = (
    Area("dashboard", "d", "Dashboard", "The chosen pair at a glance"),
    Area("goals", "g", "Goals", "SMART goals and their progress"),
    Area("milestones", "m", "Milestones", "Micro-milestones across all goals"),
    Area("sessions", "s", "Sessions", "Upcoming and past sessions, action items"),
    Area("journal", "j", "Journal", "The development journal"),
    # Progress, like Sync, stays out of the 80-column footer; help and the palette list it.
    Area(
        "progress",
        "P",
        "Progress",
        "The pair over time: cadence, milestones, ratings, with the figures in words",
        in_footer=False,
    ),
    # Sync stays out of the footer so that, at 80 columns, the five areas and the one-key
    # pair switch still fit; help and the palette list it.
    Area(
        "sync",
        "y",
        "Sync",
        "Publish your side, take in your partner's",
        in_footer=False,
        needs_pair=False,
    ),
)

OVERLAYS: tuple[Overlay, ...] = (
    Overlay(
        "review",
        "Review",
        "Each milestone side by side: mentee and mentor",
        "mentor_tui.screens.review",
        "ReviewScreen",
    ),
    Overlay(
        "wins",
        "Wins wall",
        "Finished milestones and achieved goals",
        "mentor_tui.screens.wins",
        "WinsScreen",
    ),
    Overlay(
        "search",
        "Search everything",
        "Journal, sessions, notes, feedback, action items, goals, milestones (/)",
        "mentor_tui.screens.search",
        "SearchScreen",
    ),
    Overlay(
        "trash",
        "Recently deleted",
        "Your deleted (and dropped) records of the pair: enter restores one",
        "mentor_tui.screens.trash",
        "TrashScreen",
    ),
    Overlay(
        "templates",
        "Templates",
        "Agendas, checklists, goal templates, prompts and rubrics: built in and yours",
        "mentor_tui.screens.templates",
        "TemplatesScreen",
        needs_pair=False,  # the library is the user's, not a pair's
    ),
    Overlay(
        "program",
        "Program",
        "A coordinator's view of every pair's health: flags, filters, cohort plots",
        "mentor_tui.screens.program",
        "ProgramScreen",
        needs_pair=False,
    ),
    Overlay(
        "matching",
        "Matching",
        "A coordinator's suggestions: mentors ranked for each unmatched mentee, with reasons",
        "mentor_tui.screens.matching",
        "MatchingScreen",
        needs_pair=False,
    ),
    Overlay(
        "intake",
        "Intake",
        "A participant's answers to the program's questions, for the coordinator only",
        "mentor_tui.screens.intake",
        "IntakeScreen",
        needs_pair=False,
        command="Answer the program's intake",
    ),
)

AREA_NAMES: tuple[str, ...] = tuple(area.mode for area in AREAS)
PAIRLESS_AREAS: frozenset[str] = frozenset(area.mode for area in AREAS if not area.needs_pair)
OVERLAY_NAMES: tuple[str, ...] = tuple(shown.name for shown in OVERLAYS)


def overlay(name: str) -> Overlay:
    return next(candidate for candidate in OVERLAYS if candidate.name == name)
