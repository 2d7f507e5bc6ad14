"""The templates library: agendas per session kind, checklists, goal templates, prompt
sets and rubrics. Built-in ones ship with the package (mentor_tui/templates/KIND/NAME.md);
mine are Markdown files in the home's templates folder (HOME/templates/KIND/NAME.md),
written with `mentor template new` and edited with $EDITOR. Mine shadow a built-in one of
the same kind and name.

A file's first line, when it is a `# heading`, is the template's title (shown in lists);
the rest is its text. Templates are text: read whole up to TEMPLATE_LIMIT, shown
literally, and filled by services/template_apply.py with an explicit substitution.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.enums import SessionKind
from mentor_tui.models.files import UnsafeFile, read_regular
from mentor_tui.models.limits import TEMPLATE_LIMIT

# kind -> what it is for (in the order lists show them)
KINDS = {
    "agenda": "a session's agenda, one per session kind",
    "checklist": "things to tick off in a session",
    "goal": "a goal with its SMART fields as prompts, and its first milestones",
    "prompts": "questions for feedback, reflection or a check-in",
    "rubric": "what each score of a milestone means",
}
_KIND_WORDS = {
    **{kind: kind for kind in KINDS},
    "agendas": "agenda",
    "checklists": "checklist",
    "goals": "goal",
    "prompt": "prompts",
    "rubrics": "rubric",
}
NAME_LIMIT = 60
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
SUFFIX = ".md"
FOLDER = "templates"


@dataclass(frozen=True)
class Template:
    kind: str
    name: str
    title: str
    body: str
    path: Path | None = None  # my file; None for a built-in template
    shadows: bool = False  # mine, in place of a built-in one of the same kind and name
    partner: str = ""  # the partner's name: their shared template, read-only here
    shared: bool = False  # mine, shared with the partner of the current pair

    @property
    def mine(self) -> bool:
        return self.path is not None

    @property
    def ref(self) -> str:
        return f"{self.kind}/{self.name}"

    @property
    def key(self) -> str:
        """Unique in a list: the partner's template may have the name of one of mine."""
        return f"partner:{self.ref}" if self.partner else self.ref

    @property
    def source(self) -> str:
        if self.partner:
            return f"from {self.partner}"
        return ("mine, shared" if self.shared else "mine") if self.mine else "built in"

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "name": self.name,
            "title": self.title,
            "source": self.source,
            "shared": self.shared,
            "path": str(self.path) if self.path else None,
            "text": self.body,
        }


@dataclass
class Library:
    templates: list[Template]
    problems: list[str] = field(default_factory=list)  # my files that could not be read


def check_template_kind(value: str) -> str:
    key = value.strip().lower()
    if key in _KIND_WORDS:
        return _KIND_WORDS[key]
    raise InvalidInput(f"unknown template kind {value!r}; choose one of: {', '.join(KINDS)}")


def check_name(value: str) -> str:
    """A name that is also a safe file name: lower-case letters, digits and hyphens."""
    name = "-".join(value.strip().lower().replace("_", " ").split())
    if not _NAME.fullmatch(name) or len(name) > NAME_LIMIT:
        raise InvalidInput(
            f"{value!r} cannot name a template: use letters, digits and hyphens "
            f"(at most {NAME_LIMIT}), such as my-check-in"
        )
    return name


def agenda_name(session_kind: str) -> str:
    """The agenda template of a session kind: check_in -> check-in, review ->
    quarterly-review (its label, hyphenated)."""
    try:
        return SessionKind(session_kind).label.replace(" ", "-")
    except ValueError:
        return session_kind.replace("_", "-")


def split_title(text: str, fallback: str) -> tuple[str, str]:
    """(title, body): the first line when it is a `# heading`, and what follows it."""
    first, _, rest = text.partition("\n")
    if first.startswith("# "):
        title = " ".join(first[2:].split())
        return title or fallback, rest.lstrip("\n")
    return fallback, text


def _make(kind: str, name: str, text: str, path: Path | None, partner: str = "") -> Template:
    title, body = split_title(text.replace("\r\n", "\n"), name.replace("-", " "))
    return Template(kind, name, title, body, path, partner=partner)


def partner_template(kind: str, name: str, text: str, partner: str) -> Template:
    """A template the partner shared (services/shared_templates), read from its text."""
    return _make(kind, name, text, None, partner)


def file_text(template: Template) -> str:
    """The template as a file holds it: its title line, then its text."""
    return f"# {template.title}\n\n{template.body}"


def _built_in() -> list[Template]:
    root = resources.files("mentor_tui") / FOLDER
    found = []
    for kind in KINDS:
        for entry in sorted((root / kind).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(SUFFIX):
                name = entry.name.removesuffix(SUFFIX)
                found.append(_make(kind, name, entry.read_text(encoding="utf-8"), None))
    return found


def templates_dir(home: Path) -> Path:
    return home / FOLDER


def _read_bounded(path: Path) -> str:
    """The file's text; InvalidInput when it is a link (never followed: the library reads
    only what is in its own folder), not a regular file, too long, or not UTF-8 text."""
    try:
        data = read_regular(path, TEMPLATE_LIMIT * 4)
    except UnsafeFile as problem:
        why = f"{problem}; a template must be a file in the folder"
        raise InvalidInput(why) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("is not UTF-8 text") from None
    if len(text) > TEMPLATE_LIMIT:
        raise InvalidInput(f"is over {TEMPLATE_LIMIT:,} characters")
    return text


def _mine(home: Path, problems: list[str]) -> list[Template]:
    found = []
    for kind in KINDS:
        folder = templates_dir(home) / kind
        try:
            paths = sorted(folder.iterdir())
        except OSError:
            continue  # no folder (yet) is no templates of this kind
        for path in paths:
            if path.name.startswith(".") or not path.name.endswith(SUFFIX):
                continue
            name = path.name.removesuffix(SUFFIX)
            if not _NAME.fullmatch(name) or len(name) > NAME_LIMIT:
                problems.append(f"{path.name} in {folder} is skipped: not a template name")
                continue
            try:
                found.append(_make(kind, name, _read_bounded(path), path))
            except (InvalidInput, OSError) as problem:
                why = problem.strerror if isinstance(problem, OSError) else problem
                problems.append(f"{path} is skipped: it {why}")
    return found


def load_library(home: Path, kind: str | None = None) -> Library:
    """Built-in and my templates, by kind then name; mine in place of a built-in one."""
    problems: list[str] = []
    by_ref = {t.ref: t for t in _built_in()}
    for template in _mine(home, problems):
        shadows = template.ref in by_ref
        by_ref[template.ref] = Template(**{**template.__dict__, "shadows": shadows})
    order = list(KINDS)
    templates = sorted(by_ref.values(), key=lambda t: (order.index(t.kind), t.name))
    if kind is not None:
        wanted = check_template_kind(kind)
        templates = [t for t in templates if t.kind == wanted]
    return Library(templates, problems)


def find_template(home: Path, ref: str, kind: str | None = None) -> Template:
    """A template by `kind/name`, or by name (with `kind`, or when only one kind has it)."""
    wanted_kind, _, name = ref.strip().rpartition("/")
    if wanted_kind:
        kind = wanted_kind
    name = check_name(name)
    library = load_library(home, kind)
    matches = [t for t in library.templates if t.name == name]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(f"no template is named {ref!r}; `mentor template list` shows them")
    refs = ", ".join(t.ref for t in matches)
    raise InvalidInput(f"{ref!r} names several templates ({refs}); say which, such as {refs[0]}")


def session_templates(home: Path, session_kind: str) -> list[Template]:
    """What a session of this kind starts from: its agenda, then its checklist (if any)."""
    name = agenda_name(session_kind)
    library = load_library(home)
    return [
        t
        for kind in ("agenda", "checklist")
        for t in library.templates
        if t.ref == f"{kind}/{name}"
    ]


def write_template(home: Path, kind: str, name: str, text: str, *, replace: bool = False) -> Path:
    """My template as a file (mode 0600, written whole); an existing one is kept unless
    `replace`."""
    kind, name = check_template_kind(kind), check_name(name)
    if len(text) > TEMPLATE_LIMIT:
        raise InvalidInput(f"the template is over {TEMPLATE_LIMIT:,} characters; split it up")
    folder = templates_dir(home) / kind
    target = folder / f"{name}{SUFFIX}"
    if target.exists() and not replace:
        raise InvalidInput(f"{kind}/{name} exists already ({target}); edit that file instead")
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{name}.tmp"
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text if text.endswith("\n") or not text else text + "\n")
    os.replace(temporary, target)
    return target


def starter_text(home: Path, kind: str, name: str) -> str:
    """What `mentor template new` begins a file with: the built-in template of that kind
    and name when there is one (to adapt), else a heading and a hint."""
    kind, name = check_template_kind(kind), check_name(name)
    for template in _built_in():
        if template.ref == f"{kind}/{name}":
            return f"# {template.title}\n\n{template.body}"
    return f"# {name.replace('-', ' ').capitalize()}\n\n" + EXAMPLES[kind]


EXAMPLES = {
    "agenda": "## First topic\n- ...\n\n## Before next time\n- Next session: {next_session}\n",
    "checklist": "- [ ] First thing to do\n- [ ] Second thing to do\n",
    "goal": (
        "## Goal\n(the goal's title)\n\n## Specific\n\n## Measurable\n\n## Achievable\n\n"
        "## Relevant\n\n## Milestones\n- First milestone\n"
    ),
    "prompts": "- A first question\n- A second question\n",
    "rubric": "- 1: ...\n- 3: ...\n- 5: ...\n",
}


def delete_template(home: Path, ref: str, kind: str | None = None) -> Path:
    """Move my template's file to the templates folder's .trash (kept, never listed);
    built-in templates cannot be deleted."""
    template = find_template(home, ref, kind)
    if template.path is None:
        raise InvalidInput(f"{template.ref} is built in; it cannot be deleted")
    trash = templates_dir(home) / ".trash" / template.kind
    trash.mkdir(parents=True, exist_ok=True)
    target = trash / template.path.name
    os.replace(template.path, target)
    return target
