"""A minimal reader for R's serialization format (XDR), enough for character vectors.

The voice benchmark takes its public-domain texts from Debian's packaged R data
sets (Jane Austen's novels, Moby-Dick, two State of the Union addresses).
Installing R for that would be heavy, so this reads the packages' lazy-load
databases (data/Rdata.rdb + .rdx) and .RData files directly.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import struct
import zlib
from pathlib import Path

NIL, REF = 254, 255
SPECIAL = {242, 241, 253, 252, 251, 247, 246, 245, 244, 243, 248}


class Reader:
    def __init__(self, data: bytes) -> None:
        if data[:2] != b"X\n":
            raise ValueError("not XDR-serialized R data")
        self.data, self.at, self.refs = data, 2, []
        version = self.int()
        self.int(), self.int()
        if version == 3:
            skip = self.int()  # the native encoding's name
            self.at += skip

    def int(self) -> int:
        value = struct.unpack_from(">i", self.data, self.at)[0]
        self.at += 4
        return value

    def length(self) -> int:
        n = self.int()
        return (self.int() << 32) + self.int() if n == -1 else n

    def item(self):
        flags = self.int()
        kind, has_attr, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
        if kind == NIL or kind in SPECIAL:
            return None
        if kind == REF:
            index = flags >> 8 or self.int()
            return self.refs[index - 1]
        if kind == 1:  # symbol
            name = self.item()
            self.refs.append(name)
            return name
        if kind in (2, 3, 5, 6, 17, 239, 240):  # pairlists and friends: [(tag, value)]
            return self._pairlist(has_attr, has_tag)
        if kind == 4:  # environment
            self.refs.append(None)
            self.int()
            for _ in range(4):
                self.item()
            return None
        if kind == 238:  # ALTREP: class info, state, attributes
            self.item(), self.item(), self.item()
            return None
        value = self._vector(kind)
        if has_attr:
            attrs = {tag: v for tag, v in self.item() or []}
            if "names" in attrs and isinstance(value, list):
                return dict(zip(attrs["names"], value))
        return value

    def _pairlist(self, has_attr, has_tag):
        out = []
        if has_attr:
            self.item()
        tag = self.item() if has_tag else None
        out.append((tag, self.item()))
        rest = self.item()
        return out + (rest if isinstance(rest, list) and rest and isinstance(rest[0], tuple) else [])

    def _vector(self, kind: int):
        if kind == 9:  # CHARSXP
            n = self.int()
            if n == -1:
                return None
            text = self.data[self.at:self.at + n].decode("utf-8", "replace")
            self.at += n
            return text
        n = self.length()
        if kind in (10, 13):
            self.at += 4 * n
            return list(struct.unpack_from(f">{n}i", self.data, self.at - 4 * n))
        if kind == 14:
            self.at += 8 * n
            return list(struct.unpack_from(f">{n}d", self.data, self.at - 8 * n))
        if kind == 15:
            self.at += 16 * n
            return None
        if kind in (16, 19, 20):
            return [self.item() for _ in range(n)]
        if kind == 24:  # raw
            self.at += n
            return None
        raise ValueError(f"unsupported R type {kind}")


def _inflate(blob: bytes) -> bytes:
    """A lazy-load record: 4-byte length, then zlib data (or a type byte and xz/bzip2/zlib data)."""
    if blob[:2] == b"\x1f\x8b":
        return gzip.decompress(blob)
    body = blob[4:]
    try:
        return zlib.decompress(body)
    except zlib.error:
        kind, rest = body[:1], body[1:]
        return {b"X": lzma.decompress, b"2": bz2.decompress, b"Z": zlib.decompress}.get(kind, bytes)(rest)


def lazyload(folder: Path) -> dict[str, object]:
    """Every object of an R package's data/Rdata.rdb, by name."""
    index = Reader(_inflate((folder / "Rdata.rdx").read_bytes())).item()
    rdb = (folder / "Rdata.rdb").read_bytes()
    return {name: Reader(_inflate(rdb[int(offset):int(offset) + int(size)])).item()
            for name, (offset, size) in index["variables"].items()}


def rdata(path: Path) -> dict[str, object]:
    """The objects of an .RData file (gzip, bzip2 or xz compressed), by name."""
    raw = path.read_bytes()
    for opener in (gzip.decompress, bz2.decompress, lzma.decompress, bytes):
        try:
            raw = opener(raw)
            break
        except Exception:
            continue
    if raw[:5] not in (b"RDX2\n", b"RDX3\n"):
        raise ValueError(f"{path} is not an RData file")
    return {tag: value for tag, value in Reader(raw[5:]).item()}
