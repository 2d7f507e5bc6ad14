"""Where the demo's homes are, and git's settings for them: what `mentor --demo` needs on
its way to the app when today's homes are built already (demo/cache.py copies them), so
that it imports no storage stack; building them is demo/homes.py's."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mentor_tui.demo import story
from mentor_tui.errors import MentorError
from mentor_tui.models.enums import Role

MENTOR = "grace"
REMOTE_NAME = "shared.git"  # the bare repository, beside the homes
MENTEES = tuple(spec["mentee"] for spec in story.PAIRS.values())


@dataclass(frozen=True)
class DemoHomes:
    """Where the demo's homes and shared repository are."""

    root: Path
    remote: Path
    homes: Mapping[str, Path]  # person key -> home
    problems: list[str] = field(default_factory=list)  # any sync's warnings (none expected)

    def home_for(self, role: str) -> Path:
        """Grace's home for the mentor, Ada's for the mentee."""
        return self.homes[MENTOR if role == Role.MENTOR else story.PAIRS["ada"]["mentee"]]


def git_environment(root: Path) -> dict[str, str]:
    """Git settings for the demo: none of the user's configuration (an empty global file
    in the demo's folder, no system file), no prompts. Commits name mentor-tui itself."""
    config = root / "gitconfig"
    if not config.exists():
        config.write_text("")
    return {
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_CONFIG_COUNT": "0",
    }


def require_git() -> None:
    if shutil.which("git") is None:
        raise MentorError(
            "mentor --demo needs git on your PATH: the demo's homes sync through a git repository"
        )
