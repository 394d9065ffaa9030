"""DOCX files written part by part, the way Word and Google Docs write theirs (direct formatting,
comments, tracked changes), and hostile ones (bombs, traversal names) for the refusal tests."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/></Relationships>')
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/comments" Target="comments.xml"/></Relationships>')
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>'
    '</w:styles>')


def core(title: str = "", author: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator></cp:coreProperties>")


def run(text: str, italic=False, bold=False, caps=False, style=None) -> str:
    props = "".join(tag for flag, tag in ((style, f'<w:rStyle w:val="{style}"/>'), (bold, "<w:b/>"),
                                          (italic, "<w:i/>"), (caps, "<w:smallCaps/>")) if flag)
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*runs: str, style=None, centred=False, indent=None) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ('<w:jc w:val="center"/>' if centred else "") \
        + (f'<w:ind w:left="{indent}" w:right="{indent}"/>' if indent else "")
    return f'<w:p>{f"<w:pPr>{props}</w:pPr>" if props else ""}{"".join(runs)}</w:p>'


def comments(items: dict[str, tuple[str, str]]) -> str:
    body = "".join(f'<w:comment w:id="{cid}" w:author="{escape(who)}"><w:p>{run(text)}</w:p></w:comment>'
                   for cid, (who, text) in items.items())
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>{body}</w:comments>'


def write(path: Path, body: str, *, title="", author="", comment_part: str | None = None,
          extra: dict[str, bytes] | None = None, document: str | None = None, styles: str = STYLES) -> Path:
    doc = document or (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}>'
                       f"<w:body>{body}<w:sectPr/></w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", doc)
        z.writestr("word/styles.xml", styles)
        z.writestr("docProps/core.xml", core(title, author))
        if comment_part:
            z.writestr("word/comments.xml", comment_part)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def word_style_novel(path: Path) -> Path:
    """How Word and Google Docs users write: no heading styles, centred bold 'Chapter One' lines,
    a centred title line under it, italics as direct formatting, '* * *' breaks, a blank paragraph."""
    body = [para(run("THE SALT ROAD", bold=True), centred=True), para(run("by Ada Quill"), centred=True), para()]
    chapters = [("Chapter One", "Arrival"), ("Chapter Two", "The Customs House"), ("Chapter Three", None)]
    for n, (label, title) in enumerate(chapters):
        body.append(para(run(label, bold=True), centred=True))
        if title:
            body.append(para(run(title, italic=True), centred=True))
        body.append(para(run("The tide had turned by the time the "), run("Marisol", italic=True),
                         run(f" reached the quay in chapter {n + 1}.")))
        body.append(para(run("Elena counted the guards "), run("twice", bold=True), run(".")))
        body.append(para())
        body.append(para(run("* * *"), centred=True))
        body.append(para(run("Later that night she wrote a letter.")))
        body.append(para(run("Dear Mother, the sea is calm."), indent=720))
        body.append(para(run("She burned it before dawn.")))
    return write(path, "".join(body), title="", author="")
