"""The scandir walk of raw/ (one stat per file) lists exactly what classify() says of each path, in os.walk's order."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from pipelines.rawfolder import RawFile, SkippedFile, _unique, classify, readable_path, scan


def reference_scan(raw_dir: Path) -> list[RawFile | SkippedFile]:
    """The walk as it was written before scandir: os.walk, then classify() on every file path."""
    raw_dir = raw_dir.resolve()
    entries: list[RawFile | SkippedFile] = []
    for dirpath, dirnames, filenames in os.walk(raw_dir):
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            rel = readable_path((here / name).relative_to(raw_dir).as_posix())
            if name.startswith("."):
                entries.append(SkippedFile(rel + "/", None, "hidden folder ignored"))
            elif (here / name).is_symlink():
                entries.append(SkippedFile(rel + "/", None, "symbolic link to a folder ignored"))
            else:
                kept.append(name)
        dirnames[:] = kept
        entries += [classify(raw_dir, here / name) for name in sorted(filenames)]
    seen: set[str] = set()
    return [_unique(entry, seen) for entry in entries]


def test_every_kind_of_entry_is_listed_as_classify_lists_it(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "2017" / "march").mkdir(parents=True)
    (raw / ".git").mkdir()
    (raw / ".git" / "a.txt").write_text("inside a hidden folder")
    (raw / "2017" / "a.txt").write_text("a release")
    (raw / "2017" / "march" / "b.HTML").write_text("<p>a page</p>")
    (raw / "2017" / "notes.docx").write_bytes(b"PK")
    (raw / "2017" / ".hidden.txt").write_text("hidden")
    (raw / "README").write_text("no extension")
    (raw / "feed.jsonl").write_text('{"title": "t"}\n')
    (raw / "linked.txt").symlink_to(raw / "2017" / "a.txt")
    (raw / "outside.txt").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "elsewhere.txt").write_text("outside raw/")
    (raw / "broken.txt").symlink_to(raw / "gone.txt")
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    (raw / "folder_link").symlink_to(raw / "2017", target_is_directory=True)
    os.mkfifo(raw / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(raw / "sock.txt"))
    (raw / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"latin-1 name")
    (raw / "caf\\xe9.txt").write_text("the four characters of the escaped name")
    try:
        listed = list(scan(raw))
        assert listed == reference_scan(raw)
    finally:
        server.close()

    kinds = {e.source_path: (type(e).__name__, getattr(e, "reason", None)) for e in listed}
    assert kinds["2017/a.txt"] == ("RawFile", None)
    assert kinds["2017/march/b.HTML"] == ("RawFile", None)
    assert kinds["pipe.txt"] == ("SkippedFile", "not a regular file (named pipe)")
    assert kinds["folder_link/"] == ("SkippedFile", "symbolic link to a folder ignored")
    assert kinds[".git/"] == ("SkippedFile", "hidden folder ignored")
    named = [e for e in listed if isinstance(e, RawFile) and e.name_hex]
    assert [bytes.fromhex(e.name_hex).endswith(b"caf\xe9.txt") for e in named] == [True]
    sizes = {e.source_path: e.size_bytes for e in listed if isinstance(e, RawFile)}
    assert sizes["2017/a.txt"] == len("a release") and sizes["linked.txt"] == len("a release")
