"""Scrivener 3 (`Files/Data/<UUID>/content.rtf`) and 2 (`Files/Docs/<ID>.rtf`) projects -> a plan.

The Draft folder's tree becomes chapters and scenes: a folder of texts is a chapter (its own
text, if any, its first scene), a folder of folders is a part, a text alone at the top is a
chapter of one scene. Documents not included in compile are skipped and listed; status (else
label) names map to draft/revised/final; synopses become summaries. Top-level folders named
Characters or Places/Locations/Settings give canon files. A binder that names a file outside
the project is refused; a project Scrivener has open (Files/user.lock) is refused unless forced.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.importers import limits
from narrative_cli.importers.inline import BREAK, escape_line_starts, render
from narrative_cli.importers.plan import ImportPlan, ImportRefused, PlanCanon, PlanChapter, PlanScene, status_for
from narrative_cli.importers.structure import Block, build, is_break_text

_UUID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
_ID = re.compile(r"^\d{1,9}$")
CANON_FOLDERS = {"characters": "characters", "character sketches": "characters", "places": "locations",
                 "locations": "locations", "settings": "locations", "setting": "locations"}


@dataclass
class Node:
    key: str  # UUID (Scrivener 3) or numeric ID (Scrivener 2)
    kind: str  # DraftFolder, Folder, Text, ...
    title: str
    include: bool
    label: str | None
    status: str | None
    children: list = field(default_factory=list)


def find_scrivx(folder: Path) -> Path:
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".scrivx" and p.is_file())
    if not found:
        raise ImportRefused("I501", "no .scrivx binder file in this folder", path=str(folder),
                            hint="import the .scriv folder itself")
    return found[0]


def read(folder: Path, force: bool = False) -> ImportPlan:
    for lock in (folder / "Files" / "user.lock", folder / "Files" / ".user.lock", folder / "user.lock"):
        if lock.exists() and not force:
            raise ImportRefused("I503", "Scrivener has this project open (Files/user.lock)", path=str(folder),
                                hint="close it in Scrivener first, or pass --force to import it as it is on disk")
    scrivx = find_scrivx(folder)
    root = limits.parse_xml(limits.read_capped(scrivx, limits.MAX_TEXT), scrivx.name, str(folder))
    if root.tag != "ScrivenerProject":
        raise ImportRefused("I501", "the .scrivx file is not a Scrivener binder", path=str(scrivx))
    if (folder / "Files" / "Data").is_dir() or not (folder / "Files" / "Docs").is_dir():
        version = 3 if root.get("Version", "2.0") >= "2" or (folder / "Files" / "Data").is_dir() else 2
    else:
        version = 2
    plan = ImportPlan(str(folder), "scrivener")
    props = root.find("ProjectProperties")
    if props is not None:
        plan.title = _text(props, "ProjectTitle")
        plan.author = _text(props, "FullName") or " ".join(
            x for x in (_text(props, "FirstName"), _text(props, "LastName")) if x) or None
    plan.title = plan.title or re.sub(r"\.scriv$", "", folder.name, flags=re.I)
    labels = _names(root, "LabelSettings/Labels", "Label")
    statuses = _names(root, "StatusSettings/StatusItems", "Status")
    binder = root.find("Binder")
    if binder is None:
        raise ImportRefused("I501", "the .scrivx file has no <Binder>", path=str(scrivx))
    nodes = [_node(item, labels, statuses, 0) for item in binder.findall("BinderItem")]
    reader = _Reader(folder, version, plan)
    drafts = [n for n in nodes if n.kind == "DraftFolder"]
    if not drafts:
        raise ImportRefused("I504", "the binder has no Draft (Manuscript) folder", path=str(scrivx))
    for node in drafts[0].children:
        reader.top(node)
    for node in nodes:
        if node.kind in ("Folder", "ResearchFolder") and node.title.strip().lower() in CANON_FOLDERS:
            reader.canon(node, CANON_FOLDERS[node.title.strip().lower()])
    for what, count in reader.dropped.items():
        plan.drop(what, count)
    return plan


def _text(element, path: str) -> str | None:
    found = element.find(path)
    return (found.text or "").strip() or None if found is not None else None


def _names(root, path: str, tag: str) -> dict[str, str]:
    holder = root.find(path)
    return {e.get("ID", ""): (e.text or "").strip() for e in holder.iter(tag)} if holder is not None else {}


def _node(item, labels: dict, statuses: dict, depth: int) -> Node:
    if depth > 100:
        raise ImportRefused("I505", "the binder nests folders more than 100 deep")
    meta = item.find("MetaData")
    include = True
    label = status = None
    if meta is not None:
        include = (_text(meta, "IncludeInCompile") or "Yes").lower() in ("yes", "true")
        label = labels.get(_text(meta, "LabelID") or "")
        status = statuses.get(_text(meta, "StatusID") or "")
    key = item.get("UUID") or item.get("ID") or ""
    children = item.find("Children")
    node = Node(key, item.get("Type", ""), _text(item, "Title") or "", include, label, status)
    if children is not None:
        node.children = [_node(child, labels, statuses, depth + 1) for child in children.findall("BinderItem")]
    return node


class _Reader:
    def __init__(self, folder: Path, version: int, plan: ImportPlan):
        self.folder, self.version, self.plan = folder, version, plan
        self.dropped: Counter = Counter()

    def _path(self, node: Node, name: str) -> Path:
        if self.version == 3:
            if not _UUID.match(node.key):
                raise ImportRefused("I502", f"the binder names a document outside the project ({node.key!r})",
                                    path=str(self.folder))
            path = self.folder / "Files" / "Data" / node.key / name
        else:
            if not _ID.match(node.key):
                raise ImportRefused("I502", f"the binder names a document outside the project ({node.key!r})",
                                    path=str(self.folder))
            path = self.folder / "Files" / "Docs" / (f"{node.key}.rtf" if name == "content.rtf" else f"{node.key}_{name}")
        real = path.resolve()
        if path.is_symlink() or not real.is_relative_to(self.folder.resolve()):
            raise ImportRefused("I502", f"{path.relative_to(self.folder)} points outside the project", path=str(self.folder))
        return path

    def body(self, node: Node) -> str:
        from narrative_cli.importers.rtf import parse

        path = self._path(node, "content.rtf")
        if not path.is_file():
            return ""
        paras = parse(limits.read_capped(path, limits.MAX_TEXT), str(path), self.dropped)
        out = []
        for para in paras:
            plain = "".join(r[0] for r in para.runs).replace(BREAK, " ").strip()
            if not plain:
                continue
            if is_break_text(plain, para.centred):
                out.append("***")
            else:
                out.append(escape_line_starts(render(para.runs)))
        return "\n\n".join(out) + "\n" if out else ""

    def synopsis(self, node: Node) -> str | None:
        path = self._path(node, "synopsis.txt")
        if not path.is_file():
            return None
        text = limits.read_capped(path, limits.MAX_TEXT).decode("utf-8", errors="replace")
        return " ".join(text.split()) or None

    def _status(self, node: Node) -> str | None:
        return status_for(node.status) or status_for(node.label)

    def _skip(self, node: Node) -> bool:
        if not node.include:
            self.plan.skipped.append(f"{node.title or node.key} (not included in compile)")
        elif node.kind not in ("Folder", "Text"):
            self.plan.skipped.append(f"{node.title or node.key} ({node.kind} documents cannot be imported)")
        return not node.include or node.kind not in ("Folder", "Text")

    def top(self, node: Node) -> None:
        if self._skip(node):
            return
        if node.children and any(c.children or c.kind == "Folder" for c in node.children if c.include):
            part = node.title or None
            own = self.body(node)
            if own.strip():
                self.plan.chapters.append(PlanChapter(node.title or None, [PlanScene(own)], part=part))
                part = None
            for child in node.children:
                if not self._skip(child):
                    self.chapter(child, part)
                    part = None
        else:
            self.chapter(node, None)

    def chapter(self, node: Node, part: str | None) -> None:
        chapter = PlanChapter(node.title or None, [], part=part, status=self._status(node))
        own = self.body(node)
        if node.children:
            chapter.synopsis = self.synopsis(node)
            if own.strip():
                chapter.scenes.append(PlanScene(own))
            for child in node.children:
                self.scenes(child, chapter)
        else:
            chapter.scenes.append(self.scene(node, own))
        if not chapter.scenes:
            chapter.scenes.append(PlanScene(""))
        self.plan.chapters.append(chapter)

    def scenes(self, node: Node, chapter: PlanChapter) -> None:
        if self._skip(node):
            return
        chapter.scenes.append(self.scene(node, self.body(node)))
        for child in node.children:
            self.scenes(child, chapter)

    def scene(self, node: Node, body: str) -> PlanScene:
        card = {}
        status = self._status(node)
        if status:
            card["status"] = status
        summary = self.synopsis(node)
        if summary:
            card["summary"] = summary
        return PlanScene(body, node.title or None, card)

    def canon(self, node: Node, kind: str) -> None:
        for child in node.children:
            if child.kind != "Text" or not child.title.strip():
                continue
            notes = self.body(child).strip() or None
            self.plan.canon.append(PlanCanon(kind, child.title.strip(), {"summary": self.synopsis(child),
                                                                         "notes": notes}))


def read_rtf_file(path: Path, pattern) -> ImportPlan:
    """A single .rtf file: chapters and scenes found as in a DOCX without heading styles."""
    from narrative_cli.importers.rtf import parse

    plan = ImportPlan(str(path), "rtf")
    dropped: Counter = Counter()
    blocks = []
    for para in parse(limits.read_capped(path, limits.MAX_TEXT), str(path), dropped):
        plain = "".join(r[0] for r in para.runs).replace(BREAK, " ").strip()
        if not plain:
            continue
        if is_break_text(plain, para.centred):
            blocks.append(Block("break", plain))
            continue
        letters = [r for r in para.runs if r[0].strip()]
        emphasised = bool(letters) and all(r[2] for r in letters)
        blocks.append(Block("para", escape_line_starts(render(para.runs)), plain, centred=para.centred,
                            emphasised=emphasised))
    for what, count in dropped.items():
        plan.drop(what, count)
    build(blocks, plan, pattern)
    plan.title = plan.title or path.stem
    return plan
