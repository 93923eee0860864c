"""Walking raw/: which files there are, which to ignore, and which changed since the last run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ACCEPTED_SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl", ".json", ".ndjson"}


@dataclass(frozen=True, slots=True)
class RawFile:
    source_path: str  # relative to raw/, with forward slashes
    path: Path
    size_bytes: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class SkippedFile:
    source_path: str
    size_bytes: int | None
    reason: str


def scan(raw_dir: Path) -> Iterator[RawFile | SkippedFile]:
    """Every regular file below raw_dir, in a stable order; the ones that cannot be read come as SkippedFile."""
    raw_dir = raw_dir.resolve()
    for dirpath, dirnames, filenames in os.walk(raw_dir, followlinks=False):
        here = Path(dirpath)
        kept_dirs = []
        for name in sorted(dirnames):
            rel = (here / name).relative_to(raw_dir).as_posix()
            if name.startswith("."):
                yield SkippedFile(rel + "/", None, "hidden folder ignored")
            elif (here / name).is_symlink():
                yield SkippedFile(rel + "/", None, "symbolic link to a folder ignored")
            else:
                kept_dirs.append(name)
        dirnames[:] = kept_dirs
        for name in sorted(filenames):
            yield _classify(raw_dir, here / name)


def _classify(raw_dir: Path, path: Path) -> RawFile | SkippedFile:
    rel = path.relative_to(raw_dir).as_posix()
    if path.name.startswith("."):
        return SkippedFile(rel, None, "hidden file ignored")
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(raw_dir):
            return SkippedFile(rel, None, "symbolic link pointing outside raw/ ignored")
        if not target.is_file():
            return SkippedFile(rel, None, "broken symbolic link")
    try:
        stat = path.stat()
    except OSError as exc:
        return SkippedFile(rel, None, f"unreadable file: {exc.strerror or exc}")
    if path.suffix.lower() not in ACCEPTED_SUFFIXES:
        return SkippedFile(rel, stat.st_size, f"unsupported file type {path.suffix or '(no extension)'!r}")
    return RawFile(rel, path, stat.st_size, stat.st_mtime_ns)
