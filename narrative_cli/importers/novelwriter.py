"""novelWriter projects (a folder with nwProject.nwx and content/<handle>.nwd) -> a plan.

The novel tree follows novelWriter's own heading levels: `#` a title or partition (a part),
`##` a chapter, `###` a scene, `####` a section (kept as a bold line). Tags (`@pov`, `@char`,
`@location`, `@focus`, `@object`, ...) become the scene card; character, location, object,
entity, plot and timeline notes become canon files; status labels map to draft/revised/final;
`%` comments stay as HTML comments (`%synopsis:` becomes the scene summary); documents not
active in the build, notes inside the novel, the archive and the trash are skipped and listed.
File format 1.5 (novelWriter 2.x) and 1.3/1.4 (1.x) are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from narrative_cli.importers import limits
from narrative_cli.importers.plan import ImportPlan, ImportRefused, PlanCanon, PlanChapter, PlanScene, status_for

CANON_CLASS = {"CHARACTER": "characters", "WORLD": "locations", "OBJECT": "items", "ENTITY": "factions",
               "PLOT": "events", "TIMELINE": "events"}
_HANDLE = re.compile(r"^[0-9a-f]{13}$")


@dataclass
class Item:
    handle: str
    parent: str | None
    root: str | None
    order: int
    kind: str  # ROOT | FOLDER | FILE
    cls: str
    layout: str
    name: str
    status: str | None
    active: bool


def _items(root) -> list[Item]:
    content = root.find("content")
    if content is None:
        raise ImportRefused("I301", "nwProject.nwx has no <content> list", hint="is this a novelWriter project?")
    items = []
    for element in content.iter("item"):
        name_el = element.find("name")
        name = (name_el.text or "").strip() if name_el is not None else ""
        attr = name_el.attrib if name_el is not None else {}
        legacy = {child.tag: (child.text or "").strip() for child in element}  # format 1.3: child elements
        active = (attr.get("active") or attr.get("exported") or legacy.get("exported", "yes")).lower() in ("yes", "true")
        items.append(Item(element.get("handle", ""), _none(element.get("parent")), _none(element.get("root")),
                          _int(element.get("order")), element.get("type") or legacy.get("type", ""),
                          element.get("class") or legacy.get("class", ""), element.get("layout") or legacy.get("layout", ""),
                          name, attr.get("status") or legacy.get("status"), active))
    return items


def _none(value: str | None) -> str | None:
    return None if value in (None, "", "None") else value


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _statuses(root) -> dict[str, str]:
    found = {}
    status = root.find("settings/status")
    for entry in status.iter("entry") if status is not None else []:
        found[entry.get("key", "")] = (entry.text or "").strip()
    return found


def _ordered(items: list[Item]) -> list[Item]:
    """Depth-first in the project tree's order."""
    children: dict[str | None, list[Item]] = {}
    for item in items:
        children.setdefault(item.parent, []).append(item)
    out: list[Item] = []
    stack = sorted(children.get(None, []), key=lambda i: i.order, reverse=True)
    seen: set[str] = set()
    while stack:
        item = stack.pop()
        if item.handle in seen:
            continue
        seen.add(item.handle)
        out.append(item)
        stack.extend(sorted(children.get(item.handle, []), key=lambda i: i.order, reverse=True))
    return out


def read(folder: Path, keep_comments: bool = True) -> ImportPlan:
    nwx = folder / "nwProject.nwx"
    root = limits.parse_xml(limits.read_capped(nwx, limits.MAX_TEXT), nwx.name, str(folder))
    if root.tag != "novelWriterXML":
        raise ImportRefused("I301", "nwProject.nwx is not a novelWriter project file", path=str(nwx))
    plan = ImportPlan(str(folder), "novelwriter")
    project = root.find("project")
    if project is not None:
        plan.title = _text(project.find("name")) or _text(project.find("title"))
        authors = [(a.text or "").strip() for a in project.iter("author") if (a.text or "").strip()]
        plan.author = ", ".join(authors) or None
    plan.language = _text(root.find("settings/language"))
    statuses = _statuses(root)
    items = _ordered(_items(root))
    reader = _Reader(folder, plan, statuses, keep_comments)
    for item in items:
        if item.kind != "FILE":
            continue
        if item.cls in CANON_CLASS:
            reader.note(item)
        elif item.cls == "NOVEL":
            reader.novel(item)
        elif item.cls in ("ARCHIVE", "TRASH", "TEMPLATE"):
            plan.skipped.append(f"{item.name} (in the {item.cls.lower()})")
        else:
            plan.skipped.append(f"{item.name} ({item.cls.lower()} note)")
    reader.finish()
    return plan


def _text(element) -> str | None:
    return (element.text or "").strip() or None if element is not None else None


class _Reader:
    def __init__(self, folder: Path, plan: ImportPlan, statuses: dict, keep_comments: bool):
        self.folder, self.plan, self.statuses, self.keep = folder, plan, statuses, keep_comments
        self.chapter: PlanChapter | None = None
        self.scene: PlanScene | None = None
        self.part: str | None = None
        self.title_page = False

    def content(self, item: Item) -> str:
        if not _HANDLE.match(item.handle):
            raise ImportRefused("I302", f"document handle {item.handle!r} is not a novelWriter handle",
                                path=str(self.folder / "nwProject.nwx"))
        path = self.folder / "content" / f"{item.handle}.nwd"
        if not path.is_file():
            self.plan.notes.append(f"{item.name}: content/{item.handle}.nwd is missing; imported as empty")
            return ""
        data = limits.read_capped(path, limits.MAX_TEXT)
        return data.decode("utf-8", errors="replace").replace("\r\n", "\n")

    def novel(self, item: Item) -> None:
        if not item.active:
            self.plan.skipped.append(f"{item.name} (not included in the build)")
            return
        if item.layout == "NOTE":
            self.plan.skipped.append(f"{item.name} (a note in the novel)")
            return
        status = status_for(self.statuses.get(item.status or ""))
        for line in self.content(item).split("\n"):
            self.line(line, status)

    def line(self, line: str, status: str | None) -> None:
        if line.startswith("%%~"):
            return
        heading = re.match(r"^(#{1,4})(!?)\s+(.*)$", line)
        if heading:
            if heading.group(1) == "#" and heading.group(2):
                self.title_page, self.chapter, self.scene = True, None, None  # `#!`: a title page, not a part
                return
            self.heading(len(heading.group(1)), heading.group(3).strip(), status)
            return
        if line.startswith("@") and self.scene is not None:
            self.tag(line)
            return
        if line.startswith("%"):
            self.comment(line[1:].strip())
            return
        self.body(_prose(line))

    def heading(self, level: int, title: str, status: str | None) -> None:
        self.title_page = False
        if level == 1:
            self.part, self.chapter, self.scene = title, None, None  # a partition: "Part One"
            return
        if level == 2 or self.chapter is None:
            self.chapter = PlanChapter(title if level == 2 else None, [], part=self.part, status=status)
            self.part = None
            self.plan.chapters.append(self.chapter)
            self.scene = None
            if level == 2:
                return
        if level == 4 and self.scene is not None:
            self.body(f"**{title}**")
            return
        self.scene = PlanScene("", title or None, {"status": status} if status else {})
        self.chapter.scenes.append(self.scene)

    def _ensure_scene(self) -> PlanScene:
        if self.chapter is None:
            self.chapter = PlanChapter(None, [], part=self.part)
            self.plan.chapters.append(self.chapter)
        if self.scene is None:
            self.scene = PlanScene("")
            self.chapter.scenes.append(self.scene)
        return self.scene

    def tag(self, line: str) -> None:
        match = re.match(r"^@(\w+):\s*(.*)$", line)
        if not match:
            return
        key, values = match.group(1).lower(), [v.strip() for v in match.group(2).split(",") if v.strip()]
        card = self.scene.card
        if key == "pov" and values:
            card["pov"] = values[0]
            card.setdefault("participants", [])
            card["participants"] = list(dict.fromkeys([values[0], *card["participants"]]))
        elif key in ("char", "focus") and values:
            card["participants"] = list(dict.fromkeys([*card.get("participants", []), *values]))
        elif key == "location" and values:
            card["location"] = values[0]
            if values[1:]:
                card.setdefault("custom", {})["locations"] = values
        elif key != "tag" and values:
            card.setdefault("custom", {}).setdefault(key, []).extend(values)

    def comment(self, text: str) -> None:
        synopsis = re.match(r"^(synopsis|short)\s*:\s*(.*)$", text, re.I)
        if synopsis and self.scene is not None and not self.scene.card.get("summary"):
            self.scene.card["summary"] = synopsis.group(2).strip()
            return
        if synopsis and self.scene is None and self.chapter is not None:
            self.chapter.synopsis = synopsis.group(2).strip()
            return
        if not text or text.startswith("~"):
            return
        if self.keep:
            self._ensure_scene().body += f"<!-- {text.replace('--', '—')} -->\n\n"
        else:
            self.plan.drop("comments")

    def body(self, text: str) -> None:
        if not text.strip():
            if self.scene is not None and self.scene.body and not self.scene.body.endswith("\n\n"):
                self.scene.body += "\n"
            return
        if self.chapter is None and (self.part is not None or self.title_page):
            self.plan.drop("title-page and part-page lines")
            return
        scene = self._ensure_scene()
        if scene.body and not scene.body.endswith("\n\n"):  # one newline inside a paragraph is a line break
            scene.body = scene.body[:-1] + "\\\n"
        scene.body += text + "\n"

    def note(self, item: Item) -> None:
        kind = CANON_CLASS[item.cls]
        if not item.active:
            self.plan.skipped.append(f"{item.name} (note not active)")
            return
        name, tags, summary, lines = item.name, [], None, []
        for line in self.content(item).split("\n"):
            if line.startswith("%%~"):
                continue
            heading = re.match(r"^#{1,4}!?\s+(.*)$", line)
            tag = re.match(r"^@tag:\s*(.*)$", line)
            short = re.match(r"^%\s*(synopsis|short)\s*:\s*(.*)$", line, re.I)
            if heading and name == item.name:
                name = heading.group(1).strip() or name
            elif tag:
                tags += [t.strip() for t in re.split(r"[|,]", tag.group(1)) if t.strip()]
            elif short:
                summary = summary or short.group(2).strip()
            elif not line.startswith(("@", "%", "#")):
                lines.append(_prose(line))
        notes = "\n".join(lines).strip() or None
        aliases = [t for t in dict.fromkeys(tags) if t.lower() != name.lower()]
        self.plan.canon.append(PlanCanon(kind, name, {"aliases": aliases, "summary": summary, "notes": notes,
                                                      "_tags": tags}))

    def finish(self) -> None:
        for chapter in self.plan.chapters:
            if not chapter.scenes:
                chapter.scenes.append(PlanScene(""))
            for scene in chapter.scenes:
                scene.body = re.sub(r"\n{3,}", "\n\n", scene.body).strip() + "\n" if scene.body.strip() else ""


def _prose(line: str) -> str:
    """novelWriter's markup as CommonMark: shortcodes, alignment marks, its own line-break rules."""
    text = line.rstrip()
    text = re.sub(r"\[(/?)i\]", "*", text)
    text = re.sub(r"\[(/?)b\]", "**", text)
    text = re.sub(r"\[(/?)s\]", "~~", text)
    text = re.sub(r"\[(/?)(u|m|sup|sub)\]", "", text)
    text = re.sub(r"\[footnote:[^\]]*\]", "", text)
    text = re.sub(r"(?i)^\[(new ?page|vspace(:\d+)?)\]$", "", text)
    text = re.sub(r"^>>\s*|\s*<<$", "", text)  # alignment marks
    if text.startswith("> ") and text.endswith(" <"):
        text = "> " + text[2:-2]
    text = re.sub(r"(?<![\w*])_(?=\S)(.+?)(?<=\S)_(?![\w*])", r"*\1*", text)  # _italic_ -> *italic*
    return text
