"""Plain `git diff` and `git log -p` that read well on scenes: the `narrative` diff driver.

`narrative textconv FILE` puts each sentence of a scene on its own line, so a
re-wrapped paragraph shows no change and an edit shows one sentence; the
word regex makes `--word-diff` split at words and single punctuation marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.history.git import git
from narrative_cli.store.files import atomic_write

DRIVER = "narrative"
ATTRIBUTE_LINES = ("manuscript/**/*.md diff=narrative", "canon/**/*.yaml diff=narrative")
# Runs of bytes that are neither space nor punctuation (UTF-8 letters included), or one punctuation mark.
WORD_REGEX = "[^[:space:][:punct:]]+|[[:punct:]]"
ATTRIBUTES_HEADER = "# narrative: story-aware diffs (`narrative install-git-config`)"


@dataclass
class GitConfigResult:
    settings: dict[str, str] = field(default_factory=dict)
    attributes_path: str = ".gitattributes"
    attributes_added: list[str] = field(default_factory=list)
    attributes_text: str | None = None  # the new .gitattributes, None when nothing to add


def install_git_config(root: Path, command: str = "narrative textconv", scope: str = "local") -> GitConfigResult:
    """Set diff.narrative.* in the repository's (or the user's) git config and work out the
    .gitattributes lines still missing. The caller writes .gitattributes through the write path."""
    settings = {f"diff.{DRIVER}.textconv": command, f"diff.{DRIVER}.wordRegex": WORD_REGEX,
                f"diff.{DRIVER}.cachetextconv": "true"}
    for key, val in settings.items():
        git(root, "config", f"--{scope}", key, val)
    result = GitConfigResult(settings=settings)
    path = root / ".gitattributes"
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    present = {line.strip() for line in existing.splitlines()}
    missing = [line for line in ATTRIBUTE_LINES if line not in present]
    if missing:
        result.attributes_added = missing
        result.attributes_text = attributes_with(existing, missing)
    return result


def attributes_with(existing: str, lines: list[str]) -> str:
    text = existing if not existing or existing.endswith("\n") else existing + "\n"
    if ATTRIBUTES_HEADER not in text:
        text += ("\n" if text else "") + ATTRIBUTES_HEADER + "\n"
    return text + "".join(line + "\n" for line in lines)


def textconv(path: Path) -> str:
    """What git diffs for FILE: the scene card as written, then one sentence per line.
    Anything that is not a readable scene comes back unchanged: a diff driver must never fail."""
    from narrative_cli.review.sentences import one_sentence_per_line
    from narrative_cli.store.files import split_front_matter

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")
    if path.suffix != ".md":
        return text
    fm, _ = split_front_matter(text, path.name)
    if fm is None:
        return text  # an unclosed card: show the file as it is rather than guess
    card = f"---\n{fm.yaml_text}---\n\n" if fm.yaml_text is not None else ""
    return card + one_sentence_per_line(fm.body)


def write_attributes(root: Path, text: str) -> None:
    atomic_write(root / ".gitattributes", text)
