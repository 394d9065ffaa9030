"""Small pieces of WordprocessingML python-docx has no API for: page-number fields,
list numbering, the document language and 'update fields when opened'."""

from __future__ import annotations

BULLETS = "•◦▪•◦▪•◦▪"
# CT_Settings elements that must come after w:updateFields (schema order)
AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                       "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                       "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                       "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                       "decimalSymbol", "listSeparator")


def add_page_field(paragraph) -> None:
    """A PAGE field (a real field, so Word and LibreOffice print the page number)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def update_fields_on_open(document) -> None:
    """Ask Word to fill the TOC field when the file is opened."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    settings = document.settings.element
    element = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    for child in settings:
        if child.tag.rsplit("}", 1)[-1] in AFTER_UPDATE_FIELDS:
            child.addprevious(element)
            return
    settings.append(element)


def keep_line_breaks_unstretched(document) -> None:
    """In justified text a line ending in a hard break keeps normal word spacing
    (Word's doNotExpandShiftReturn, which LibreOffice honours too)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = parse_xml(f"<w:compat {nsdecls('w')}/>")
        settings.append(compat)
    compat.insert(0, parse_xml(f"<w:doNotExpandShiftReturn {nsdecls('w')}/>"))


def set_language(document, language: str) -> None:
    """The proofing language of every style (from Normal), so spell-check uses the book's language."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    rpr = document.styles["Normal"].element.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{language}" w:eastAsia="{language}" w:bidi="{language}"/>'))


class Numbering:
    """One bullet and one decimal list definition; each ordered list gets its own start."""

    def __init__(self, document) -> None:
        self.part = document.part.numbering_part.element
        self.abstract = {False: self._abstract(9001, False), True: self._abstract(9002, True)}
        self.bullet_num: int | None = None

    def num_for(self, ordered: bool, start: int) -> int:
        if not ordered and self.bullet_num is not None:
            return self.bullet_num
        num = self.part.add_num(self.abstract[ordered])
        if ordered:
            num.add_lvlOverride(ilvl=0).add_startOverride(start)
        else:
            self.bullet_num = num.numId
        return num.numId

    def _abstract(self, ident: int, ordered: bool) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{"decimal" if ordered else "bullet"}"/>'
            f'<w:lvlText w:val="{f"%{i + 1}." if ordered else BULLETS[i]}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for i in range(9))
        element = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
                            f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>')
        first_num = self.part.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self.part.append(element)
        return ident
