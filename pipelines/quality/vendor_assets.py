"""The scripts, styles and fonts GX Data Docs load from CDNs, shipped with the package so the docs work offline.

`VENDORED` says, for each npm package at the exact version GX's templates ask for, which of its files are kept under
pipelines/quality/static/vendor/<folder>/ and which CDN addresses they stand in for. Vega, Vega-Lite and
vega-embed are not here: they come from vl-convert at build time (see offline_docs), like the report's charts.

Refresh the committed copies (only when GX changes its templates) with the npm client:
    python -m pipelines.quality.vendor_assets
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"


@dataclass(frozen=True)
class Package:
    name: str  # on the npm registry
    version: str
    folder: str  # under VENDOR_DIR
    files: tuple[tuple[str, str], ...]  # (path in the package, path under folder)
    urls: tuple[tuple[str, str], ...]  # (CDN address GX writes, path under folder)


VENDORED = (
    Package(
        "jquery",
        "3.7.1",
        "jquery",
        (("dist/jquery.min.js", "jquery.min.js"), ("LICENSE.txt", "LICENSE.txt")),
        (("https://code.jquery.com/jquery-3.7.1.min.js", "jquery.min.js"),),
    ),
    Package(
        "popper.js",
        "1.12.9",
        "popper.js",
        (("dist/umd/popper.min.js", "popper.min.js"),),  # no license file in the package: see MIT_LICENSE
        (("https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js", "popper.min.js"),),
    ),
    Package(
        "bootstrap",
        "4.3.1",
        "bootstrap",
        (
            ("dist/css/bootstrap.min.css", "css/bootstrap.min.css"),
            ("dist/js/bootstrap.min.js", "js/bootstrap.min.js"),
            ("LICENSE", "LICENSE"),
        ),
        (
            ("https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css", "css/bootstrap.min.css"),
            ("https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js", "js/bootstrap.min.js"),
        ),
    ),
    Package(
        "bootstrap-table",
        "1.19.1",
        "bootstrap-table",
        (
            ("dist/bootstrap-table.min.css", "bootstrap-table.min.css"),
            ("dist/bootstrap-table.min.js", "bootstrap-table.min.js"),
            ("dist/extensions/filter-control/bootstrap-table-filter-control.min.css", "filter-control.min.css"),
            ("dist/extensions/filter-control/bootstrap-table-filter-control.min.js", "filter-control.min.js"),
            ("LICENSE", "LICENSE"),
        ),
        (
            ("https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css", "bootstrap-table.min.css"),
            ("https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js", "bootstrap-table.min.js"),
            (
                "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
                "bootstrap-table-filter-control.min.js",
                "filter-control.min.js",
            ),
            # GX's templates ask for the filter-control styles of 1.19.0 (two rules, unchanged in 1.19.1).
            (
                "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
                "bootstrap-table-filter-control.min.css",
                "filter-control.min.css",
            ),
            (
                "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
                "bootstrap-table-filter-control.css",
                "filter-control.min.css",
            ),
        ),
    ),
    Package(
        "bootstrap-datepicker",
        "1.9.0",
        "bootstrap-datepicker",
        (
            ("dist/css/bootstrap-datepicker.min.css", "css/bootstrap-datepicker.min.css"),
            ("dist/js/bootstrap-datepicker.min.js", "js/bootstrap-datepicker.min.js"),
            ("LICENSE", "LICENSE"),
        ),
        (
            (
                "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css",
                "css/bootstrap-datepicker.min.css",
            ),
            (
                "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js",
                "js/bootstrap-datepicker.min.js",
            ),
        ),
    ),
    Package(
        "@fortawesome/fontawesome-free",
        "6.6.0",
        "fontawesome-free",
        (
            ("css/all.min.css", "css/all.min.css"),
            # Browsers take the first source they support, woff2, so the .ttf fallbacks are left out.
            ("webfonts/fa-brands-400.woff2", "webfonts/fa-brands-400.woff2"),
            ("webfonts/fa-regular-400.woff2", "webfonts/fa-regular-400.woff2"),
            ("webfonts/fa-solid-900.woff2", "webfonts/fa-solid-900.woff2"),
            ("webfonts/fa-v4compatibility.woff2", "webfonts/fa-v4compatibility.woff2"),
            ("LICENSE.txt", "LICENSE.txt"),
        ),
        (("https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css", "css/all.min.css"),),
    ),
    Package(
        "@forevolve/bootstrap-dark",
        "1.1.0",
        "bootstrap-dark",
        (
            # The minified build of the same stylesheet (150 kB instead of 880 kB).
            ("dist/css/bootstrap-prefers-dark.min.css", "css/bootstrap-prefers-dark.min.css"),
            ("LICENSE", "LICENSE"),
        ),
        (
            (
                "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css",
                "css/bootstrap-prefers-dark.min.css",
            ),
        ),
    ),
)

# popper.js 1.12.9 ships no license file; its package.json says MIT and popper.min.js opens with this copyright.
MIT_LICENSE = """The MIT License (MIT)

Copyright (C) Federico Zivolo 2017

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation the
rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the
Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def cdn_map() -> dict[str, str]:
    """Every CDN address GX writes -> the shipped copy's path under VENDOR_DIR (posix, relative)."""
    return {url: f"{p.folder}/{local}" for p in VENDORED for url, local in p.urls}


def fetch(package: Package, into: Path, workdir: Path) -> None:
    """Download the package's tarball with `npm pack` (which checks its integrity) and keep the listed files."""
    packed = subprocess.run(
        ["npm", "pack", "--json", f"{package.name}@{package.version}"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / json.loads(packed.stdout)[0]["filename"]
    target = into / package.folder
    with tarfile.open(tarball) as archive:
        for member, local in package.files:
            source = archive.extractfile(f"package/{member}")
            if source is None:
                raise SystemExit(f"{package.name}@{package.version} has no file {member}")
            (target / local).parent.mkdir(parents=True, exist_ok=True)
            (target / local).write_bytes(source.read())
    if not any(local.startswith("LICENSE") for _, local in package.files):
        (target / "LICENSE").write_text(MIT_LICENSE, encoding="utf-8")


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        for package in VENDORED:
            fetch(package, VENDOR_DIR, Path(workdir))
            print(f"{package.name}@{package.version} -> {VENDOR_DIR / package.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
