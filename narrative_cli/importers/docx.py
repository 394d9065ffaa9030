"""DOCX (Word, Google Docs, LibreOffice, pandoc, Scrivener compile, narrative's own export) -> a plan.

Reads the WordprocessingML underneath (python-docx hides tracked changes and comments):
paragraph styles and their outline levels, direct formatting (centred lines, indents, bold,
italic, small caps), insertions (kept) and deletions (dropped), comments, footnotes, images
and tables (dropped and counted). Every part goes through limits.SafeZip and limits.parse_xml (no DTD, no entities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.importers import limits
from narrative_cli.importers.inline import BREAK, escape_line_starts, render
from narrative_cli.importers.plan import ImportPlan, ImportRefused
from narrative_cli.importers.structure import Block, build, is_break_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
V_RECT = "{urn:schemas-microsoft-com:vml}rect"
O_HR = "{urn:schemas-microsoft-com:office:office}hr"
QUOTE_STYLES = {"quote", "intense quote", "block text", "block quote", "blockquote", "quotations", "verse",
                "poem", "letter", "epigraph", "extract"}
MAX_DEPTH = 64


@dataclass
class Style:
    name: str = ""
    based_on: str | None = None
    level: int | None = None  # outline level, 1 = top
    flags: dict = field(default_factory=dict)  # italic, bold, caps, centred, left


def _on(element) -> bool:
    return element is not None and element.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


def _run_flags(rpr) -> dict:
    flags = {}
    if rpr is None:
        return flags
    for tag, key in (("i", "italic"), ("b", "bold"), ("smallCaps", "caps"), ("vanish", "hidden")):
        element = rpr.find(W + tag)
        if element is not None:
            flags[key] = _on(element)
    caps = rpr.find(W + "caps")
    if caps is not None:
        flags["allcaps"] = _on(caps)
    return flags


def _para_flags(ppr) -> dict:
    flags = {}
    if ppr is None:
        return flags
    jc = ppr.find(W + "jc")
    if jc is not None:
        flags["centred"] = jc.get(W + "val") in ("center", "centre")
    ind = ppr.find(W + "ind")
    if ind is not None:
        flags["left"] = _twips(ind.get(W + "left") or ind.get(W + "start"))
    level = ppr.find(W + "outlineLvl")
    if level is not None and (level.get(W + "val") or "").isdigit() and int(level.get(W + "val")) < 9:
        flags["level"] = int(level.get(W + "val")) + 1
    return flags


def _twips(value: str | None) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


class Styles:
    def __init__(self, root):
        self.styles: dict[str, Style] = {}
        self.default_lang = None
        if root is None:
            return
        lang = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        self.default_lang = lang.get(W + "val") if lang is not None else None
        for element in root.iter(W + "style"):
            name = element.find(W + "name")
            based = element.find(W + "basedOn")
            flags = {**_para_flags(element.find(W + "pPr")), **_run_flags(element.find(W + "rPr"))}
            style = Style((name.get(W + "val") if name is not None else "").lower(),
                          based.get(W + "val") if based is not None else None, flags.pop("level", None), flags)
            self.styles[element.get(W + "styleId", "")] = style
        self._cache: dict[str, Style] = {}

    def get(self, style_id: str | None) -> Style:
        if not style_id:
            return Style()
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id, 0)
        return self._cache[style_id]

    def _resolve(self, style_id: str, depth: int) -> Style:
        style = self.styles.get(style_id) or Style(style_id.lower())
        if not style.based_on or depth > 20:
            return style
        parent = self._resolve(style.based_on, depth + 1)
        level = style.level if style.level is not None else (parent.level if style.name.startswith("heading") else None)
        return Style(style.name, None, level, {**parent.flags, **style.flags})


@dataclass
class Reader:
    plan: ImportPlan
    styles: Styles
    comments: dict
    keep_comments: bool
    blocks: list = field(default_factory=list)
    deleted: int = 0
    inserted: int = 0
    _field: list = field(default_factory=list)  # complex-field state stack: "instr" | "result"

    def body(self, body, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            raise ImportRefused("I108", "the document nests content more deeply than any word processor writes",
                                path=self.plan.source)
        for child in body:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.plan.drop("tables")
            elif tag == W + "sdt":
                gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
                if gallery is not None and "contents" in (gallery.get(W + "val") or "").lower():
                    continue
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.body(content, depth + 1)
            elif tag in (W + "ins", W + "customXml", W + "moveTo"):
                self.body(child, depth + 1)

    def paragraph(self, p) -> None:
        ppr = p.find(W + "pPr")
        style_el = ppr.find(W + "pStyle") if ppr is not None else None
        style = self.styles.get(style_el.get(W + "val") if style_el is not None else None)
        direct = _para_flags(ppr)
        flags = {**style.flags, **direct}
        level = direct.get("level", style.level)
        name = style.name
        if name.startswith("toc") or name in ("contents", "contents heading"):
            return
        runs: list = []
        comment_ids: list[str] = []
        rule = self.inline(p, runs, comment_ids, style.flags, 0)
        text = render(runs)
        plain = "".join(r[0] for r in runs).replace(BREAK, " ").strip()
        border = ppr is not None and ppr.find(W + "pBdr") is not None
        if rule or (not plain and border) or (plain and is_break_text(plain, flags.get("centred", False))):
            self.blocks.append(Block("break", plain or "***"))
        elif plain:
            self.blocks.append(self._block(name, level, flags, text, plain, runs))
        self._comments(comment_ids)

    def _block(self, name, level, flags, text, plain, runs) -> Block:
        centred = bool(flags.get("centred"))
        if name == "title":
            return Block("title", text, plain)
        if name in ("author", "byline"):
            return Block("author", text, plain)
        # before the outline level: narrative's own part page has level 0; writers name theirs so too
        if re.match(r"part ?(label|title|heading|head|name)?$", name):
            return Block("part", plain, plain, centred=centred)
        heading = re.match(r"heading (\d)$", name)
        if heading or (level is not None and level <= 6):
            return Block("heading", plain, plain, level=int(heading.group(1)) if heading else level, centred=centred)
        if re.match(r"chapter ?(title|heading|head|name)$", name):  # writers' own chapter styles
            return Block("heading", plain, plain, level=1, centred=centred)
        letters = [r for r in runs if r[0].strip()]
        emphasised = bool(letters) and (all(r[2] for r in letters) or (plain.isupper() and len(plain) > 1))
        text = escape_line_starts(text)
        if name in QUOTE_STYLES or (flags.get("left", 0) >= 567 and not centred and not name.startswith("list")):
            text = "\n".join("> " + line for line in text.split("\n"))
        elif name.startswith("list"):
            text = "- " + text
        return Block("para", text, plain, centred=centred, emphasised=emphasised)

    def _comments(self, ids: list[str]) -> None:
        for cid in dict.fromkeys(ids):
            if cid not in self.comments:
                continue
            self.plan.drop("comments" if not self.keep_comments else "comments kept as HTML comments")
            if self.keep_comments:
                who, said = self.comments[cid]
                said = said.replace("--", "—").strip()
                self.blocks.append(Block("para", f"<!-- {who + ': ' if who else ''}{said} -->", ""))

    def inline(self, element, runs: list, comment_ids: list, base: dict, depth: int) -> bool:
        """Collect the runs under `element`; True when it is a horizontal rule drawn as a picture."""
        if depth > MAX_DEPTH:
            raise ImportRefused("I108", "the document nests content more deeply than any word processor writes",
                                path=self.plan.source)
        rule = False
        for child in element:
            tag = child.tag
            if tag == W + "r":
                rule |= self.run(child, runs, comment_ids, base)
            elif tag in (W + "del", W + "moveFrom"):
                self.deleted += 1
            elif tag == W + "commentRangeStart":
                comment_ids.append(child.get(W + "id", ""))
            elif tag in (W + "ins", W + "moveTo"):
                self.inserted += 1
                rule |= self.inline(child, runs, comment_ids, base, depth + 1)
            elif tag in (W + "hyperlink", W + "smartTag", W + "fldSimple", W + "customXml", W + "sdt",
                         W + "sdtContent", W + "bdo", W + "dir"):
                rule |= self.inline(child, runs, comment_ids, base, depth + 1)
        return rule

    def run(self, r, runs: list, comment_ids: list, base: dict) -> bool:
        rpr = r.find(W + "rPr")
        flags = dict(base)
        if rpr is not None:
            rstyle = rpr.find(W + "rStyle")
            if rstyle is not None:
                flags.update(self.styles.get(rstyle.get(W + "val")).flags)
            flags.update(_run_flags(rpr))
        if flags.get("hidden"):
            return False
        rule = False
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self._field.append("instr")
                elif kind == "separate" and self._field:
                    self._field[-1] = "result"
                elif kind == "end" and self._field:
                    self._field.pop()
            elif self._field and self._field[-1] == "instr":
                continue
            elif tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append(" ")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") not in ("page", "column"):
                    parts.append(BREAK)
            elif tag == W + "noBreakHyphen":
                parts.append("\u2011")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                self.plan.drop("footnotes")
            elif tag == W + "commentReference":
                comment_ids.append(child.get(W + "id", ""))
            elif tag in (W + "drawing", W + "pict", W + "object") or tag.endswith("}AlternateContent"):
                if any(el.tag == V_RECT and el.get(O_HR) in ("t", "true") for el in child.iter()):
                    rule = True
                else:
                    self.plan.drop("images")
        text = "".join(parts)
        if text:
            if flags.get("allcaps"):
                text = text.upper()
            runs.append((text, bool(flags.get("italic")), bool(flags.get("bold")), bool(flags.get("caps"))))
        return rule


def _targets(z: limits.SafeZip, rels_name: str) -> dict[str, str]:
    """Relationship type (last path segment) -> target part name, from a .rels part."""
    if not z.has(rels_name):
        return {}
    root = limits.parse_xml(z.read(rels_name), rels_name, str(z.path))
    base = rels_name.rsplit("_rels/", 1)[0]
    found = {}
    for rel in root.iter(PKG_RELS + "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else base + target
        found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], name)
    return found


def _comments(z: limits.SafeZip, name: str | None) -> dict:
    if not name or not z.has(name):
        return {}
    root = limits.parse_xml(z.read(name), name, str(z.path))
    found = {}
    for comment in root.iter(W + "comment"):
        text = " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in comment.iter(W + "p"))
        found[comment.get(W + "id", "")] = (comment.get(W + "author", ""), " ".join(text.split()))
    return found


def _core(z: limits.SafeZip, plan: ImportPlan, name: str | None) -> None:
    name = name if name and z.has(name) else "docProps/core.xml"
    if not z.has(name):
        return
    root = limits.parse_xml(z.read(name), name, str(z.path))
    for tag, attr in (("title", "title"), ("creator", "author"), ("language", "language")):
        element = root.find(DC + tag)
        if element is not None and (element.text or "").strip() and not getattr(plan, attr):
            setattr(plan, attr, " ".join(element.text.split()))


def read(path: Path, keep_comments: bool, pattern: re.Pattern | None) -> ImportPlan:
    z = limits.SafeZip(path)
    package = _targets(z, "_rels/.rels")
    main = package.get("officeDocument")
    if not main or not z.has(main):
        kind = "an OpenDocument file (.odt)" if z.has("content.xml") else (
            "an EPUB" if z.has("META-INF/container.xml") else "a zip archive")
        raise ImportRefused("I109", f"this is {kind}, not a DOCX", path=str(path),
                            hint="save it as .docx (Word 2007 or later) and import that")
    plan = ImportPlan(str(path), "docx")
    parts = _targets(z, main.rsplit("/", 1)[0] + "/_rels/" + main.rsplit("/", 1)[1] + ".rels")
    styles_name = parts.get("styles")
    styles = Styles(limits.parse_xml(z.read(styles_name), styles_name, str(z.path)) if styles_name and z.has(styles_name) else None)
    reader = Reader(plan, styles, _comments(z, parts.get("comments")), keep_comments)
    root = limits.parse_xml(z.read(main), main, str(z.path))
    body = root.find(W + "body")
    if body is None:
        raise ImportRefused("I107", "the document has no body", path=str(path))
    reader.body(body)
    _core(z, plan, package.get("core-properties"))
    plan.language = plan.language or styles.default_lang
    if reader.inserted or reader.deleted:
        plan.notes.append(f"tracked changes: {reader.inserted} insertion(s) accepted, {reader.deleted} deletion(s) dropped")
        plan.drop("tracked deletions", reader.deleted)
    build(reader.blocks, plan, pattern)
    plan.title = plan.title or path.stem
    return plan
