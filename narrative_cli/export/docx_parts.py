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
# the children that must follow w:bidi in a section's and a paragraph's properties (schema order)
AFTER_SECTION_BIDI = ("rtlGutter", "docGrid", "printerSettings", "sectPrChange")
AFTER_PARAGRAPH_BIDI = ("adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                        "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
                        "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


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


# CT_Settings children that come before w:mirrorMargins (schema order)
BEFORE_MIRROR = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                 "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                 "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
                 "saveSubsetFonts", "saveFormsData")


def mirror_margins(document) -> None:
    """Left and right margins become inside and outside, as a bound book's pages need."""
    settings = document.settings.element
    element = _element("w:mirrorMargins")
    for child in settings:
        if child.tag.rsplit("}", 1)[-1] not in BEFORE_MIRROR:
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
    """The proofing language of every style (from Normal), so spell-check uses the book's language.
    Complex-script (`w:bidi`) and East Asian text get a tag with a region (`ar-SA`, `ja-JP`)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from narrative_cli.export.languages import word_language

    rpr = document.styles["Normal"].element.get_or_add_rPr()
    full = word_language(language)
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{language}" w:eastAsia="{full}" w:bidi="{full}"/>'))


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


def right_to_left(document) -> None:
    """A right-to-left book: every paragraph (through Normal, which all styles are based on)
    is bidi and its runs rtl, complex-script size, bold and italic follow the Latin ones,
    and the section's page order is right to left."""
    from docx.oxml.ns import qn

    normal = document.styles["Normal"].element
    _insert(normal.get_or_add_pPr(), _element("w:bidi"), AFTER_PARAGRAPH_BIDI)
    normal.get_or_add_rPr().get_or_add_rtl()
    for style in document.styles.element.findall(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is not None:
            _complex_script(rpr)
    for section in document.sections:
        _insert(section._sectPr, _element("w:bidi"), AFTER_SECTION_BIDI)


def complex_script_emphasis(body_xml: str) -> str:
    """Word draws an rtl run's bold and italic from bCs/iCs, not b/i (text holds no `<`)."""
    return body_xml.replace("<w:b/>", "<w:b/><w:bCs/>").replace("<w:i/>", "<w:i/><w:iCs/>")


def _complex_script(rpr) -> None:
    from docx.oxml.ns import qn

    for latin, cs in (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")):
        found = rpr.find(qn(latin))
        if found is not None and rpr.find(qn(cs)) is None:
            twin = _element(cs)
            for name, value in found.attrib.items():
                twin.set(name, value)
            found.addnext(twin)


def _element(tag: str):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(f"<{tag} {nsdecls('w')}/>")


def _insert(parent, element, after: tuple[str, ...]) -> None:
    """`element` before the first child named in `after` (its schema position), once."""
    if parent.find(element.tag) is not None:
        return
    for child in parent:
        if child.tag.rsplit("}", 1)[-1] in after:
            child.addprevious(element)
            return
    parent.append(element)
