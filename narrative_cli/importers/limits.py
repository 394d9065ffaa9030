"""Reading untrusted input safely: size caps, zip bombs, path-traversing part names, XML bombs.

Every source is somebody else's file. Nothing here follows a DTD, an external entity or a
network reference (a DOCTYPE is refused outright), and no archive member is ever extracted to disk:
parts are read into memory by name, each one capped, and the whole archive's uncompressed size
and compression ratio are checked before the first byte is inflated.
"""

from __future__ import annotations

from pathlib import Path

from narrative_cli.importers.plan import ImportRefused

MAX_TEXT = 64 * 1024 * 1024  # one text, Markdown or RTF file
MAX_PART = 256 * 1024 * 1024  # one XML part of a DOCX, uncompressed (War and Peace is ~40 MiB)
MAX_ARCHIVE = 512 * 1024 * 1024  # all parts of a DOCX we read, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for any part larger than 1 MiB
MAX_MEMBERS = 10_000


def read_capped(path: Path, cap: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > cap:
            raise ImportRefused("I203", f"the file is too large to import ({size // 2**20} MiB; the limit is "
                                f"{cap // 2**20} MiB)", path=str(path))
        with open(path, "rb") as handle:
            return handle.read(cap + 1)
    except OSError as exc:
        raise ImportRefused("I202", f"cannot read the file: {exc.strerror or exc}", path=str(path)) from exc


class SafeZip:
    """A DOCX (or any OOXML package) opened for reading named parts, never extracting."""

    def __init__(self, path: Path):
        import zipfile

        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise ImportRefused("I101", f"not a readable DOCX (a damaged zip archive: {exc})", path=str(path),
                                hint="open it in your word processor and save it again as .docx") from exc
        self._check(infos)
        self.names = {info.filename: info for info in infos}

    def _check(self, infos) -> None:
        if len(infos) > MAX_MEMBERS:
            raise ImportRefused("I102", f"the archive holds {len(infos)} parts, more than a document has",
                                path=str(self.path))
        total = 0
        for info in infos:
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
                raise ImportRefused("I103", f"the archive has a part named outside itself ({name!r})",
                                    path=str(self.path), hint="this file was not written by a word processor")
            if info.flag_bits & 0x1:
                raise ImportRefused("I104", "the archive is encrypted", path=str(self.path),
                                    hint="remove the password in your word processor and save it again")
            total += info.file_size
            if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ImportRefused("I105", f"part {name} inflates {info.file_size // max(info.compress_size, 1)}"
                                    " times its size (a zip bomb)", path=str(self.path))
        if total > MAX_ARCHIVE:
            raise ImportRefused("I105", f"the archive would inflate to {total // 2**20} MiB (a zip bomb)",
                                path=str(self.path))

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        info = self.names[name]
        if info.file_size > MAX_PART:
            raise ImportRefused("I105", f"part {name} is {info.file_size // 2**20} MiB uncompressed, over the limit",
                                path=str(self.path))
        try:
            with self.zip.open(info) as handle:
                data = handle.read(MAX_PART + 1)  # the declared size can lie: never read past the cap
        except Exception as exc:  # zlib.error, BadZipFile, CRC errors, NotImplementedError (unknown method)
            raise ImportRefused("I101", f"part {name} is damaged ({exc})", path=str(self.path),
                                hint="open it in your word processor and save it again as .docx") from exc
        if len(data) > MAX_PART:
            raise ImportRefused("I105", f"part {name} inflates past {MAX_PART // 2**20} MiB (a zip bomb)",
                                path=str(self.path))
        return data


_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def parse_xml(data: bytes, where: str, path: str | None = None):
    """An ElementTree root from untrusted bytes: no DTD (so no entities, no external references).

    OOXML, novelWriter and Scrivener files never carry a DOCTYPE, so any is refused before
    parsing: without one no entity can be declared, so neither an entity bomb nor an external
    entity is possible, and the C parser needs no Python-level guard (defusedxml's handlers cost
    twice the parse time on a 6 MB document.xml)."""
    import xml.etree.ElementTree as ET

    if any(marker in data for marker in _DOCTYPE):
        raise ImportRefused("I106", f"{where} declares a DTD or entities (an XML bomb or an external reference);"
                            " refused", path=path)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise ImportRefused("I107", f"{where} is not well-formed XML ({exc})", path=path,
                            hint="the file is damaged; save it again from the program that made it") from exc
