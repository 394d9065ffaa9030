"""A realistic novelWriter 2.x project written in its documented format (nwProject.nwx file
version 1.5 + content/<handle>.nwd), as novelWriter's own sample project lays it out."""

from __future__ import annotations

from pathlib import Path

STATUS = {"sf12341": "New", "sc24b8f": "Started", "s90e6c9": "1st Draft", "sd51c5b": "2nd Draft",
          "s78ea90": "Finished"}

# handle, parent, root, order, type, class, layout, heading, status, active, name, text
ITEMS = [
    ("7031beac91f75", None, "7031beac91f75", 0, "ROOT", "NOVEL", None, None, "sc24b8f", True, "Novel", None),
    ("53b69b83cdafc", "7031beac91f75", "7031beac91f75", 0, "FILE", "NOVEL", "DOCUMENT", "H1", "sc24b8f", True,
     "Title Page", "#! The Lantern Keeper\n\n>> By Mara Quill <<\n"),
    ("edca4be2fcaf8", "7031beac91f75", "7031beac91f75", 1, "FILE", "NOVEL", "DOCUMENT", "H1", "s90e6c9", True,
     "Part One", "# Part One: The Coast\n"),
    ("6a2d6d5f4f401", "7031beac91f75", "7031beac91f75", 2, "FILE", "NOVEL", "DOCUMENT", "H2", "s90e6c9", True,
     "Chapter One", "## The Lighthouse\n\n%synopsis: Ada arrives at the lighthouse.\n"),
    ("636b6aa9b697b", "6a2d6d5f4f401", "7031beac91f75", 0, "FILE", "NOVEL", "DOCUMENT", "H3", "s78ea90", True,
     "Arrival", "### Arrival\n\n@pov: Ada\n@char: Ada, Tom\n@location: Lighthouse\n\n"
     "%synopsis: Ada climbs the stairs for the first time.\n\n"
     "The stairs went up and up, and _every_ step was **wet** with spray.\n\n"
     "% TODO: check the number of steps\n\n"
     "Tom held the lamp. “Mind the [i]ninth[/i] one,” he said.\n\n"
     "The gulls cried:\nonce, twice,\nthen never again.\n"),
    ("bc0cbd2a407f3", "6a2d6d5f4f401", "7031beac91f75", 1, "FILE", "NOVEL", "DOCUMENT", "H3", "sd51c5b", True,
     "The Lamp", "### The Lamp\n\n@pov: Tom\n@location: Lighthouse\n@object: Lamp\n\n"
     "The lamp was older than the tower. Tom trimmed the wick by feel.\n\n"
     "#### Later\n\nAt midnight the light went round for the first time in years.\n"),
    ("ba8a28a246524", "7031beac91f75", "7031beac91f75", 3, "FILE", "NOVEL", "DOCUMENT", "H2", "s90e6c9", True,
     "Interlude", "##! Interlude\n\nThe sea did not care who kept the light.\n"),
    ("96b68994dfa3d", "7031beac91f75", "7031beac91f75", 4, "FILE", "NOVEL", "NOTE", "H1", "sf12341", False,
     "A Note on Structure", "# A Note on Structure\n\nThis is a planning note.\n"),
    ("88706ddc78b1b", "7031beac91f75", "7031beac91f75", 5, "FILE", "NOVEL", "DOCUMENT", "H2", "sc24b8f", True,
     "Chapter Two", "## The Storm\n"),
    ("ae7339df26ded", "88706ddc78b1b", "7031beac91f75", 0, "FILE", "NOVEL", "DOCUMENT", "H3", "sc24b8f", True,
     "Storm", "### Storm\n\n@pov: Ada\n@focus: Tom\n\nThe storm came in from the west at dusk.\n"),
    ("5eaea4e8cdee8", "88706ddc78b1b", "7031beac91f75", 1, "FILE", "NOVEL", "DOCUMENT", "H3", "sc24b8f", False,
     "Cut Scene", "### Cut Scene\n\nThis scene was cut from the build and must not be imported.\n"),
    ("f6622b4617424", None, "f6622b4617424", 1, "ROOT", "CHARACTER", None, None, "sf12341", True, "Characters", None),
    ("14298de4d9524", "f6622b4617424", "f6622b4617424", 0, "FILE", "CHARACTER", "NOTE", "H1", "sf12341", True,
     "Ada Brand", "# Ada Brand\n\n@tag: Ada\n\n% Short: The new keeper\n\nShe came from the city.\n"),
    ("bb2c23b3c42cc", "f6622b4617424", "f6622b4617424", 1, "FILE", "CHARACTER", "NOTE", "H1", "sf12341", True,
     "Tom Hale", "# Tom Hale\n\n@tag: Tom\n\nThe old keeper.\n"),
    ("15c4492bd5107", None, "15c4492bd5107", 2, "ROOT", "WORLD", None, None, "sf12341", True, "Locations", None),
    ("b3e74dbc1f584", "15c4492bd5107", "15c4492bd5107", 0, "FILE", "WORLD", "NOTE", "H1", "sf12341", True,
     "Lighthouse", "# The Lighthouse\n\n@tag: Lighthouse\n\n% Synopsis: A tower on the point.\n"),
    ("c1c1c1c1c1c1c", None, "c1c1c1c1c1c1c", 3, "ROOT", "OBJECT", None, None, "sf12341", True, "Objects", None),
    ("d2d2d2d2d2d2d", "c1c1c1c1c1c1c", "c1c1c1c1c1c1c", 0, "FILE", "OBJECT", "NOTE", "H1", "sf12341", True,
     "Lamp", "# The Lamp\n\n@tag: Lamp\n\nBrass, with a cracked chimney.\n"),
    ("6827118336ac1", None, "6827118336ac1", 4, "ROOT", "ARCHIVE", None, None, "sf12341", True, "Archive", None),
    ("8a5deb88c0e97", "6827118336ac1", "6827118336ac1", 0, "FILE", "ARCHIVE", "DOCUMENT", "H3", "s90e6c9", True,
     "Old File", "### Old File\n\nArchived text.\n"),
    ("98acd8c76c93a", None, "98acd8c76c93a", 5, "ROOT", "TRASH", None, None, "sf12341", True, "Trash", None),
]


def write_project(folder: Path) -> Path:
    (folder / "content").mkdir(parents=True)
    out = ["<?xml version='1.0' encoding='utf-8'?>",
           '<novelWriterXML appVersion="2.5" hexVersion="0x020500f0" fileVersion="1.5" fileRevision="4" '
           'timeStamp="2025-01-01 10:00:00">',
           '  <project id="e2be99af-f9bf-4403-857a-c3d1ac25abea" saveCount="12" autoCount="3" editTime="1000">',
           "    <name>The Lantern Keeper</name>", "    <author>Mara Quill</author>", "  </project>",
           "  <settings>", "    <doBackup>no</doBackup>", "    <language>en_GB</language>", "    <status>"]
    out += [f'      <entry key="{k}" count="1" red="100" green="100" blue="100" shape="SQUARE">{v}</entry>'
            for k, v in STATUS.items()]
    out += ["    </status>", "  </settings>", f'  <content items="{len(ITEMS)}" novelWords="300" notesWords="40">']
    for handle, parent, root, order, kind, cls, layout, heading, status, active, name, text in ITEMS:
        attrs = f'handle="{handle}" parent="{parent or "None"}" root="{root}" order="{order}" type="{kind}" class="{cls}"'
        if layout:
            attrs += f' layout="{layout}"'
        meta = f'<meta expanded="no" heading="{heading}" charCount="10" wordCount="2" paraCount="1" cursorPos="0" />' \
            if heading else '<meta expanded="yes" />'
        active_attr = f' active="{"yes" if active else "no"}"' if kind == "FILE" else ""
        out += [f"    <item {attrs}>", f"      {meta}",
                f'      <name status="{status}" import="ia857f0"{active_attr}>{name}</name>', "    </item>"]
        if text is not None:
            head = (f"%%~name: {name}\n%%~path: {parent}/{handle}\n%%~kind: {cls}/{layout}\n"
                    "%%~hash: 0000000000000000000000000000000000000000\n%%~date: Unknown/2025-01-01 10:00:00\n")
            (folder / "content" / f"{handle}.nwd").write_text(head + text, encoding="utf-8")
    out += ["  </content>", "</novelWriterXML>", ""]
    (folder / "nwProject.nwx").write_text("\n".join(out), encoding="utf-8")
    return folder
