"""Images recognised by their bytes, not their names: the cover (and any image export embeds).

A text file named cover.png is not a PNG. Pillow reads the header of the four raster types
EPUB 3.3 lists as core media types (PNG, JPEG, GIF, WebP) and checks their structure
(`verify`: PNG chunk checksums, truncated files); an SVG must parse as XML, without a DTD or
entities (defusedxml), with an <svg> root in the SVG namespace, and carry no script, event
handler or reference outside itself (EPUBCheck flags those, and a reader must not fetch or run
anything a cover asks for). Both libraries are imported only when an image is looked at.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

# 10 MB: an e-book cover at the size stores ask for (1600 x 2560) is 0.5-3 MB as JPEG or PNG,
# and a print cover at 300 dpi (a 6 x 9 in wrap with spine, ~4,000 x 2,800 px) stays under
# 10 MB as JPEG; past that the image is unoptimised or far larger than any screen or press
# uses, it bloats every EPUB download and e-ink readers with little memory may not open it.
LARGE = 10 * 1000 * 1000
SVG_NS = "{http://www.w3.org/2000/svg}"
RASTER = {"PNG": ("png", "image/png", ".png"), "JPEG": ("jpeg", "image/jpeg", ".jpg"),
          "GIF": ("gif", "image/gif", ".gif"), "WEBP": ("webp", "image/webp", ".webp")}
RASTER_NAME = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}
SVG = ("svg", "image/svg+xml", ".svg")
# Only to name a file Pillow could not open: "a damaged PNG file" says more than "binary data".
SIGNATURES = {"PNG": re.compile(rb"\x89PNG\r\n\x1a\n"), "JPEG": re.compile(rb"\xff\xd8\xff"),
              "GIF": re.compile(rb"GIF8[79]a"), "WebP": re.compile(rb"RIFF....WEBP", re.DOTALL)}
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)


@dataclass(frozen=True)
class ImageInfo:
    """What a file's bytes are. `kind` is None when they are not an image narrative embeds."""

    kind: str | None
    media_type: str | None
    extension: str | None
    what: str  # for messages: "a PNG image, 1600 x 2560 pixels", "text", ...
    size: int
    unsafe: tuple[str, ...] = field(default=())  # SVG: scripts and references outside the file

    @property
    def usable(self) -> bool:
        return self.kind is not None and not self.unsafe


def identify(path: Path) -> ImageInfo:
    """Look at `path`'s bytes, streamed (OSError if it cannot be read)."""
    with path.open("rb") as stream:
        return _identify(stream, os.fstat(stream.fileno()).st_size)


def identify_bytes(data: bytes) -> ImageInfo:
    """Look at bytes already read (export checks exactly what it embeds)."""
    return _identify(io.BytesIO(data), len(data))


def _identify(stream: BinaryIO, size: int) -> ImageInfo:
    head = stream.read(512)
    stream.seek(0)
    if not head:
        return ImageInfo(None, None, None, "an empty file", size)
    raster = _raster(stream, head, size)
    if raster is not None:
        return raster
    if _looks_like_xml(head):
        stream.seek(0)
        return _svg(stream, size)
    return ImageInfo(None, None, None, _describe(head), size)


def _raster(stream: BinaryIO, head: bytes, size: int) -> ImageInfo | None:
    from PIL import Image, UnidentifiedImageError

    fmt = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream, formats=list(RASTER)) as image:
                fmt, (width, height) = image.format, image.size
                image.verify()
    except UnidentifiedImageError:  # Pillow read no whole header; say so when the signature is one of ours
        name = _signature(head)
        return ImageInfo(None, None, None, f"a damaged {name} file (its header is incomplete)", size) if name else None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ImageInfo(None, None, None, "an image of more pixels than Pillow opens safely (a decompression bomb?)",
                         size)
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # Pillow's words for damaged data
        name = RASTER_NAME.get(fmt) or _signature(head) or "image"
        return ImageInfo(None, None, None, f"a damaged {name} file ({exc})", size)
    kind, media_type, extension = RASTER[fmt]
    return ImageInfo(kind, media_type, extension, f"a {RASTER_NAME[fmt]} image, {width} x {height} pixels", size)


def _signature(head: bytes) -> str | None:
    return next((name for name, magic in SIGNATURES.items() if magic.match(head)), None)


def _looks_like_xml(head: bytes) -> bool:
    """Starts with `<` after an optional byte order mark (UTF-8 or UTF-16) and white space."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[:64].decode("utf-16", errors="replace")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    return text.lstrip().startswith("<")


def _describe(head: bytes) -> str:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return f"binary data that is not a PNG, JPEG, GIF, WebP or SVG image (it starts {head[:8]!r})"
    return "text"


def _svg(stream: BinaryIO, size: int) -> ImageInfo:
    import xml.etree.ElementTree as ET

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    if size > LARGE:
        return ImageInfo(None, None, None, f"an XML file of {size:,} bytes, too large to check as an SVG image", size)

    class Builder(ET.TreeBuilder):
        """Keeps the processing instructions the tree drops (<?xml-stylesheet href=...?> fetches CSS)."""

        instructions: list[str] = []

        def pi(self, target, text=None):
            self.instructions = [*self.instructions, target]
            return super().pi(target, text)

    builder = Builder()
    try:
        parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        parser.feed(stream.read())
        root = parser.close()
    except DefusedXmlException:
        return ImageInfo(None, None, None, "XML with a DTD or entities (not allowed in an SVG image here)", size)
    except ET.ParseError as exc:
        return ImageInfo(None, None, None, f"text that is not well-formed XML ({exc})", size)
    if root.tag != f"{SVG_NS}svg":
        return ImageInfo(None, None, None, f"XML whose root is <{_local(root.tag)}>, not an SVG <svg> "
                                           "in the SVG namespace", size)
    found = [f"a processing instruction (<?{target}?>)" for target in builder.instructions
             if target.lower() == "xml-stylesheet"]
    return ImageInfo(*SVG, "an SVG image", size, tuple(dict.fromkeys(found + _svg_problems(root))))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# Attributes that load something: href (a, image, use, xi:include ...), src and data (XHTML
# inside foreignObject: img, iframe, object, embed), and the rest of HTML's fetching attributes.
_LINKS = {"href", "src", "data", "action", "formaction", "poster", "background", "srcset"}
_ANIMATES = {"set", "animate"}  # SMIL can rewrite a link after the file was checked


def _svg_problems(root) -> list[str]:
    """Scripts, event handlers and references outside the file."""
    found: list[str] = []
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag == "script":
            found.append("a <script> element")
        for name, value in element.attrib.items():
            local = _local(name).lower()
            if local.startswith("on"):
                found.append(f"an event handler ({_local(name)}= on <{tag}>)")
            elif local in _LINKS and not _internal(value):
                found.append(f"a reference outside the file ({_local(name)}={value[:60]!r} on <{tag}>)")
            elif local == "attributename" and tag in _ANIMATES and _local(value.split(":")[-1]).lower() in _LINKS:
                found.append(f"an animation that changes a link (<{tag} attributeName={value!r}>)")
            else:
                found += _css_refs(value, f"{_local(name)}= on <{tag}>")
        if tag == "style" and element.text:
            found += _css_refs(element.text, "<style>")
    return found


def _internal(value: str) -> bool:
    """`#id`, or a picture inlined as a data: URL (a raster one: an SVG or HTML one could script)."""
    value = value.strip().lower()
    return value.startswith("#") or value.startswith(("data:image/png", "data:image/jpeg", "data:image/gif",
                                                      "data:image/webp"))


_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _plain_css(css: str) -> str:
    """CSS with comments removed and escapes decoded: u\\72l( is url(, @\\69mport is @import."""
    def decode(m: re.Match) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return m.group(2)
    return _CSS_ESCAPE.sub(decode, _CSS_COMMENT.sub("", css))


def _css_refs(css: str, where: str) -> list[str]:
    if "(" not in css and "@" not in css and "\\" not in css:
        return []
    plain = _plain_css(css)
    found = [f"a reference outside the file (url({ref[:60]}) in {where})" for ref in _URL.findall(plain)
             if not _internal(ref)]
    if "@import" in plain.lower():
        found.append(f"a stylesheet import (@import in {where})")
    if re.search(r"image-set\(|(?<![\w-])image\(", plain, re.IGNORECASE):
        found.append(f"a CSS image reference (image-set() in {where})")
    return found
