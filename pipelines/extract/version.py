"""The extractor version: derived from the extraction code and data themselves.

Any change to a file under pipelines/extract/ (code or gazetteer) gives a new version, so rows made by older
logic are re-extracted on the next run without anyone remembering to bump a number.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).parent
_RELEASE = "0.1"


@cache
def extractor_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if (
            path.is_file()
            and path.suffix in {".py", ".txt", ".tsv", ".csv", ".json", ".toml"}
            and "__pycache__" not in path.parts
        ):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return f"{_RELEASE}+{digest.hexdigest()[:10]}"
