"""A Scrivener 3 project built from the documented layout: Novel.scrivx binder + Files/Data/<UUID>/
content.rtf and synopsis.txt, with RTF written the way Scrivener (Cocoa text system) writes it."""

from __future__ import annotations

import uuid
from pathlib import Path
from xml.sax.saxutils import escape

COCOA_HEAD = ("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639\n\\cocoatextscaling0\\cocoaplatform0"
              "{\\fonttbl\\f0\\fnil\\fcharset0 Palatino-Roman;\\f1\\fnil\\fcharset0 Palatino-Italic;"
              "\\f2\\fnil\\fcharset0 Palatino-Bold;}\n{\\colortbl;\\red255\\green255\\blue255;}\n"
              "{\\*\\expandedcolortbl;;}\n\\pard\\tx360\\fi360\\sl264\\slmult1\\pardirnatural\\partightenfactor0\n\n"
              "\\f0\\fs26 \\cf0 ")


def cocoa_rtf(*paragraphs: str) -> str:
    """Paragraphs already in RTF syntax, joined the Cocoa way (backslash-newline ends a paragraph)."""
    return COCOA_HEAD + "\\\n".join(paragraphs) + "}"


def uid(n: int) -> str:
    return str(uuid.UUID(int=n)).upper()


def item(key: str, kind: str, title: str, children=(), include=True, label=-1, status=-1) -> str:
    kids = f"<Children>{''.join(children)}</Children>" if children else ""
    return (f'<BinderItem UUID="{key}" Type="{kind}" Created="2024-01-01 10:00:00 +0000" '
            f'Modified="2024-01-02 10:00:00 +0000"><Title>{escape(title)}</Title><MetaData>'
            f'<LabelID>{label}</LabelID><StatusID>{status}</StatusID>'
            f'<IncludeInCompile>{"Yes" if include else "No"}</IncludeInCompile></MetaData>'
            f"<TextSettings><TextSelection>0,0</TextSelection></TextSettings>{kids}</BinderItem>")


def write_project(folder: Path, documents: dict[str, tuple[str, str | None]], binder: str,
                  title: str = "The Fog Line", author: str = "Ivy Marsh") -> Path:
    """documents: UUID -> (content.rtf text, synopsis or None)."""
    (folder / "Files" / "Data").mkdir(parents=True)
    for key, (rtf, synopsis) in documents.items():
        data = folder / "Files" / "Data" / key
        data.mkdir()
        (data / "content.rtf").write_bytes(rtf.encode("latin-1") if isinstance(rtf, str) else rtf)
        if synopsis:
            (data / "synopsis.txt").write_text(synopsis, encoding="utf-8")
    (folder / "Files" / "version.txt").write_text("23")
    scrivx = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ScrivenerProject Template="No" Version="2.0" Identifier="7E9D5C2A-0000-0000-0000-000000000000" '
        'Creator="SCRMAC-3.3-16800" Device="Desk" Modified="2024-01-02 10:00:00 +0000" ModID="x">\n'
        f"<Binder>{binder}</Binder>\n"
        '<LabelSettings><Title>Label</Title><DefaultLabelID>-1</DefaultLabelID><Labels>'
        '<Label ID="-1">No Label</Label><Label ID="0" Color="0.6 0.3 0.3">Concept</Label>'
        '<Label ID="1" Color="0.3 0.6 0.3">Chapter</Label></Labels></LabelSettings>\n'
        '<StatusSettings><Title>Status</Title><DefaultStatusID>-1</DefaultStatusID><StatusItems>'
        '<Status ID="-1">No Status</Status><Status ID="0">To Do</Status><Status ID="1">First Draft</Status>'
        '<Status ID="2">Revised Draft</Status><Status ID="3">Final Draft</Status><Status ID="4">Done</Status>'
        "</StatusItems></StatusSettings>\n"
        f"<ProjectProperties><ProjectTitle>{escape(title)}</ProjectTitle><FullName>{escape(author)}</FullName>"
        "</ProjectProperties>\n</ScrivenerProject>\n")
    (folder / f"{folder.stem}.scrivx").write_text(scrivx, encoding="utf-8")
    return folder
