"""Walking raw/: which files there are, which to ignore, which changed since the last run, and reading one safely.

Nothing a folder can hold stops a run: only regular files are opened (a named pipe, socket or device is listed
with the reason it was left alone), a file is opened without blocking and checked again once open (it may have
been swapped since the walk), reads stop one byte past the size limit, and a file name that is not valid UTF-8
is kept losslessly: a readable form (`source_path`, the bad bytes as `\\xff`) plus the exact bytes (`name_hex`).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ACCEPTED_SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl", ".json", ".ndjson"}
_READ_CHUNK = 1 << 20

_NOT_REGULAR = (
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISDIR, "folder"),
)


@dataclass(frozen=True, slots=True)
class RawFile:
    source_path: str  # relative to raw/, with forward slashes; readable form (see readable_path)
    path: Path
    size_bytes: int
    mtime_ns: int
    name_hex: str | None = None  # the path's exact bytes, hex, when they are not valid UTF-8


@dataclass(frozen=True, slots=True)
class SkippedFile:
    source_path: str
    size_bytes: int | None
    reason: str


def readable_path(relative: str) -> str:
    """A path as storable text: bytes that are not UTF-8 (kept by Python as surrogates) shown as `\\xff`."""
    return os.fsencode(relative).decode("utf-8", errors="backslashreplace")


def exact_name_hex(relative: str) -> str | None:
    """The path's bytes in hex when its readable form had to escape some of them, else None."""
    raw = os.fsencode(relative)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.hex()
    return None


def scan(raw_dir: Path) -> Iterator[RawFile | SkippedFile]:
    """Every entry below raw_dir, in a stable order; the ones that cannot be read come as SkippedFile."""
    raw_dir = raw_dir.resolve()
    seen: set[str] = set()
    for entry in _walk(raw_dir, raw_dir, ""):
        yield _unique(entry, seen)


def _walk(raw_dir: Path, folder: Path, prefix: str) -> Iterator[RawFile | SkippedFile]:
    """One folder: its skipped sub-folders, then its files, then each kept sub-folder, all by name.

    os.scandir hands back each entry's type without a system call and caches its stat, so an unchanged file
    costs one stat; a folder's own mtime is no shortcut (editing a file in place does not change it)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_name)
    except OSError:
        return  # a folder that vanished or cannot be listed is skipped, as os.walk does
    subfolders, files = [], []
    for entry in entries:
        (subfolders if _is_folder(entry) else files).append(entry)
    kept = []
    for entry in subfolders:
        rel = readable_path(prefix + entry.name)
        if entry.name.startswith("."):
            yield SkippedFile(rel + "/", None, "hidden folder ignored")
        elif entry.is_symlink():
            yield SkippedFile(rel + "/", None, "symbolic link to a folder ignored")
        else:
            kept.append(entry)
    for entry in files:
        yield _classify_entry(raw_dir, folder, entry, prefix + entry.name)
    for entry in kept:
        yield from _walk(raw_dir, folder / entry.name, prefix + entry.name + "/")


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows a symbolic link: a link to a folder is listed as a skipped folder
    except OSError:
        return False


def _classify_entry(raw_dir: Path, folder: Path, entry: os.DirEntry, relative: str) -> RawFile | SkippedFile:
    """classify() for an entry of the walk, using the stat the listing already holds."""
    if relative.isascii():  # the common case: the readable form is the name itself
        rel, name_hex = relative, None
    else:
        rel, name_hex = readable_path(relative), exact_name_hex(relative)
    try:
        if entry.name.startswith(".") or entry.is_symlink():
            return _classify(raw_dir, folder / entry.name, rel, name_hex)  # rare: checked as classify() does
        info = entry.stat()
    except (OSError, RuntimeError, ValueError) as exc:
        return SkippedFile(rel, None, f"unreadable file: {getattr(exc, 'strerror', None) or exc}")
    return _regular_file(folder / entry.name, rel, name_hex, info)


def _unique(entry: RawFile | SkippedFile, seen: set[str]) -> RawFile | SkippedFile:
    """Two names can share a readable form (bytes `\\xff` and the four characters `\\xff`): the second gets its
    exact bytes appended, so every path stays one row."""
    if entry.source_path in seen:
        suffix = f" [bytes {os.fsencode(entry.source_path).hex()}]"
        if isinstance(entry, RawFile):
            entry = RawFile(entry.source_path + suffix, entry.path, entry.size_bytes, entry.mtime_ns, entry.name_hex)
        else:
            entry = SkippedFile(entry.source_path + suffix, entry.size_bytes, entry.reason)
    seen.add(entry.source_path)
    return entry


def classify(raw_dir: Path, path: Path) -> RawFile | SkippedFile:
    """What one entry of raw/ is: a file to read, or one to list with the reason it is left alone."""
    relative = path.relative_to(raw_dir).as_posix()
    rel = readable_path(relative)
    try:
        return _classify(raw_dir, path, rel, exact_name_hex(relative))
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, a name the OS refuses, a vanished file
        return SkippedFile(rel, None, f"unreadable file: {getattr(exc, 'strerror', None) or exc}")


def _classify(raw_dir: Path, path: Path, rel: str, name_hex: str | None) -> RawFile | SkippedFile:
    if path.name.startswith("."):
        return SkippedFile(rel, None, "hidden file ignored")
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(raw_dir):
            return SkippedFile(rel, None, "symbolic link pointing outside raw/ ignored")
        if not target.exists():
            return SkippedFile(rel, None, "broken symbolic link")
    return _regular_file(path, rel, name_hex, path.stat())


def _regular_file(path: Path, rel: str, name_hex: str | None, info: os.stat_result) -> RawFile | SkippedFile:
    kind = not_regular(info.st_mode)
    if kind:
        return SkippedFile(rel, None, f"not a regular file ({kind})")
    if path.suffix.lower() not in ACCEPTED_SUFFIXES:
        return SkippedFile(rel, info.st_size, f"unsupported file type {path.suffix or '(no extension)'!r}")
    return RawFile(rel, path, info.st_size, info.st_mtime_ns, name_hex)


def not_regular(mode: int) -> str | None:
    """'named pipe', 'socket', … for what is not a regular file, else None."""
    for test, kind in _NOT_REGULAR:
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "special file"


def read_bounded(path: Path, max_bytes: int) -> tuple[bytes, str | None]:
    """(bytes, None), or (b"", reason) when the file cannot be read: not a regular file once opened (swapped
    since the walk), larger than max_bytes (at most max_bytes + 1 bytes are ever read), or an OS error."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return b"", _os_reason(exc)
    try:
        kind = not_regular(os.fstat(fd).st_mode)
        if kind:
            return b"", f"not a regular file ({kind})"
        return _read_at_most(fd, max_bytes)
    except OSError as exc:
        return b"", _os_reason(exc)
    finally:
        os.close(fd)


def _read_at_most(fd: int, max_bytes: int) -> tuple[bytes, str | None]:
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks), None
        chunks.append(chunk)
        total += len(chunk)
    return b"", too_large(max_bytes)


def too_large(max_bytes: int) -> str:
    return f"file larger than the {max_bytes:,}-byte limit"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "unreadable file: symbolic link loop"
    return f"unreadable file: {exc.strerror or exc}"
