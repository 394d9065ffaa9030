"""Byte-identical zip containers (EPUB, DOCX) and the build's reproducible timestamp."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from narrative_cli.errors import UsageError

FALLBACK_EPOCH = 946684800  # 2000-01-01T00:00:00Z: not a repository and no SOURCE_DATE_EPOCH
ZIP_MIN_EPOCH = 315532800  # 1980-01-01: the earliest time a zip entry can hold


def source_epoch(root: Path) -> int:
    """SOURCE_DATE_EPOCH, else the date of the last commit touching the project folder,
    else a fixed date: never the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and value.strip():
        try:
            return int(value.strip())
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{value}'",
                             hint="e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)") from None
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=root, capture_output=True,
                             text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return FALLBACK_EPOCH
    stamp = out.stdout.strip()
    return int(stamp) if out.returncode == 0 and stamp.isdigit() else FALLBACK_EPOCH


def source_commit(root: Path) -> str | None:
    """The commit the project folder is at (None outside a repository)."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = out.stdout.strip()
    return commit if out.returncode == 0 and len(commit) >= 40 else None


def utc(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, tz=timezone.utc)


def iso_utc(epoch: int) -> str:
    return utc(epoch).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_zip(entries: list[tuple[str, bytes, bool]], epoch: int) -> bytes:
    """A zip of (name, data, compress) in exactly the given order, every entry with the same
    time, permissions and host system, so the same input gives the same bytes anywhere."""
    stamp = utc(max(epoch, ZIP_MIN_EPOCH)).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compress in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            archive.writestr(info, data, compresslevel=6 if compress else None)
    return buffer.getvalue()
